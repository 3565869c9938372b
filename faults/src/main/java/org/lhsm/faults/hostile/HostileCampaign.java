package org.lhsm.faults.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.lhsm.faults.common.Campaign;
import org.lhsm.faults.common.CampaignResult;
import org.lhsm.faults.common.Context;
import org.lhsm.faults.common.CopytoolProcess;
import org.lhsm.faults.common.Emulators;
import org.lhsm.faults.common.Seeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaign 6 (issue 12 item 6): 100+ bad command lines and config files for jhsmtool and agentctl,
 * each run as a real process against an emulated Lustre; each must exit with its documented code,
 * say on stderr what is wrong (the option, the value or the path), change nothing on disk or in the
 * coordinator, and exit at once. Then symbolic links planted in a served copytool's archive tree
 * ({@link PlantedLinks}). Trials are numbered in list order: jhsmtool cases, agentctl cases,
 * planted links.
 */
public final class HostileCampaign implements Campaign {
  static final String NAME = "hostile";
  private static final Logger LOG = LoggerFactory.getLogger(HostileCampaign.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "bad command lines and config files, links planted in the archive: documented exit"
        + " code, message naming the fault, nothing changed on disk";
  }

  @Override
  public CampaignResult run(Context ctx) throws Exception {
    CampaignResult result = new CampaignResult(NAME, ctx.seed(), ctx.replayPrefix(NAME));
    long t0 = System.nanoTime();
    Path dir = ctx.directory(NAME);
    // the unprivileged cases must reach the fixture (the directory is made 0700)
    Path work = ctx.workDir().toAbsolutePath();
    for (Path d = dir.toAbsolutePath(); d != null && d.startsWith(work); d = d.getParent()) {
      Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("hsm/loop_period", "1");
    params.put("hsm/grace_delay", "36000");
    SplittableRandom r = Seeds.random(Seeds.trial(ctx.seed(), NAME, 0));
    List<Case> cases = new ArrayList<>(JhsmtoolCases.cases(r, ctx.full()));
    cases.addAll(AgentctlCases.cases(r, ctx.full()));
    String noNobody = Cli.nobodyUnavailable();
    Map<String, Integer> perTool = new TreeMap<>();
    Map<String, Integer> perCategory = new TreeMap<>();
    Map<String, Integer> perCode = new TreeMap<>();
    long slowest = 0;
    try (EmulatorProcess emu = Emulators.start(ctx, dir, params)) {
      Fixture fx = new Fixture(emu, dir);
      Path scratch = Files.createDirectories(dir.resolve("scratch"));
      Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxrwxrwx"));
      Map<String, String> env = new LinkedHashMap<>();
      env.put("LHSM_LIBLUSTREAPI", ctx.env().library().toString());
      env.put("LHSM_PARAM_ROOT", fx.params.toString());
      Cli cli = new Cli(ctx.env(), env, scratch);
      for (int k = 0; k < cases.size(); k++) {
        Case c = cases.get(k);
        if (!ctx.runs(k)) {
          continue;
        }
        if (c.unprivileged() && noNobody != null) {
          result.note("skipped '" + c + "': " + noNobody);
          continue;
        }
        Fixture.State before = fx.snapshot();
        Cli.Run run = cli.run(c.tool(), fx.expand(c.args()), c.unprivileged());
        slowest = Math.max(slowest, run.millis());
        String problem = Verdict.of(c, run, fx, fx.snapshot().diff(before));
        if (problem != null) {
          LOG.warn(
              "case {} ({}): {}\n  stdout: {}\n  stderr: {}", k, c, problem, run.out(), run.err());
        }
        result.trial(k, problem == null ? null : c + ": " + problem);
        perTool.merge(c.tool().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        perCategory.merge(c.category(), 1, Integer::sum);
        perCode.merge(
            c.tool().name().toLowerCase(java.util.Locale.ROOT) + "=" + run.exit(), 1, Integer::sum);
      }
      plantedLinks(ctx, emu, dir, cases.size(), result);
    }
    result.figure("cases per tool", perTool);
    result.figure("cases per category", perCategory);
    result.figure("exit codes seen (tool=code: cases)", perCode);
    result.figure("slowest case (ms)", slowest);
    result.duration(Duration.ofNanos(System.nanoTime() - t0));
    return result;
  }

  private static void plantedLinks(
      Context ctx, EmulatorProcess emu, Path dir, int first, CampaignResult result)
      throws IOException, InterruptedException {
    PlantedLinks.Plant[] plants = PlantedLinks.Plant.values();
    boolean any = false;
    for (int i = 0; i < plants.length; i++) {
      any |= ctx.runs(first + i);
    }
    if (!any) {
      return;
    }
    Path root = Files.createDirectories(dir.resolve("served-archive"));
    Path outside = Files.createDirectories(dir.resolve("served-outside"));
    try (CopytoolProcess ct =
        CopytoolProcess.startServing(ctx.env(), emu.mount(2), root, dir.resolve("copytool.log"))) {
      PlantedLinks links = new PlantedLinks(ct, emu.mount(1), root, outside);
      for (int i = 0; i < plants.length; i++) {
        if (ctx.runs(first + i)) {
          result.trial(first + i, links.run(plants[i], first + i));
          result.count("planted links", 1);
        }
      }
      ct.stop(Duration.ofSeconds(60));
    }
  }
}
