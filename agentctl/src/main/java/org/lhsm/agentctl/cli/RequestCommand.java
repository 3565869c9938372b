package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.files.HsmFiles;
import org.lhsm.agentctl.out.Lfs;
import org.lhsm.agentctl.params.ActionRecord;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.params.RecordStatus;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.HsmCurrentAction;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserState;
import org.lhsm.bindings.UserAction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Submits one HSM request per file (so each file gets its own failure reason) and optionally
 * follows each to its end.
 */
abstract class RequestCommand extends BaseCommand {
  static final Duration POLL = Duration.ofMillis(500);

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
    List<Target> submitted = new ArrayList<>();
    for (String name : names) {
      Target t;
      try {
        t = Target.resolve(name, Optional.ofNullable(mount), env.files());
      } catch (CliException | IOException e) {
        outcomes.fail(name, Optional.empty(), e);
        continue;
      }
      try {
        env.files().request(t.requestPath(), kind(), archiveId, List.of(t.fid()), data);
        submitted.add(t);
      } catch (IOException e) {
        outcomes.fail(name, Optional.of(t.fid()), e);
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
          if (!HsmFiles.isPending(a)) {
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
