package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ErrorMapper;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.out.Lfs;
import org.lhsm.agentctl.out.Units;
import org.lhsm.agentctl.params.ActionRecord;
import org.lhsm.agentctl.params.ActiveRequest;
import org.lhsm.agentctl.params.AgentEntry;
import org.lhsm.agentctl.params.ParamNotFoundException;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.params.RecordStatus;
import org.lhsm.agentctl.progress.EtaEstimator;
import org.lhsm.agentctl.progress.ProgressDefaults;
import org.lhsm.agentctl.progress.ProgressTracker;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.HsmCurrentAction;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentctl why FILE}: joins the file's state and current action with its queue record, the
 * dispatched requests, the agents and the coordinator state into one explanation.
 */
@Command(
    name = "why",
    description =
        "Explain in one line why a file's HSM request waits, what it is doing, or what failed.",
    mixinStandardHelpOptions = true)
public final class WhyCommand extends BaseCommand {
  @Parameters(paramLabel = "FILE|FID", description = "The file (FIDs need --mount).")
  String file;

  @Option(
      names = "--mount",
      paramLabel = "DIR",
      description = "Lustre mount point used with a FID.")
  Path mount;

  @Option(
      names = "--eta-wait",
      paramLabel = "SECONDS",
      description =
          "For a running request: watch its progress reports up to SECONDS to give a rate and"
              + " an ETA (default ${DEFAULT-VALUE}; 0 answers at once, without ETA).")
  int etaWait = ProgressDefaults.ETA_WAIT_SECONDS;

  @Option(
      names = "--progress-interval",
      paramLabel = "SECONDS",
      description =
          "How often the copytool reports progress, its --update-interval (default"
              + " ${DEFAULT-VALUE}).")
  int progressInterval = ProgressDefaults.REPORT_INTERVAL_SECONDS;

  WhyCommand(CliEnvironment env) {
    super(env);
  }

  /** Time between readings while watching a running request for its ETA. */
  static final Duration ETA_POLL = Duration.ofMillis(500);

  /** The verdict: a stable machine-readable reason and the sentence for people. */
  record Verdict(String reason, String message) {}

  /** What the coordinator side shows for one MDT. */
  record MdtView(
      String device,
      String control,
      List<AgentEntry> agents,
      List<ActionRecord> records,
      List<ActiveRequest> active,
      Optional<Long> maxRequests) {}

  @Override
  public Integer call() throws Exception {
    Target t = Target.resolve(file, Optional.ofNullable(mount), env.files());
    HsmUserState state = env.files().state(t.statePath());
    HsmCurrentAction action = env.files().currentAction(t.statePath());
    List<MdtView> views = new ArrayList<>();
    String paramsProblem = null;
    try {
      ParamStore store = params();
      String fs = fsname(store, Optional.of(t.requestPath()));
      for (String dev : mdts(store, fs)) {
        views.add(view(store, dev));
      }
    } catch (IOException | CliException e) {
      paramsProblem = ErrorMapper.map(e).message();
    }
    if (etaWait < 0 || progressInterval < 1) {
      throw new CliException(
          ExitCode.USAGE, "--eta-wait must be 0 or more and --progress-interval 1 or more");
    }
    Optional<EtaEstimator.Estimate> progress = Optional.empty();
    if (action.isPending() && paramsProblem == null) {
      progress = progress(t, views);
    }
    Verdict v = decide(t, state, action, views, paramsProblem, progress);
    if (json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("target", t.input());
      m.put("fid", t.fid().toString());
      m.put("state", Lfs.state(state));
      m.put("action", action.action().wireName());
      m.put("progress", action.state().displayName());
      m.put("reason", v.reason());
      m.put("message", v.message());
      if (progress.isPresent()) {
        EtaEstimator.Estimate e = progress.get();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bytesDone", e.done());
        p.put("bytesTotal", e.total().isPresent() ? e.total().getAsLong() : null);
        p.put(
            "bytesPerSecond",
            e.bytesPerSecond().isPresent() ? Math.round(e.bytesPerSecond().getAsDouble()) : null);
        p.put("etaSeconds", e.eta().map(Duration::toSeconds).orElse(null));
        p.put("stalled", e.stalled());
        m.put("running", p);
      }
      printJson(m);
    } else {
      out().println(t.input() + ": " + v.message());
    }
    return 0;
  }

