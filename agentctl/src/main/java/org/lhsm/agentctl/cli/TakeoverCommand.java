package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.params.ActionRecord;
import org.lhsm.agentctl.params.ActiveRequest;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.progress.ProgressDefaults;
import org.lhsm.agentctl.progress.StuckDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentctl takeover}: has a registered copytool (jhsmtool with {@code --takeover-dir}) hand
 * back to the coordinator the requests another copytool left STARTED and no longer progresses,
 * without waiting for {@code active_request_timeout} and without touching anything else.
 *
 * <p>Safety: a request is taken over only if its bytes done did not move during the whole
 * observation window ({@code --stuck-after} × {@code --progress-interval}, watched here), it does
 * not run on the taking copytool itself, and the taking copytool is registered and alive (its
 * heartbeat in the spool directory is fresh and its UUID is in {@code hsm.agents}). The taker does
 * not copy: it ends the request with an error and {@code HP_FLAG_RETRY}, so the coordinator queues
 * it again (or, under NoRetryAction, ends it FAILED and the taker submits it again); a copytool
 * then copies it through the usual temporary name and rename.
 */
@Command(
    name = "takeover",
    description = {
      "Hand back to the coordinator the STARTED requests whose copytool stopped progressing (dead"
          + " or hung), through a registered copytool started with --takeover-dir DIR, without"
          + " waiting for hsm.active_request_timeout.",
      "A request qualifies when its bytes done do not move for --stuck-after progress intervals"
          + " (watched that long first) and it is not running on the taking copytool. The taker"
          + " ends it with an error and HP_FLAG_RETRY: it returns to WAITING (or, under"
          + " NoRetryAction, ends FAILED and is submitted again), and is copied afresh."
    },
    mixinStandardHelpOptions = true)
public final class TakeoverCommand extends BaseCommand {
  /** A heartbeat older than this means the taking copytool is not running. */
  static final Duration HEARTBEAT_MAX_AGE = Duration.ofSeconds(10);

  static final Duration RESULT_POLL = Duration.ofMillis(500);

  @Parameters(
      paramLabel = "COOKIE",
      arity = "0..*",
      description = "Requests to take over, by cookie (0x… as agentctl requests prints them).")
  List<String> cookies = new ArrayList<>();

  @Option(
      names = "--all",
      description = "Take over every request that qualifies (instead of naming cookies).")
  boolean all;

  @Option(
      names = "--spool",
      paramLabel = "DIR",
      required = true,
      description = "The --takeover-dir of the registered copytool that takes the requests over.")
  Path spool;

  @Option(
      names = "--progress-interval",
      paramLabel = "SECONDS",
      description =
          "How often the copytools report progress, their --update-interval (default"
              + " ${DEFAULT-VALUE}).")
  int progressInterval = ProgressDefaults.REPORT_INTERVAL_SECONDS;

