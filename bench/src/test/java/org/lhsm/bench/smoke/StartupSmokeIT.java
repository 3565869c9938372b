package org.lhsm.bench.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lhsm.bench.report.JsonParser;
import org.lhsm.emulator.testkit.ChildProcess;

/**
 * {@code startup --runs 2}: jhsmtool with and without its class-data-sharing archive, each started
 * twice (after a warm-up start) and timed to registration; the report holds every run, statistics
 * and ratios that match them, and the archive the warm-up start had the launcher build. It asserts
 * no speed.
 */
class StartupSmokeIT {
  @Test
  @SuppressWarnings("unchecked")
  void twoRunsPerToolAreReportedWithTheirStatistics() throws Exception {
    Path dir = Harness.workDir("startup");
    Path json = dir.resolve("report.json");
    ChildProcess.Result r =
        Harness.run(
            Duration.ofMinutes(5),
            List.of(
                "startup",
                "--dir=" + dir,
                "--runs=2",
                "--jhsmtool=" + System.getProperty("lhsm.copytool.launcher"),
                "--emulator-jar=" + System.getProperty("lhsm.emulator.jar"),
                "--emulator-lib=" + System.getProperty("lhsm.emulator.lib"),
                "--json-file=" + json));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).startsWith("startup: start -> registered, 2 interleaved runs");
    Map<String, Object> j = JsonParser.object(Files.readString(json, StandardCharsets.UTF_8));

    assertThat(j).containsEntry("benchmark", "startup").containsEntry("runs", 2.0);
    List<Map<String, Object>> tools = (List<Map<String, Object>>) j.get("tools");
    assertThat(tools).extracting(t -> t.get("tool")).containsExactly("jhsmtool", "jhsmtool-nocds");
    assertThat((Map<String, Object>) tools.get(1).get("env")).containsEntry("JHSMTOOL_CDS", "off");
    for (Map<String, Object> t : tools) {
      List<Double> s = (List<Double>) t.get("seconds");
      assertThat(s).hasSize(2).allSatisfy(v -> assertThat(v).isPositive());
      assertThat(t.get("minSeconds")).isEqualTo(Collections.min(s));
      assertThat(t.get("maxSeconds")).isEqualTo(Collections.max(s));
      // the JSON has 4 decimals: the mean of two rounded runs may differ from the rounded mean
      assertThat((Double) t.get("medianSeconds"))
          .isCloseTo((s.get(0) + s.get(1)) / 2, within(1e-4));
      assertThat((List<Double>) t.get("cpuSeconds")).hasSize(2);
      assertThat((Double) t.get("medianRatioToNoCds"))
          .isCloseTo(
              (Double) t.get("medianSeconds") / (Double) tools.get(1).get("medianSeconds"),
              within(1e-3));
    }
    assertThat((String) tools.get(0).get("cdsArchive"))
        .as("the launcher's archive, built by the warm-up start")
        .endsWith("/jhsmtool.jsa");
    assertThat(tools.get(1)).containsEntry("cdsArchive", null);
    assertThat(dir.toFile().list()).as("working subdirectory removed").containsOnly("report.json");
  }
}