  /**
   * For a running request of the file: its bytes done, watched for up to {@code --eta-wait} until
   * the progress reports give a rate (or it ends), and the ETA from the file's size.
   */
  private Optional<EtaEstimator.Estimate> progress(Target t, List<MdtView> views)
      throws InterruptedException {
    Optional<ActiveRequest> running = Optional.empty();
    for (MdtView v : views) {
      for (ActiveRequest a : v.active()) {
        if (a.fid().equals(t.fid()) && a.action() != CopytoolAction.CANCEL) {
          running = Optional.of(CoordinatorReader.withDevice(a, v.device()));
        }
      }
    }
    if (running.isEmpty()) {
      return Optional.empty();
    }
    ActiveRequest a = running.get();
    EtaEstimator e = new EtaEstimator(Duration.ofSeconds(progressInterval));
    Instant start = env.clock().instant();
    e.observe(start, a.bytesDone());
    ParamStore store = params();
    Instant end = start.plusSeconds(etaWait);
    while (!e.hasRate() && env.clock().instant().isBefore(end)) {
      env.pauser().pause(ETA_POLL);
      Optional<ActiveRequest> now;
      try {
        now =
            store.activeRequests(a.device()).stream()
                .filter(x -> x.cookie() == a.cookie())
                .findFirst();
      } catch (IOException ex) {
        break;
      }
      if (now.isEmpty()) {
        break;
      }
      e.observe(env.clock().instant(), now.get().bytesDone());
    }
    OptionalLong size = OptionalLong.empty();
    if (a.action() != CopytoolAction.REMOVE) {
      try {
        size = OptionalLong.of(Files.size(t.statePath()));
      } catch (IOException | RuntimeException ex) {
        size = OptionalLong.empty();
      }
    }
    return Optional.of(e.estimate(env.clock().instant(), ProgressTracker.total(a, size)));
  }

  private static MdtView view(ParamStore store, String dev) throws IOException {
    Optional<Long> max;
    try {
      max = Optional.of(Long.parseLong(store.read(dev, "max_requests").strip()));
    } catch (ParamNotFoundException | NumberFormatException e) {
      max = Optional.empty();
    }
    return new MdtView(
        dev,
        store.control(dev),
        store.agents(dev),
        store.actions(dev),
        store.activeRequests(dev),
        max);
  }

  static Verdict decide(
      Target t,
      HsmUserState state,
      HsmCurrentAction action,
      List<MdtView> views,
      String paramsProblem,
      Optional<EtaEstimator.Estimate> progress) {
    String st = Lfs.state(state);
    // like llapi_hsm_current_action: the first non-final, non-CANCEL record of the file
    Optional<Located> pending = Optional.empty();
    List<ActionRecord> queuedCancels = new ArrayList<>();
    Optional<Located> last = Optional.empty();
    for (MdtView v : views) {
      for (ActionRecord r : v.records()) {
        if (!r.fid().equals(t.fid())) {
          continue;
        }
        Located l = new Located(v, r);
        if (!r.status().isFinal() && r.action() == CopytoolAction.CANCEL) {
          queuedCancels.add(r);
        } else if (!r.status().isFinal() && pending.isEmpty()) {
          pending = Optional.of(l);
        }
        if (last.isEmpty() || r.cookie() > last.get().record().cookie()) {
          last = Optional.of(l);
        }
      }
    }
    if (action.isPending()) {
      if (paramsProblem != null) {
        return new Verdict(
            "params-unreadable",
            action.action().wireName()
                + " "
                + action.state().displayName()
                + "; cannot say more, coordinator parameters unreadable here: "
                + paramsProblem);
      }
      if (pending.isEmpty()) {
        return new Verdict(
            "no-record",
            action.action().wireName()
                + " "
                + action.state().displayName()
                + " but no WAITING/STARTED record for "
                + t.fid().toString()
                + " in hsm.actions (it may have just finished)");
      }
      Verdict v = pendingVerdict(pending.get(), progress);
      long cookie = pending.get().record().cookie();
      if (queuedCancels.stream().anyMatch(c -> c.cookie() == cookie)) {
        return new Verdict(v.reason(), v.message() + "; a CANCEL for it is queued too");
      }
      return v;
    }
    if (state.states().contains(HsmState.LOST)) {
      return new Verdict("lost", "nothing pending; the archive copy is marked lost " + st);
    }
    if (last.isPresent()) {
      ActionRecord r = last.get().record();
      String cookie =
          "cookie 0x" + Long.toHexString(r.cookie()) + " on " + last.get().view().device();
      if (r.status() == RecordStatus.FAILED) {
        return new Verdict(
            "failed",
            "last "
                + r.action().wireName()
                + " FAILED ("
                + cookie
                + "): the copytool reported an error or the file was incompatible; see the copytool log; now "
                + st);
      }
      if (r.status() == RecordStatus.CANCELED) {
        return new Verdict(
            "canceled",
            "last "
                + r.action().wireName()
                + " was CANCELED ("
                + cookie
                + ") by a user, a purge or active_request_timeout; now "
                + st);
      }
      return new Verdict(
          "idle",
          "nothing pending; last "
              + r.action().wireName()
              + " "
              + r.status()
              + " ("
              + cookie
              + "); now "
              + st);
    }
    return new Verdict("idle", "nothing pending; " + st);
  }

