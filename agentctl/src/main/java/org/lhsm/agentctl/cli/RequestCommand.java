package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.out.Lfs;
import org.lhsm.agentctl.params.ActionRecord;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.params.RecordStatus;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.HsmCurrentAction;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserState;
import org.lhsm.bindings.UserAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Submits the files as few HSM requests as the kernel accepts ({@link BatchSubmitter}: per
 * filesystem and MDT, each file still getting its own failure reason) and optionally follows each
 * to its end.
 */
abstract class RequestCommand extends BaseCommand {
  private static final Logger LOG = LoggerFactory.getLogger(RequestCommand.class);
  static final Duration POLL = Duration.ofMillis(500);

  /** Threads resolving names to FIDs. */
  static final int RESOLVE_THREADS = 4;

  @Mixin TargetInput input;

  @Option(names = "--mount", paramLabel = "DIR", description = "Lustre mount point used with FIDs.")
  Path mount;

  @Option(
      names = "--wait",
      description =
          "Follow each file's current action until it ends; report per-file results (progress"
              + " bar on a terminal).")
  boolean await;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "With --wait: give up after SECONDS (default 0 = no limit; exit code 8).")
  long timeoutSeconds;

  RequestCommand(CliEnvironment env) {
    super(env);
  }

  abstract UserAction kind();

  int archiveId() throws CliException {
    return 0;
  }

  byte[] data() throws CliException {
    return new byte[0];
  }

  String verb() {
    return kind().name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public Integer call() throws Exception {
    if (timeoutSeconds < 0) {
      throw new CliException(
          ExitCode.USAGE, "bad --timeout " + timeoutSeconds + ": must be 0 or more seconds");
    }
    if (timeoutSeconds > 0 && !await) {
      throw new CliException(
          ExitCode.USAGE, "--timeout " + timeoutSeconds + " only applies with --wait");
    }
    int archiveId = archiveId();
    byte[] data = data();
    List<String> names = input.read(env.stdin(), env.interactive());
    Outcomes outcomes = new Outcomes();
    long t0 = System.nanoTime();
    List<Resolved> resolved = resolveAll(names);
    long t1 = System.nanoTime();
    List<Target> targets = new ArrayList<>();
    for (Resolved r : resolved) {
      r.target().ifPresent(targets::add);
    }
    BatchSubmitter submitter = new BatchSubmitter(env.files(), kind(), archiveId, data);
    Map<Target, Optional<Exception>> failures = new IdentityHashMap<>();
    for (BatchSubmitter.Result r : submitter.submit(targets)) {
      failures.put(r.target(), r.failure());
    }
    LOG.debug(
        "{} names resolved in {} ms; {} files submitted in {} requests in {} ms",
        names.size(),
        (t1 - t0) / 1_000_000,
        targets.size(),
        submitter.requestsSent(),
        (System.nanoTime() - t1) / 1_000_000);
    List<Target> submitted = new ArrayList<>();
    for (Resolved r : resolved) {
      if (r.failure().isPresent()) {
        outcomes.fail(r.name(), Optional.empty(), r.failure().get());
        continue;
      }
      Target t = r.target().orElseThrow();
      Optional<Exception> failure = failures.get(t);
      if (failure.isPresent()) {
        outcomes.fail(t.input(), Optional.of(t.fid()), failure.get());
      } else {
        submitted.add(t);
      }
    }
    if (await) {
      follow(submitted, outcomes);
    } else {
      for (Target t : submitted) {
        outcomes.ok(
            t.input(),
            t.fid(),
            kind() == UserAction.RELEASE
                ? "released"
                : verb() + " requested " + t.fid().toString());
      }
    }
    if (json()) {
      printJson(outcomes.toJson());
    } else {
      outcomes.print(out(), spec.commandLine().getErr(), verb());
    }
    return outcomes.exitCode();
  }

  /** A name and what it resolved to: a target, or why not. */
  private record Resolved(String name, Optional<Target> target, Optional<Exception> failure) {}

  /**
   * Resolves every name (stat + path2fid) on {@link #RESOLVE_THREADS} threads: on Lustre a lookup
   * may wait for the MDS, on the emulator every call is a round trip to its daemon.
   */
  private List<Resolved> resolveAll(List<String> names) throws InterruptedException {
    Optional<Path> m = Optional.ofNullable(mount);
    List<Callable<Resolved>> jobs = new ArrayList<>();
    for (String name : names) {
      jobs.add(
          () -> {
            try {
              return new Resolved(
                  name, Optional.of(Target.resolve(name, m, env.files())), Optional.empty());
            } catch (CliException | IOException | RuntimeException e) {
              return new Resolved(name, Optional.empty(), Optional.of(e));
            }
          });
    }
    if (jobs.size() == 1) {
      try {
        return List.of(jobs.get(0).call());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(RESOLVE_THREADS);
    try {
      List<Resolved> out = new ArrayList<>();
      for (Future<Resolved> f : pool.invokeAll(jobs)) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private void follow(List<Target> submitted, Outcomes outcomes) throws InterruptedException {
    List<Target> pending = new ArrayList<>(submitted);
    Instant start = env.clock().instant();
    Optional<Instant> deadline =
        timeoutSeconds > 0 ? Optional.of(start.plusSeconds(timeoutSeconds)) : Optional.empty();
    ProgressBar bar = null;
    if (env.interactive() && !json() && !pending.isEmpty()) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(verb())
              .setInitialMax(pending.size())
              .setConsumer(new ConsoleProgressBarConsumer(System.err))
              .build();
    }
    try {
      while (!pending.isEmpty()) {
        for (Target t : new ArrayList<>(pending)) {
          HsmCurrentAction a;
          try {
            a = env.files().currentAction(t.statePath());
          } catch (IOException e) {
            outcomes.fail(t.input(), Optional.of(t.fid()), e);
            pending.remove(t);
            step(bar);
            continue;
          }
          if (!a.isPending()) {
            finish(t, outcomes);
            pending.remove(t);
            step(bar);
          }
        }
        if (pending.isEmpty()) {
          break;
        }
        if (deadline.isPresent() && !env.clock().instant().isBefore(deadline.get())) {
          for (Target t : pending) {
            outcomes.fail(
                t.input(),
                Optional.of(t.fid()),
                ExitCode.TIMEOUT,
                verb()
                    + " still pending after "
                    + timeoutSeconds
                    + "s (see: agentctl why "
                    + t.input()
                    + ")");
          }
          break;
        }
        env.pauser().pause(POLL);
      }
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
  }

  private static void step(ProgressBar bar) {
    if (bar != null) {
      bar.step();
    }
  }

  /**
   * Decides how a finished request went: its hsm.actions record if visible, else the file state.
   */
  private void finish(Target t, Outcomes outcomes) {
    Optional<ActionRecord> rec = lastRecord(t);
    if (rec.isPresent() && rec.get().status() == RecordStatus.FAILED) {
      outcomes.fail(
          t.input(),
          Optional.of(t.fid()),
          ExitCode.GENERAL,
          rec.get().action().wireName()
              + " failed (hsm.actions status FAILED, cookie 0x"
              + Long.toHexString(rec.get().cookie())
              + "; the copytool log has the reason)");
      return;
    }
    if (rec.isPresent()
        && rec.get().status() == RecordStatus.CANCELED
        && kind() != UserAction.CANCEL) {
      outcomes.fail(
          t.input(),
          Optional.of(t.fid()),
          ExitCode.GENERAL,
          rec.get().action().wireName()
              + " was canceled (by a user, a purge or active_request_timeout)");
      return;
    }
    HsmUserState s;
    try {
      s = env.files().state(t.statePath());
    } catch (IOException e) {
      outcomes.fail(t.input(), Optional.of(t.fid()), e);
      return;
    }
    Set<HsmState> f = s.states();
    boolean done =
        switch (kind()) {
          case ARCHIVE -> f.contains(HsmState.ARCHIVED) && !f.contains(HsmState.DIRTY);
          case RESTORE -> !f.contains(HsmState.RELEASED);
          case RELEASE -> f.contains(HsmState.RELEASED);
          case REMOVE -> !f.contains(HsmState.ARCHIVED);
          case CANCEL -> true;
          case NONE -> throw new IllegalStateException("no request kind");
        };
    if (done) {
      outcomes.ok(t.input(), t.fid(), doneText() + " " + Lfs.state(s));
    } else {
      outcomes.fail(
          t.input(),
          Optional.of(t.fid()),
          ExitCode.GENERAL,
          verb() + " ended but the file is " + Lfs.state(s));
    }
  }

  private String doneText() {
    return switch (kind()) {
      case ARCHIVE -> "archived";
      case RESTORE -> "restored";
      case RELEASE -> "released";
      case REMOVE -> "removed";
      case CANCEL -> "canceled";
      case NONE -> throw new IllegalStateException("no request kind");
    };
  }

  /** Newest record of this file and action on any MDT, if the parameters are readable here. */
  private Optional<ActionRecord> lastRecord(Target t) {
    if (kind() == UserAction.RELEASE) {
      return Optional.empty();
    }
    CopytoolAction action = CopytoolAction.fromWireName(kind().wireName());
    try {
      ParamStore store = params();
      String fs = fsname(store, Optional.of(t.requestPath()));
      List<ActionRecord> recs = new ArrayList<>();
      for (String dev : store.locator().mdts(fs)) {
        recs.addAll(store.actions(dev));
      }
      return recs.stream()
          .filter(r -> r.fid().equals(t.fid()) && r.action() == action)
          .max(Comparator.comparingLong(ActionRecord::cookie));
    } catch (IOException | CliException e) {
      return Optional.empty();
    }
  }
}
