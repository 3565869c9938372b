package org.lhsm.agentctl.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The rate and ETA of one request from observations of its bytes done. */
class EtaEstimatorTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long MIB = 1 << 20;

  private static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  @Test
  void nothingIsKnownFromOneObservation() {
    EtaEstimator e = new EtaEstimator(Duration.ofSeconds(30));
    e.observe(at(0), 10 * MIB);
    EtaEstimator.Estimate x = e.estimate(at(0), OptionalLong.of(100 * MIB));
    assertThat(x.done()).isEqualTo(10 * MIB);
    assertThat(x.bytesPerSecond()).isEmpty();
    assertThat(x.eta()).isEmpty();
    assertThat(x.stalled()).isFalse();
    assertThat(e.hasRate()).isFalse();
  }

  @Test
  void oneReportIsSpreadOverAtLeastOneReportInterval() {
    // seen at 10 MiB (reported some time before), then +30 MiB reported at 5 s: the 30 MiB were
    // copied during the copytool's 30 s interval, not the 5 s this observer happened to watch
    EtaEstimator e = new EtaEstimator(Duration.ofSeconds(30));
    e.observe(at(0), 10 * MIB);
    e.observe(at(5), 40 * MIB);
    EtaEstimator.Estimate x = e.estimate(at(5), OptionalLong.of(100 * MIB));
    assertThat(x.bytesPerSecond().getAsDouble()).isCloseTo(MIB, within(1.0));
    assertThat(x.eta()).contains(Duration.ofSeconds(60));
    // 10 s later the copy went on at that rate: 10 s less to go
    assertThat(e.estimate(at(15), OptionalLong.of(100 * MIB)).eta())
        .contains(Duration.ofSeconds(50));
  }

  @Test
  void severalReportsGiveTheRateBetweenThem() {
    EtaEstimator e = new EtaEstimator(Duration.ofSeconds(2));
    e.observe(at(0.3), 0);
    for (int i = 1; i <= 4; i++) {
      e.observe(at(2.0 * i - 1), (i - 1) * 4 * MIB); // unchanged in between
      e.observe(at(2.0 * i), i * 4 * MIB);
    }
    EtaEstimator.Estimate x = e.estimate(at(8), OptionalLong.of(40 * MIB));
    assertThat(x.bytesPerSecond().getAsDouble()).isCloseTo(2 * MIB, within(1.0));
    assertThat(x.eta()).contains(Duration.ofSeconds(12));
  }

  @Test
  void onlyRecentReportsCount() {
    // 1 MiB/s for a minute, then 4 MiB/s: the window of 5 intervals (10 s) follows the change
    EtaEstimator e = new EtaEstimator(Duration.ofSeconds(2));
    long done = 0;
    e.observe(at(0), done);
    for (int s = 2; s <= 60; s += 2) {
      done += 2 * MIB;
      e.observe(at(s), done);
    }
    for (int s = 62; s <= 80; s += 2) {
      done += 8 * MIB;
      e.observe(at(s), done);
    }
    assertThat(e.estimate(at(80), OptionalLong.empty()).bytesPerSecond().getAsDouble())
        .isCloseTo(4 * MIB, within(1.0));
  }

  @Test
  void noProgressForThreeIntervalsIsStalled() {
    EtaEstimator e = new EtaEstimator(Duration.ofSeconds(10));
    e.observe(at(0), 0);
    e.observe(at(10), 5 * MIB);
    e.observe(at(40), 5 * MIB);
    assertThat(e.estimate(at(40), OptionalLong.of(50 * MIB)).stalled()).isFalse();
    e.observe(at(41), 5 * MIB);
    EtaEstimator.Estimate x = e.estimate(at(41), OptionalLong.of(50 * MIB));
    assertThat(x.stalled()).isTrue();
    assertThat(x.eta()).isEmpty();
    assertThat(x.bytesPerSecond()).isEmpty();
    assertThat(x.sinceLastChange()).contains(Duration.ofSeconds(31));
    // progress again: no longer stalled
    e.observe(at(45), 6 * MIB);
    assertThat(e.estimate(at(45), OptionalLong.of(50 * MIB)).stalled()).isFalse();
  }

  @Test
  void progressGoingBackStartsOver() {
    // a retried request (same cookie) is dispatched again and counts from 0
    EtaEstimator e = new EtaEstimator(Duration.ofSeconds(1));
    e.observe(at(0), 0);
    e.observe(at(1), 10 * MIB);
    e.observe(at(2), 20 * MIB);
    e.observe(at(3), 0);
    assertThat(e.hasRate()).isFalse();
    assertThat(e.estimate(at(3), OptionalLong.of(30 * MIB)).bytesPerSecond()).isEmpty();
    e.observe(at(4), MIB);
    assertThat(e.estimate(at(4), OptionalLong.of(30 * MIB)).bytesPerSecond().getAsDouble())
        .isCloseTo(MIB, within(1.0));
  }

  @Test
  void aFinishedCopyHasNothingLeft() {
    EtaEstimator e = new EtaEstimator(Duration.ofSeconds(1));
    e.observe(at(0), 0);
    e.observe(at(1), 8 * MIB);
    EtaEstimator.Estimate x = e.estimate(at(100), OptionalLong.of(8 * MIB));
    assertThat(x.eta()).contains(Duration.ZERO);
    assertThat(x.stalled()).isFalse();
  }

  @Test
  void withoutASizeThereIsARateButNoEta() {
    EtaEstimator e = new EtaEstimator(Duration.ofSeconds(1));
    e.observe(at(0), 0);
    e.observe(at(1), MIB);
    e.observe(at(2), 2 * MIB);
    EtaEstimator.Estimate x = e.estimate(at(2), OptionalLong.empty());
    assertThat(x.bytesPerSecond()).isPresent();
    assertThat(x.eta()).isEmpty();
  }

  @Test
  void observationsMustBeInOrder() {
    EtaEstimator e = new EtaEstimator(Duration.ofSeconds(1));
    e.observe(at(2), 0);
    assertThatThrownBy(() -> e.observe(at(1), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EtaEstimator(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
