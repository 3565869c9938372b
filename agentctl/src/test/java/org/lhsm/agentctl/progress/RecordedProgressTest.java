package org.lhsm.agentctl.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The estimator replayed on progress sequences recorded from jhsmtool on the emulator ({@code
 * src/test/resources/progress/}): the ETA it gives once the reports began must put the end of the
 * copy within about one report interval of when it really ended; a killed copytool is called
 * stalled three report intervals after its last report.
 */
class RecordedProgressTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** One reading: time since queued (ms) and done bytes; done -1 for the end. */
  private record Sample(long millis, long done) {}

  private static List<Sample> load(String name) throws IOException {
    try (InputStream in = RecordedProgressTest.class.getResourceAsStream("/progress/" + name)) {
      List<Sample> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split(" ");
        out.add(new Sample(Long.parseLong(f[0]), f[1].equals("end") ? -1 : Long.parseLong(f[1])));
      }
      return out;
    }
  }

  /** Replays until the end; returns the worst distance between predicted and real end, in ms. */
  private static long worstEndError(List<Sample> samples, Duration interval, long size) {
    long end = samples.get(samples.size() - 1).millis();
    EtaEstimator e = new EtaEstimator(interval);
    long worst = 0;
    int predictions = 0;
    for (Sample s : samples) {
      if (s.done() < 0) {
        break;
      }
      Instant at = T0.plusMillis(s.millis());
      e.observe(at, s.done());
      EtaEstimator.Estimate x = e.estimate(at, OptionalLong.of(size));
      if (x.eta().isPresent()) {
        long predictedEnd = s.millis() + x.eta().get().toMillis();
        worst = Math.max(worst, Math.abs(predictedEnd - end));
        predictions++;
      }
    }
    assertThat(predictions).as("readings with an ETA").isPositive();
    return worst;
  }

  @Test
  void oneSecondReports() throws Exception {
    List<Sample> s = load("steady-u1.txt");
    assertThat(worstEndError(s, Duration.ofSeconds(1), 25165824)).isLessThan(1500);
  }

  @Test
  void fiveSecondReportsGiveAnEtaFromTheFirstReport() throws Exception {
    List<Sample> s = load("u5.txt");
    // a single report: its bytes are spread over the 5 s interval, not the 0.3 s between readings
    assertThat(worstEndError(s, Duration.ofSeconds(5), 41943040)).isLessThan(5000);
  }

  @Test
  void aKilledCopytoolIsStalledThreeIntervalsAfterItsLastReport() throws Exception {
    List<Sample> s = load("killed.txt");
    EtaEstimator e = new EtaEstimator(Duration.ofSeconds(1));
    long lastChange = 0;
    long previous = -1;
    Long stalledAt = null;
    for (Sample x : s) {
      Instant at = T0.plusMillis(x.millis());
      e.observe(at, x.done());
      if (x.done() != previous) {
        lastChange = x.millis();
        previous = x.done();
      }
      if (stalledAt == null && e.estimate(at, OptionalLong.of(41943040)).stalled()) {
        stalledAt = x.millis();
      }
    }
    assertThat(stalledAt).isNotNull();
    assertThat(stalledAt - lastChange).isBetween(3000L, 3500L);
    // before the kill it ran at the 2 MiB/s limit
    EtaEstimator before = new EtaEstimator(Duration.ofSeconds(1));
    for (Sample x : s) {
      if (x.millis() > lastChange) {
        break;
      }
      before.observe(T0.plusMillis(x.millis()), x.done());
    }
    double rate =
        before
            .estimate(T0.plusMillis(lastChange), OptionalLong.empty())
            .bytesPerSecond()
            .getAsDouble();
    assertThat(rate).isBetween(1.6 * (1 << 20), 2.6 * (1 << 20));
  }
}
