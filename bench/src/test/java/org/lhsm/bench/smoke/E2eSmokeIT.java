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
 * {@code e2e} with tiny sizes and one round: every case of cp and jhsmtool is reported once, the
 * summaries agree with the samples, the phases add up to the time waited, the copytool's footprint
 * is there, and the emulator, the copytool and the working files are gone afterwards. No speed is
 * asserted.
 */
class E2eSmokeIT {
  private static final List<String> CASES =
      List.of(
          "archive 1 MiB",
          "restore 1 MiB",
          "archive 6 x 4 KiB, max_requests 3",
          "archive 6 x 4 KiB, max_requests 64",
          "archive 3 x 64 KiB, max_requests 3",
          "archive 3 x 64 KiB, max_requests 64");

  @Test
  @SuppressWarnings("unchecked")
  void aTinyRunReportsEveryCaseConsistently() throws Exception {
    Path dir = Harness.workDir("e2e");
    ChildProcess.Result r =
        Harness.run(
            Duration.ofMinutes(5),
            Harness.onEmulator(
                "e2e",
                dir,
                "--size=1M",
                "--small-files=6",
                "--medium-files=3",
                "--medium-size=64K",
                "--rounds=1",
                "--warmup-files=2",
                "--json"));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Map<String, Object> j = JsonParser.object(r.stdout());
    assertThat(j)
        .containsEntry("benchmark", "e2e")
        .containsEntry("rounds", 1.0)
        .containsEntry("warmupFiles", "2 x 1048576 B");
    // the warm-up ran, untimed: it is in the log, not among the cases below
    assertThat(r.stderr()).contains("warm-up 2 x 1 MiB jhsmtool round 1:");

    List<Map<String, Object>> cases = (List<Map<String, Object>>) j.get("cases");
    assertThat(cases)
        .extracting(c -> c.get("case") + "/" + c.get("peer"))
        .containsExactlyInAnyOrder(
            CASES.get(0) + "/cp",
            CASES.get(0) + "/jhsmtool",
            CASES.get(1) + "/cp",
            CASES.get(1) + "/jhsmtool",
            CASES.get(2) + "/jhsmtool",
            CASES.get(3) + "/jhsmtool",
            CASES.get(4) + "/jhsmtool",
            CASES.get(5) + "/jhsmtool");
    for (Map<String, Object> c : cases) {
      List<Map<String, Object>> samples = (List<Map<String, Object>>) c.get("samples");
      assertThat(samples).as("%s", c).hasSize(1);
      double seconds = (Double) samples.get(0).get("seconds");
      assertThat(seconds).isPositive();
      assertThat(c.get("minSeconds")).isEqualTo(seconds);
      assertThat(c.get("medianSeconds")).isEqualTo(seconds);
      assertThat(c.get("maxSeconds")).isEqualTo(seconds);
      if (c.get("peer").equals("jhsmtool")) {
        copytoolFigures(c, samples.get(0), seconds);
      }
    }
    for (String name : CASES.subList(0, 2)) {
      Map<String, Object> jh = find(cases, name, "jhsmtool");
      Map<String, Object> versus = (Map<String, Object>) jh.get("speedVersus");
      double ratio =
          (Double) find(cases, name, "cp").get("medianSeconds") / (Double) jh.get("medianSeconds");
      // JSON rounds the times to 10^-4 s: a short cp's median is only that precise
      assertThat((Double) versus.get("cp")).isCloseTo(ratio, within(0.02 * ratio));
    }
    List<Map<String, Object>> reg = (List<Map<String, Object>>) j.get("registration");
    assertThat(reg)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.get("peer")).isEqualTo("jhsmtool");
              assertThat((List<Object>) x.get("seconds")).hasSize(1);
              assertThat((Double) x.get("medianSeconds")).isPositive();
              assertThat((List<Object>) x.get("cpuSeconds")).hasSize(1);
            });

    assertThat(r.stdout()).doesNotContain("| case |");
    Harness.assertEmulatorStopped(j);
    assertThat(Path.of((String) j.get("directory"))).doesNotExist();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("e2e-"));
    }
  }

  /** Footprint present and phases adding up to the time waited. */
  @SuppressWarnings("unchecked")
  private static void copytoolFigures(Map<String, Object> c, Map<String, Object> s, double secs) {
    assertThat((Double) s.get("peakRssBytes")).as("%s", c.get("case")).isPositive();
    assertThat((Double) s.get("cpuSeconds")).isNotNegative();
    assertThat((Double) s.get("emulatorCpuSeconds")).isNotNegative();
    Map<String, Object> phases = (Map<String, Object>) s.get("phaseSeconds");
    assertThat(phases.keySet()).containsExactly("submit", "queue", "run", "flag");
    double sum = phases.values().stream().mapToDouble(v -> (Double) v).sum();
    assertThat(phases.values()).allSatisfy(v -> assertThat((Double) v).isNotNegative());
    assertThat(sum).as("phases add up (JSON rounds each)").isCloseTo(secs, within(1e-3));
    // null when a tiny case ended between two rewrites of hsm/agents, 0 when every rewrite seen
    // showed it idle (the emulator publishes within its budget: a loaded CI host saw 0.0)
    Double inFlight = (Double) s.get("meanInFlight");
    if (inFlight != null) {
      assertThat(inFlight).isNotNegative();
    }
  }

  private static Map<String, Object> find(List<Map<String, Object>> cases, String n, String p) {
    return cases.stream()
        .filter(c -> c.get("case").equals(n) && c.get("peer").equals(p))
        .findFirst()
        .orElseThrow();
  }
}
