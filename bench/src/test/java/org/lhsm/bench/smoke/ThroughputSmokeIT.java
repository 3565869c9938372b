package org.lhsm.bench.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
 * {@code throughput --size 8M --rounds 1 --json}: every variant (cp, the backend alone, jhsmtool
 * through the emulator) runs, verifies and is reported consistently; the emulator and the working
 * files are gone afterwards.
 */
class ThroughputSmokeIT {
  private static final long SIZE = 8L << 20;

  @Test
  @SuppressWarnings("unchecked")
  void aTinyRunReportsEveryVariantWithEveryByteCounted() throws Exception {
    Path dir = Harness.workDir("throughput");
    ChildProcess.Result r =
        Harness.run(
            Duration.ofMinutes(5),
            Harness.onEmulator("throughput", dir, "--size=8M", "--rounds=1", "--json"));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Map<String, Object> j = JsonParser.object(r.stdout());

    assertThat(j).containsEntry("benchmark", "throughput").containsEntry("verified", true);
    assertThat(j.get("sizeBytes")).isEqualTo((double) SIZE);
    assertThat(j.get("rounds")).isEqualTo(1.0);
    List<Map<String, Object>> variants = (List<Map<String, Object>>) j.get("variants");
    assertThat(variants)
        .extracting(v -> v.get("name"))
        .containsExactly(
            "archive/cp",
            "archive/backend-crc32c",
            "archive/backend-none",
            "archive/jhsmtool-crc32c",
            "archive/jhsmtool-none",
            "restore/cp",
            "restore/backend-crc32c",
            "restore/backend-none",
            "restore/jhsmtool-crc32c",
            "restore/jhsmtool-none");
    for (Map<String, Object> v : variants) {
      List<Map<String, Object>> samples = (List<Map<String, Object>>) v.get("samples");
      assertThat(samples).as("%s", v.get("name")).hasSize(1);
      Map<String, Object> s = samples.get(0);
      double seconds = (Double) s.get("seconds");
      double mbps = (Double) s.get("mbPerSec");
      assertThat(s.get("bytes")).as("bytes counted = bytes requested").isEqualTo((double) SIZE);
      assertThat(seconds).isPositive();
      assertThat(mbps).isPositive().isCloseTo(SIZE / seconds / 1e6, within(0.01 * mbps + 0.001));
      assertThat((Double) v.get("bestMbPerSec")).isEqualTo(mbps);
      assertThat((Double) v.get("medianMbPerSec")).isEqualTo(mbps);
    }
    List<Map<String, Object>> ratios = (List<Map<String, Object>>) j.get("ratios");
    assertThat(ratios).hasSize(8);
    for (Map<String, Object> ratio : ratios) {
      double jh = best(variants, ratio.get("op") + "/" + ratio.get("tool"));
      double cp = best(variants, ratio.get("op") + "/cp");
      assertThat((Double) ratio.get("best")).isCloseTo(jh / cp, within(1e-3 * jh / cp));
    }
    assertThat(j.get("kept")).isEqualTo(false);
    Harness.assertEmulatorStopped(j);
    assertThat(Path.of((String) j.get("emulatorDirectory"))).doesNotExist();
    assertThat(Path.of((String) j.get("directory"))).doesNotExist();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("throughput-"));
    }
  }

  @SuppressWarnings("unchecked")
  private static double best(List<Map<String, Object>> variants, String name) {
    return variants.stream()
        .filter(v -> v.get("name").equals(name))
        .map(v -> (Double) v.get("bestMbPerSec"))
        .findFirst()
        .orElseThrow();
  }
}
