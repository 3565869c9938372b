package org.lhsm.faults;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.lhsm.faults.common.Campaign;
import org.lhsm.faults.common.CampaignResult;
import org.lhsm.faults.common.Context;
import org.lhsm.faults.common.Env;
import org.lhsm.faults.common.Hsm;
import org.lhsm.faults.common.Machine;
import org.lhsm.faults.common.Seeds;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lhsm-faults [options] CAMPAIGN...}: runs fault campaigns and prints, for each, {@code N
 * passed, N failed} with its own figures and the replay command of every failed trial. Bounded
 * sizes by default (what CI runs), {@code --full} for the campaigns of record. Exit status: 0 every
 * trial passed, 1 a trial failed or a campaign could not run, 2 usage.
 */
@Command(
    name = "lhsm-faults",
    mixinStandardHelpOptions = true,
    version = "lhsm-faults 0.1.0",
    description = {
      "Fault campaigns against jhsmtool, the coordinator emulator and the emulation library.",
      "Campaigns: all, or any of: " + FaultsMain.NAMES
    })
public final class FaultsMain implements Callable<Integer> {
  static final String NAMES = Campaigns.NAMES;

  @Parameters(paramLabel = "CAMPAIGN", arity = "1..*", description = "all, or campaign names")
  List<String> campaigns = new ArrayList<>();

  @Option(names = "--full", description = "full sizes (default: bounded, as CI runs them)")
  boolean full;

  @Option(names = "--seed", paramLabel = "S", description = "seed (default: from the clock)")
  String seed;

  @Option(
      names = "--seeds",
      paramLabel = "N",
      description =
          "run every campaign under N consecutive seeds, S, S+1, ... (default: ${DEFAULT-VALUE})")
  int seeds = 1;

  @Option(
      names = "--budget-minutes",
      paramLabel = "M",
      description =
          "with --seeds: start the next seed only if, at the pace so far, it ends within M minutes"
              + " of the start (default: no budget)")
  Integer budgetMinutes;

  @Option(
      names = "--trial",
      paramLabel = "K",
      description = "replay only trial K of the campaign (with the seed that found it)")
  Integer trial;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "working directory (default: $LHSM_FAULTS_DIR, else faults/target/work)")
  Path dir;

  @Option(names = "--keep", description = "keep the working directories")
  boolean keep;

  @Option(names = "--markdown", description = "also print the README table rows")
  boolean markdown;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    List<Campaign> selected = Campaigns.select(campaigns);
    long s = seed != null ? Seeds.parse(seed) : System.nanoTime() ^ System.currentTimeMillis();
    Env env = Env.find(Path.of("").toAbsolutePath());
    Hsm.useLibrary(env.library());
    Path work =
        dir != null
            ? dir
            : System.getenv("LHSM_FAULTS_DIR") != null
                ? Path.of(System.getenv("LHSM_FAULTS_DIR"))
                : env.tree().resolve("faults/target/work");
    if (seeds < 1 || (seeds > 1 && trial != null)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--seeds must be at least 1, and 1 with --trial");
    }
    out.println(
        "lhsm-faults "
            + (full ? "full" : "bounded")
            + ", seed "
            + Seeds.hex(s)
            + (seeds > 1 ? " (+" + (seeds - 1) + " more)" : "")
            + ", "
            + Machine.describe());
    List<CampaignResult> results = new ArrayList<>();
    boolean broken = false;
    long start = System.nanoTime();
    for (int k = 0; k < seeds; k++) {
      long elapsed = System.nanoTime() - start;
      if (k > 0
          && budgetMinutes != null
          && elapsed / k * (k + 1) > budgetMinutes * 60_000_000_000L) {
        out.printf(
            "== %d of %d seeds run: another would pass the %d-minute budget%n",
            k, seeds, budgetMinutes);
        break;
      }
      Context ctx =
          new Context(
              env,
              s + k,
              full,
              trial == null ? OptionalInt.empty() : OptionalInt.of(trial),
              work.toAbsolutePath(),
              keep,
              out);
      broken |= runAll(selected, ctx, results);
    }
    int failed = 0;
    for (CampaignResult r : results) {
      failed += r.failed();
    }
    out.printf(
        "== total: %d campaign runs, %d failed trials%s%n",
        results.size(), failed, broken ? ", some campaigns could not run" : "");
    if (markdown) {
      String date = LocalDate.now().toString();
      String commit = Machine.commit(env.tree());
      String machine = Machine.describe();
      for (CampaignResult r : results) {
        out.printf(
            "| %s | %d | %d | %d | %s | %s | %s | %s | %s |%n",
            r.campaign(),
            r.trials(),
            r.passed(),
            r.failed(),
            r.figuresLine().replace("|", "/"),
            Seeds.hex(r.seed()) + (full ? " --full" : ""),
            date,
            commit,
            machine);
      }
    }
    return failed == 0 && !broken ? 0 : 1;
  }

  /** Runs {@code selected} under {@code ctx}'s seed; true if one could not run. */
  private static boolean runAll(
      List<Campaign> selected, Context ctx, List<CampaignResult> results) {
    PrintStream out = ctx.out();
    boolean broken = false;
    for (Campaign c : selected) {
      out.println("== " + c.name() + " (seed " + Seeds.hex(ctx.seed()) + "): " + c.description());
      long t0 = System.nanoTime();
      try {
        CampaignResult r = c.run(ctx);
        r.print(out);
        results.add(r);
        if (r.failed() > 0) {
          ctx.keepForDiagnosis();
        }
      } catch (Exception | AssertionError e) {
        broken = true;
        out.printf("%s: could not run (%.1f s): %s%n", c.name(), (System.nanoTime() - t0) / 1e9, e);
        e.printStackTrace(System.err);
      }
      ctx.cleanup();
    }
    return broken;
  }

  public static void main(String[] args) {
    int status;
    try {
      status = new CommandLine(new FaultsMain()).execute(args);
    } catch (AssertionError e) {
      System.err.println("lhsm-faults: " + e.getMessage());
      status = 1;
    }
    System.exit(status);
  }
}
