package org.lhsm.bench.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lhsm.bench.report.JsonParser;
import org.lhsm.emulator.testkit.ChildProcess;

/**
 * {@code footprint} at tiny sizes: jhsmtool (this tree's launcher, as a child process) archives 20
 * small files and 2 larger ones against the emulator; the report is well-formed and consistent
 * (every run, its samples in time order, the peak no smaller than any sample, RSS taken after the
 * first 5 actions and after all, and their difference) and the launcher's warm-up start built its
 * class-data-sharing archive. It asserts no size or speed.
 */
class FootprintSmokeIT {
  @Test
  @SuppressWarnings("unchecked")
  void aTinyRunReportsMemoryOverTimeForEachScenario() throws Exception {
    Path dir = Harness.workDir("footprint");
    Path cache = dir.resolve("cache");
    Path json = dir.resolve("report.json");
    ChildProcess.Result r =
        Harness.run(
            Duration.ofMinutes(5),
            List.of(
                "footprint",
                "--dir=" + dir,
                "--files=20",
                "--few=5",
                "--large=2",
                "--large-size=1M",
                "--interval=50",
                "--settle=100",
                "--cache-dir=" + cache,
                "--jhsmtool=" + System.getProperty("lhsm.copytool.launcher"),
                "--emulator-jar=" + System.getProperty("lhsm.emulator.jar"),
                "--emulator-lib=" + System.getProperty("lhsm.emulator.lib"),
                "--json-file=" + json));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).startsWith("footprint: sampled every 50 ms");
    Map<String, Object> j = JsonParser.object(Files.readString(json, StandardCharsets.UTF_8));

    assertThat(j).containsEntry("benchmark", "footprint").containsEntry("kept", false);
    assertThat((String) j.get("loadAverageBefore")).matches("[0-9.]+ [0-9.]+ [0-9.]+");
    List<Map<String, Object>> runs = (List<Map<String, Object>>) j.get("runs");
    assertThat(runs)
        .extracting(m -> m.get("tool") + "/" + m.get("scenario"))
        .containsExactly("jhsmtool/small", "jhsmtool/large");
    assertThat(runs.get(0)).containsEntry("files", 20.0).containsEntry("fileSize", 4096.0);
    assertThat(runs.get(1))
        .containsEntry("files", 2.0)
        .containsEntry("fileSize", 1048576.0)
        .containsEntry("maxRequests", 2.0);
    for (Map<String, Object> run : runs) {
      List<Map<String, Object>> samples = (List<Map<String, Object>>) run.get("samples");
      assertThat(samples).hasSizeGreaterThanOrEqualTo(2);
      double last = -1;
      double maxRss = 0;
      for (Map<String, Object> s : samples) {
        assertThat((Double) s.get("ms")).isGreaterThanOrEqualTo(last);
        last = (Double) s.get("ms");
        maxRss = Math.max(maxRss, (Double) s.get("rssKiB"));
        assertThat((Double) s.get("hwmKiB")).isGreaterThanOrEqualTo((Double) s.get("rssKiB"));
      }
      assertThat(run.get("maxSampledRssKiB")).isEqualTo(maxRss);
      assertThat((Double) run.get("peakRssKiB")).isGreaterThanOrEqualTo(maxRss).isPositive();
      assertThat((Double) run.get("registeredSeconds")).isPositive();
      assertThat((Double) run.get("requestedMillis"))
          .isLessThanOrEqualTo((Double) run.get("doneMillis"));
      double seconds = (Double) run.get("seconds");
      assertThat(seconds).isPositive();
      assertThat((Double) run.get("actionsPerSecond"))
          // both are rounded to 4 decimals in the JSON: compare relatively, not to 1e-3
          .isCloseTo((Double) run.get("files") / seconds, withinPercentage(0.1));
      assertThat((Double) run.get("cpuSeconds")).isPositive();
      List<Map<String, Object>> cps = (List<Map<String, Object>>) run.get("checkpoints");
      Map<String, Object> all = cps.get(cps.size() - 1);
      assertThat((Double) all.get("ended")).isGreaterThanOrEqualTo((Double) run.get("files"));
      assertThat((Double) run.get("growthKiB"))
          .isEqualTo((Double) all.get("rssKiB") - (Double) cps.get(0).get("rssKiB"));
    }
    List<Map<String, Object>> few = (List<Map<String, Object>>) runs.get(0).get("checkpoints");
    assertThat(few).as("small: after the first 5 ended, after all 20").hasSize(2);
    assertThat((Double) few.get(0).get("ended")).isBetween(5.0, 20.0);
    assertThat((Double) few.get(0).get("ms")).isLessThanOrEqualTo((Double) few.get(1).get("ms"));
    assertThat(r.stdout()).contains("jhsmtool, 20 x 4 KiB: RSS ");
    assertThat(dir.toFile().list())
        .as("working subdirectory removed")
        .containsOnly("cache", "report.json");
    try (Stream<Path> s = Files.walk(cache)) {
      assertThat(s.filter(p -> p.getFileName().toString().equals("jhsmtool.jsa")))
          .as("class-data-sharing archive built by the launcher's first start")
          .hasSize(1);
    }
  }
}
