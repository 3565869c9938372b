package org.lhsm.faults.perms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.lhsm.faults.common.Campaign;
import org.lhsm.faults.common.CampaignResult;
import org.lhsm.faults.common.Context;
import org.lhsm.faults.common.CopytoolProcess;
import org.lhsm.faults.common.Emulators;
import org.lhsm.faults.common.Seeds;
import org.lhsm.faults.perms.RequestMatrix.Masks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaign permissions: who may do what. An unprivileged jhsmtool cannot register (EACCES on {@code
 * .lustre/fid}, or EPERM from the register itself when it may search that directory); agentctl run
 * by an unprivileged user cannot write a tunable or {@code hsm_control}; root can both. Requests
 * made by a user through agentctl are accepted or refused (EPERM) as the owner/group/other request
 * masks say, with the defaults and with masks root widened; a release as the file's mode says
 * (EACCES); a refused request leaves no record and the file's state as it was; root is always
 * accepted.
 */
public final class PermissionsCampaign implements Campaign {
  static final String NAME = "permissions";
  private static final Logger LOG = LoggerFactory.getLogger(PermissionsCampaign.class);
  private static final int NOBODY = 65534;
  private static final int EXIT_PERMISSION = 4;
  private static final Masks WIDE =
      new Masks("ARCHIVE RESTORE REMOVE CANCEL", "ARCHIVE CANCEL", "REMOVE");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "unprivileged copytool/agentctl refused; user requests obey the request masks";
  }

  @Override
  public CampaignResult run(Context ctx) throws Exception {
    CampaignResult result = new CampaignResult(NAME, ctx.seed(), ctx.replayPrefix(NAME));
    long t0 = System.nanoTime();
    if (!"root".equals(System.getProperty("user.name"))
        || !Files.isExecutable(Path.of(AsUser.SETPRIV))) {
      result.note("skipped: needs root and " + AsUser.SETPRIV + " to run clients as other users");
      return result;
    }
    SplittableRandom r = Seeds.random(Seeds.trial(ctx.seed(), NAME, 0));
    int user = 20000 + 2 * r.nextInt(10000);
    Path dir = ctx.directory(NAME);
    open(dir);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("hsm/loop_period", "1");
    params.put("hsm/grace_delay", "36000");
    // the cancel targets wait in archive 2, which no copytool serves; gathered for dispatch, they
    // would count against max_requests and hold back archive 1 (as on Lustre)
    params.put("hsm/max_requests", "100");
    Trials t = new Trials(ctx, result);
    Clients clients = new Clients(ctx.env());
    Map<String, Integer> outcomes = new TreeMap<>();
    try (EmulatorProcess emu = Emulators.start(ctx, dir, params)) {
      open(emu.dir());
      open(emu.dir().resolve("state"));
      Path arc = Files.createDirectories(dir.resolve("archive"));
      registration(t, clients, emu, arc);
      try (CopytoolProcess ct =
          CopytoolProcess.startServing(ctx.env(), emu.mount(2), arc, dir.resolve("copytool.log"))) {
        t.record(
            agentLines(emu) == 1 ? null : "root's copytool: hsm.agents " + emu.param("hsm/agents"));
        control(t, clients, emu);
        Path base = Files.createDirectories(emu.mount(1).resolve("perm"));
        open(base);
        RequestMatrix m = new RequestMatrix(emu, base, user, user + 1);
        MatrixRun run = new MatrixRun(m, clients, t, outcomes);
        run.all("default", AsUser.of(user, user), Masks.DEFAULT);
        t.record(setMasks(clients, emu, WIDE));
        run.all("wide", AsUser.of(user, user), WIDE);
        run.all("root", AsUser.ROOT, Masks.DEFAULT);
        ct.stop(Duration.ofSeconds(60));
      }
    }
    result.figure("requester uid", user);
    result.figure("outcomes (expected=got)", outcomes);
    result.duration(Duration.ofNanos(System.nanoTime() - t0));
    return result;
  }

  /** Lets other users traverse and read a directory the campaign made (0700 by default). */
  private static void open(Path d) throws IOException {
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static long agentLines(EmulatorProcess emu) throws IOException {
    return emu.param("hsm/agents").lines().filter(l -> !l.isBlank()).count();
  }

  /** Trials: jhsmtool as nobody, then as nobody allowed to search {@code .lustre/fid}. */
  private static void registration(Trials t, Clients c, EmulatorProcess emu, Path arc)
      throws IOException {
    AsUser nobody = AsUser.of(NOBODY, NOBODY);
    ChildProcess.Result plain = c.jhsmtool(nobody, emu.mount(2), arc);
    t.record(refusedRegistration(plain, 13, "EACCES (Permission denied)", emu));
    ChildProcess.Result search = c.jhsmtool(nobody.withCap("dac_read_search"), emu.mount(2), arc);
    t.record(refusedRegistration(search, 1, "EPERM (Operation not permitted)", emu));
  }

  private static String refusedRegistration(
      ChildProcess.Result r, int exit, String says, EmulatorProcess emu) throws IOException {
    List<String> problems = new ArrayList<>();
    String all = r.stdout() + r.stderr();
    if (r.exitCode() != exit) {
      problems.add("exit " + r.exitCode() + ", expected " + exit);
    }
    if (!all.contains("llapi_hsm_copytool_register") || !all.contains(says)) {
      problems.add("the output does not say llapi_hsm_copytool_register ... " + says);
    }
    if (agentLines(emu) != 0) {
      problems.add("hsm.agents: " + emu.param("hsm/agents"));
    }
    return problems.isEmpty() ? null : "unprivileged jhsmtool: " + String.join("; ", problems);
  }

  /** Trials: agentctl as nobody writing tunables and {@code hsm_control}; nothing changes. */
  private static void control(Trials t, Clients c, EmulatorProcess emu) throws IOException {
    String root = emu.paramRoot().toString();
    List<List<String>> writes =
        List.of(
            List.of("tunables", "set", "max_requests=8"),
            List.of("tunables", "set", "user_request_mask=ARCHIVE RESTORE REMOVE CANCEL"),
            List.of("coordinator", "shutdown"),
            List.of("coordinator", "purge"));
    List<String> watched =
        List.of("hsm/max_requests", "hsm/user_request_mask", "hsm_control", "hsm/actions");
    for (List<String> w : writes) {
      Map<String, String> before = values(emu, watched);
      List<String> args = new ArrayList<>(List.of("--param-root", root));
      args.addAll(w);
      ChildProcess.Result r = c.agentctl(AsUser.of(NOBODY, NOBODY), args);
      List<String> problems = new ArrayList<>();
      if (r.exitCode() != EXIT_PERMISSION || !r.stderr().contains("permission denied")) {
        problems.add("exit " + r.exitCode() + " (" + r.stderr().strip() + ")");
      }
      Map<String, String> after = values(emu, watched);
      if (!after.equals(before)) {
        problems.add("parameters changed: " + before + " -> " + after);
      }
      t.record(problems.isEmpty() ? null : "agentctl " + w + " as nobody: " + problems);
    }
  }

  private static Map<String, String> values(EmulatorProcess emu, List<String> names)
      throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    for (String n : names) {
      m.put(n, emu.param(n));
    }
    return m;
  }

  /** Root widens the masks with agentctl; returns once the daemon has applied them. */
  private static String setMasks(Clients c, EmulatorProcess emu, Masks m) throws IOException {
    Path f = emu.paramFile("hsm/other_request_mask");
    Object before = Files.readAttributes(f, BasicFileAttributes.class).fileKey();
    ChildProcess.Result r =
        c.agentctl(
            AsUser.ROOT,
            List.of(
                "--param-root",
                emu.paramRoot().toString(),
                "tunables",
                "set",
                "user_request_mask=" + m.user(),
                "group_request_mask=" + m.group(),
                "other_request_mask=" + m.other()));
    if (r.exitCode() != 0) {
      return "root's agentctl tunables set: exit " + r.exitCode() + " " + r.stderr().strip();
    }
    // the daemon republishes the file it applied (a new inode); agentctl wrote in place
    Await.until(
        "request masks applied",
        () ->
            !Objects.equals(before, Files.readAttributes(f, BasicFileAttributes.class).fileKey())
                && emu.param("hsm/other_request_mask").equals(m.other() + "\n"));
    String now =
        emu.param("hsm/user_request_mask")
            + emu.param("hsm/group_request_mask")
            + emu.param("hsm/other_request_mask");
    String want = m.user() + "\n" + m.group() + "\n" + m.other() + "\n";
    LOG.info("request masks now {}", now.replace('\n', '/'));
    return now.equals(want) ? null : "masks read " + now + ", expected " + want;
  }

  /** Numbers the trials in the order they run; records only the one replayed, if any. */
  static final class Trials {
    private final Context ctx;
    private final CampaignResult result;
    private int next;

    Trials(Context ctx, CampaignResult result) {
      this.ctx = ctx;
      this.result = result;
    }

    void record(String problem) {
      int k = next++;
      if (ctx.runs(k)) {
        result.trial(k, problem);
      }
    }
  }
}
