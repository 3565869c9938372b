package org.lhsm.bench.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lhsm.bench.report.JsonParser;
import org.lhsm.emulator.testkit.ChildProcess;

/**
 * {@code daemon --requests 30 --rounds 2 --warmup 5}: every queued archive is drained and recorded
 * as SUCCEED by the daemon, each round's figures are consistent (rate = actions / drain time, CPU
 * seconds per 1000 actions from the daemon's CPU time), the summary is the median of the rounds,
 * and every round's emulator is gone. It asserts no speed.
 */
class DaemonSmokeIT {
  private static final int REQUESTS = 30;

  @Test
  @SuppressWarnings("unchecked")
  void aTinyRunDrainsEveryRequestAndReportsConsistentFigures() throws Exception {
    Path dir = Harness.workDir("daemon");
    Path json = dir.resolve("report.json");
    ChildProcess.Result r =
        Harness.run(
            Duration.ofMinutes(5),
            List.of(
                "daemon",
                "--dir=" + dir,
                "--requests=" + REQUESTS,
                "--rounds=2",
                "--max-requests=4",
                "--warmup=5",
                "--emulator-jar=" + System.getProperty("lhsm.emulator.jar"),
                "--emulator-lib=" + System.getProperty("lhsm.emulator.lib"),
                "--json-file=" + json));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).startsWith("daemon: 30 ARCHIVE requests of 4 KiB files (warm-up 5)");
    Map<String, Object> j = JsonParser.object(Files.readString(json, StandardCharsets.UTF_8));

    assertThat(j)
        .containsEntry("benchmark", "daemon")
        .containsEntry("requests", (double) REQUESTS)
        .containsEntry("fileSize", 4096.0)
        .containsEntry("agents", 1.0)
        .containsEntry("workersPerAgent", 4.0)
        .containsEntry("maxRequests", 4.0)
        .containsEntry("warmup", 5.0)
        .containsEntry("kept", false);
    assertThat((List<Object>) j.get("daemonJvmOptions")).isNotEmpty();
    List<Map<String, Object>> rounds = (List<Map<String, Object>>) j.get("rounds");
    assertThat(rounds).hasSize(2);
    List<Double> rates = new ArrayList<>();
    for (Map<String, Object> round : rounds) {
      assertThat(round)
          .containsEntry("ended", (double) REQUESTS)
          .containsEntry("failed", 0.0)
          .containsEntry("succeedRecords", (double) REQUESTS);
      double drain = (Double) round.get("drainSeconds");
      double rate = (Double) round.get("actionsPerSec");
      assertThat(drain).isPositive();
      assertThat(rate).isCloseTo(REQUESTS / drain, within(REQUESTS / drain * 1e-2));
      rates.add(rate);
      assertThat((Double) round.get("actionLists")).isBetween(1.0, (double) REQUESTS);
      assertThat((Double) round.get("queueSeconds")).isPositive();
      double cpu = (Double) round.get("daemonCpuSecondsDrain");
      assertThat(cpu).isNotNegative();
      assertThat((Double) round.get("daemonCpuSecondsPer1000Actions"))
          .isCloseTo(cpu * 1000 / REQUESTS, within(1e-2));
      long pid = ((Double) round.get("emulatorPid")).longValue();
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
          .as("round's emulator stopped")
          .isEmpty();
    }
    Map<String, Object> summary = (Map<String, Object>) j.get("actionsPerSec");
    assertThat((List<Double>) summary.get("samples")).isEqualTo(rates);
    Collections.sort(rates);
    assertThat((Double) summary.get("median"))
        .isCloseTo((rates.get(0) + rates.get(1)) / 2, within(1e-2));
    assertThat(summary.get("min")).isEqualTo(rates.get(0));
    assertThat(summary.get("max")).isEqualTo(rates.get(1));
    assertThat(Path.of((String) j.get("directory"))).as("working directory removed").doesNotExist();
  }
}