  private record Located(MdtView view, ActionRecord record) {}

  /** {@code 12.0 MiB of 20.0 MiB done, 2.0 MiB/s, ETA 4s}. */
  static String describe(EtaEstimator.Estimate e) {
    StringBuilder sb = new StringBuilder(Units.bytes(e.done()));
    e.total().ifPresent(total -> sb.append(" of ").append(Units.bytes(total)));
    sb.append(" done");
    if (e.stalled()) {
      sb.append(
          ", no progress for "
              + e.sinceLastChange().map(Units::duration).orElse("a while")
              + " (see agentctl requests --stuck)");
    } else if (e.bytesPerSecond().isPresent()) {
      sb.append(", ").append(Units.rate(e.bytesPerSecond().getAsDouble()));
      if (e.eta().isPresent()) {
        sb.append(", ETA ").append(Units.duration(e.eta().get()));
      } else {
        sb.append(", ETA unknown (size unknown)");
      }
    } else {
      sb.append(", rate unknown (no progress report seen yet; watch longer with --eta-wait)");
    }
    return sb.toString();
  }

  private static Verdict pendingVerdict(Located l, Optional<EtaEstimator.Estimate> progress) {
    MdtView v = l.view();
    ActionRecord r = l.record();
    String what =
        r.action().wireName()
            + " (cookie 0x"
            + Long.toHexString(r.cookie())
            + ", archive "
            + Integer.toUnsignedLong(r.archiveId())
            + ")";
    if (r.status() == RecordStatus.STARTED) {
      Optional<ActiveRequest> ar =
          v.active().stream().filter(a -> a.cookie() == r.cookie()).findFirst();
      if (ar.isEmpty()) {
        return new Verdict(
            "started-not-active",
            what
                + " is STARTED in the queue of "
                + v.device()
                + " but not in its active requests (coordinator restarted?); it will be requeued or time out");
      }
      ActiveRequest a = ar.get();
      if (a.canceled()) {
        return new Verdict("canceling", what + " is being canceled on agent " + a.agentUuid());
      }
      boolean registered = v.agents().stream().anyMatch(ag -> ag.uuid().equals(a.agentUuid()));
      if (!registered) {
        return new Verdict(
            "agent-gone",
            what
                + " runs on agent "
                + a.agentUuid()
                + ", which is no longer registered on "
                + v.device()
                + "; it will time out after hsm.active_request_timeout");
      }
      return new Verdict(
          "running",
          what
              + " running on agent "
              + a.agentUuid()
              + ", "
              + progress.map(WhyCommand::describe).orElse(a.bytesDone() + " bytes done"));
    }
    if (!v.control().equals("enabled")) {
      return new Verdict(
          "coordinator-" + v.control(),
          what
              + " waits: the coordinator of "
              + v.device()
              + " is "
              + v.control()
              + " (agentctl coordinator enable)");
    }
    if (v.agents().isEmpty()) {
      return new Verdict("no-agent", what + " waits: no copytool is registered on " + v.device());
    }
    int archive = r.archiveId();
    if (v.agents().stream().noneMatch(a -> a.serves(archive))) {
      String served =
          v.agents().stream()
              .map(AgentsCommand::archives)
              .distinct()
              .collect(Collectors.joining(", "));
      return new Verdict(
          "no-agent-for-archive",
          what
              + " waits: no copytool serves archive "
              + Integer.toUnsignedLong(archive)
              + " on "
              + v.device()
              + " (agents serve: "
              + served
              + ")");
    }
    long running = v.active().size();
    if (v.maxRequests().isPresent() && running >= v.maxRequests().get()) {
      return new Verdict(
          "max-requests",
          what
              + " waits: "
              + v.device()
              + " already runs "
              + running
              + " requests = hsm.max_requests "
              + v.maxRequests().get());
    }
    long ahead =
        v.records().stream()
            .filter(
                o ->
                    o.status() == RecordStatus.WAITING
                        && Long.compareUnsigned(o.cookie(), r.cookie()) < 0)
            .count();
    return new Verdict(
        "queued",
        what
            + " waits in the queue of "
            + v.device()
            + " behind "
            + ahead
            + " older waiting request(s); a copytool can take it at the next scan");
  }
}