  @Option(
      names = "--stuck-after",
      paramLabel = "N",
      description =
          "Progress intervals without progress before a request may be taken over (default"
              + " ${DEFAULT-VALUE}; at least 1).")
  int stuckAfter = ProgressDefaults.STUCK_AFTER_INTERVALS;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      description = "Time between readings while watching (default ${DEFAULT-VALUE}).")
  double intervalSeconds = 2;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "How long to wait for the copytool's answer (default ${DEFAULT-VALUE}; exit code 8).")
  long timeoutSeconds = 60;

  @Option(names = "--dry-run", description = "Only list what would be taken over.")
  boolean dryRun;

  TakeoverCommand(CliEnvironment env) {
    super(env);
  }

  /** The taking copytool as its heartbeat describes it. */
  record Taker(String uuid, long pid, String mount, Instant beat) {}

  @Override
  public Integer call() throws Exception {
    if (all == !cookies.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "name the requests by COOKIE, or give --all");
    }
    if (stuckAfter < 1 || progressInterval < 1) {
      throw new CliException(
          ExitCode.USAGE,
          "--stuck-after and --progress-interval must be 1 or more: a request is taken over only"
              + " after it was seen not to progress");
    }
    if (!(intervalSeconds > 0) || timeoutSeconds < 1) {
      throw new CliException(ExitCode.USAGE, "--interval and --timeout must be above 0");
    }
    List<Long> wanted = new ArrayList<>();
    for (String c : cookies) {
      try {
        String h = c.strip().toLowerCase(Locale.ROOT);
        wanted.add(Long.parseUnsignedLong(h.startsWith("0x") ? h.substring(2) : h, 16));
      } catch (NumberFormatException e) {
        throw new CliException(
            ExitCode.USAGE, "bad COOKIE '" + c + "': expected hex like 0x6b06ac73");
      }
    }
    ParamStore store = params();
    String fs = fsname(store, Optional.empty());
    List<String> devices = mdts(store, fs);
    Taker taker = taker(store, devices);
    Duration window = Duration.ofSeconds((long) progressInterval * stuckAfter);
    StuckFinder.Findings f =
        StuckFinder.observe(
            env,
            store,
            devices,
            window,
            Duration.ofMillis(Math.round(intervalSeconds * 1000)),
            env.interactive() && !json() ? spec.commandLine().getErr() : null);
    Outcomes outcomes = new Outcomes();
    List<ActiveRequest> chosen = new ArrayList<>();
    for (StuckDetector.Stuck s : f.stuck()) {
      ActiveRequest a = s.request();
      if (!all && !wanted.contains(a.cookie())) {
        continue;
      }
      if (!s.noProgress()) {
        if (!all) {
          outcomes.fail(
              cookieText(a.cookie()),
              Optional.of(a.fid()),
              ExitCode.GENERAL,
              "not taken over: "
                  + s.describe()
                  + ", but it was not seen for the whole "
                  + window.toSeconds()
                  + " s window without progress");
        }
        continue;
      }
      if (a.agentUuid().equals(taker.uuid())) {
        if (!all) {
          outcomes.fail(
              cookieText(a.cookie()),
              Optional.of(a.fid()),
              ExitCode.GENERAL,
              "not taken over: it runs on the taking copytool itself");
        }
        continue;
      }
      chosen.add(a);
    }
    for (long c : wanted) {
      boolean known =
          chosen.stream().anyMatch(a -> a.cookie() == c)
              || outcomes.all().stream().anyMatch(o -> o.target().equals(cookieText(c)));
      if (!known) {
        boolean running = f.lastActive().stream().anyMatch(a -> a.cookie() == c);
        outcomes.fail(
            cookieText(c),
            Optional.empty(),
            running ? ExitCode.GENERAL : ExitCode.NOT_FOUND,
            running
                ? "not taken over: it progressed during the " + window.toSeconds() + " s window"
                : "not taken over: no running request with this cookie");
      }
    }
    if (dryRun || chosen.isEmpty()) {
      for (ActiveRequest a : chosen) {
        outcomes.ok(
            cookieText(a.cookie()),
            a.fid(),
            a.action().wireName() + " on agent " + a.agentUuid() + ": would be handed back");
      }
      return finish(outcomes, chosen.isEmpty() && outcomes.all().isEmpty());
    }
    Map<Long, Map<String, String>> results = order(chosen, f.records());
    for (ActiveRequest a : chosen) {
      Map<String, String> r = results.get(a.cookie());
      String what = a.action().wireName() + " of agent " + a.agentUuid();
      if (r == null) {
        outcomes.fail(
            cookieText(a.cookie()),
            Optional.of(a.fid()),
            ExitCode.GENERAL,
            what + ": the copytool gave no answer for it");
        continue;
      }
      String result = r.getOrDefault("result", "?");
      String message = r.getOrDefault("message", "");
      if (result.equals("failed")) {
        outcomes.fail(
            cookieText(a.cookie()),
            Optional.of(a.fid()),
            ExitCode.GENERAL,
            what + ": not taken over: " + r.getOrDefault("errno", "-") + ": " + message);
      } else {
        outcomes.ok(
            cookieText(a.cookie()),
            a.fid(),
            what + " handed back by " + taker.uuid() + " (" + result + "): " + message);
      }
    }
    return finish(outcomes, false);
  }

  private int finish(Outcomes outcomes, boolean nothing) {
    if (json()) {
      printJson(outcomes.toJson());
    } else if (nothing) {
      out().println("no request to take over");
      out().flush();
    } else {
      outcomes.print(out(), spec.commandLine().getErr(), "takeover");
    }
    return outcomes.exitCode();
  }

  private static String cookieText(long cookie) {
    return "0x" + Long.toHexString(cookie);
  }

  /** The taking copytool: heartbeat fresh, UUID registered on the filesystem's MDTs. */
  private Taker taker(ParamStore store, List<String> devices) throws IOException, CliException {
    Path beat = spool.resolve("agent");
    String text;
    try {
      text = Files.readString(beat, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliException(
          ExitCode.NOT_FOUND,
          "no copytool serves "
              + spool
              + " (no "
              + beat.getFileName()
              + " file): start jhsmtool with --takeover-dir "
              + spool);
    }
    Map<String, String> f = fields(text);
    Taker t;
    try {
      t =
          new Taker(
              f.get("uuid"),
              Long.parseLong(f.getOrDefault("pid", "0")),
              f.getOrDefault("mount", "?"),
              Instant.ofEpochMilli(Long.parseLong(f.get("time"))));
    } catch (RuntimeException e) {
      throw new CliException(
          ExitCode.GENERAL, "unreadable heartbeat " + beat + ": " + text.strip());
    }
    if (t.uuid() == null) {
      throw new CliException(
          ExitCode.GENERAL, "unreadable heartbeat " + beat + ": " + text.strip());
    }
    Duration age = Duration.between(t.beat(), env.clock().instant());
    if (age.compareTo(HEARTBEAT_MAX_AGE) > 0) {
      throw new CliException(
          ExitCode.COORDINATOR_UNAVAILABLE,
          "the copytool of "
              + spool
              + " (pid "
              + t.pid()
              + ") gave no sign of life for "
              + age.toSeconds()
              + " s: is it running?");
    }
    Map<String, Set<String>> registered = CoordinatorReader.agentUuids(store, devices);
    for (String dev : devices) {
      if (!registered.getOrDefault(dev, Set.of()).contains(t.uuid())) {
        throw new CliException(
            ExitCode.COORDINATOR_UNAVAILABLE,
            "the copytool of " + spool + " (agent " + t.uuid() + ") is not registered on " + dev);
      }
    }
    return t;
  }

  /** Writes the order, waits for the copytool's result; result fields by cookie. */
  private Map<Long, Map<String, String>> order(
      List<ActiveRequest> chosen, List<ActionRecord> records)
      throws IOException, InterruptedException, CliException {
    StringBuilder sb = new StringBuilder("# agentctl takeover\n");
    for (ActiveRequest a : chosen) {
      sb.append("mdt=")
          .append(a.device())
          .append(" cookie=0x")
          .append(Long.toHexString(a.cookie()))
          .append(" action=")
          .append(a.action().wireName())
          .append(" fid=")
          .append(a.fid())
          .append(" dfid=")
          .append(a.dfid())
          .append(" archive=")
          .append(Integer.toUnsignedLong(a.archiveId()))
          .append(" flags=0x")
          .append(Long.toHexString(a.flags()))
          .append(" extent=0x")
          .append(Long.toHexString(a.extent().offset()))
          .append("-0x")
          .append(Long.toHexString(a.extent().length()))
          .append(" datalen=")
          .append(dataLength(a, records))
          .append(" data=")
          .append(a.dataHex().isEmpty() ? "-" : a.dataHex())
          .append('\n');
    }
    String base = "takeover-" + UUID.randomUUID();
    Path tmp = spool.resolve("." + base + ".tmp");
    Path orderFile = spool.resolve(base + ".order");
    Path resultFile = spool.resolve(base + ".result");
    Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
    try {
      Files.move(tmp, orderFile, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, orderFile);
    }
    Instant deadline = env.clock().instant().plusSeconds(timeoutSeconds);
    while (!Files.exists(resultFile)) {
      if (!env.clock().instant().isBefore(deadline)) {
        boolean untouched = Files.deleteIfExists(orderFile);
        throw new CliException(
            ExitCode.TIMEOUT,
            "the copytool of "
                + spool
                + " did not answer within "
                + timeoutSeconds
                + " s"
                + (untouched
                    ? " (order withdrawn, nothing was taken over)"
                    : " (it took the order: see its log and agentctl requests)"));
      }
      env.pauser().pause(RESULT_POLL);
    }
    Map<Long, Map<String, String>> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(resultFile, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      int m = line.indexOf(" message=");
      Map<String, String> f = fields(m < 0 ? line : line.substring(0, m));
      if (m >= 0) {
        f.put("message", line.substring(m + " message=".length()));
      }
      try {
        String c = f.getOrDefault("cookie", "");
        out.put(Long.parseUnsignedLong(c.startsWith("0x") ? c.substring(2) : c, 16), f);
      } catch (NumberFormatException e) {
        // a line for no cookie of ours: ignored
      }
    }
    Files.deleteIfExists(resultFile);
    return out;
  }

  /**
   * The request's data length from its {@code hsm.actions} record ({@code datalen=}); the lists
   * show at most the first 5 bytes, so without the record only fewer bytes count as complete.
   */
  private static long dataLength(ActiveRequest a, List<ActionRecord> records) {
    for (ActionRecord r : records) {
      if (r.device().equals(a.device()) && r.cookie() == a.cookie()) {
        return r.dataLength();
      }
    }
    int shown = a.dataHex().length() / 2;
    return shown >= 5 ? Integer.MAX_VALUE : shown;
  }

  private static Map<String, String> fields(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String tok : text.strip().split("\\s+")) {
      int eq = tok.indexOf('=');
      if (eq > 0) {
        m.put(tok.substring(0, eq), tok.substring(eq + 1));
      }
    }
    return m;
  }
}
