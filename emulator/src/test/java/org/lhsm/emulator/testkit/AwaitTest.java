package org.lhsm.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AwaitTest {
  @AfterEach
  void clearScale() {
    System.clearProperty("lhsm.timeoutScale");
  }

  @Test
  void scaleDefaultsToOneAndMultipliesDeadlines() {
    System.clearProperty("lhsm.timeoutScale");
    assertThat(Await.scale()).isEqualTo(1.0);
    System.setProperty("lhsm.timeoutScale", "2.5");
    assertThat(Await.scaled(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(150));
  }

  @Test
  void badScalesAreRejectedNamingTheValue() {
    System.setProperty("lhsm.timeoutScale", "fast");
    assertThatThrownBy(Await::scale).hasMessageContaining("'fast'");
    System.setProperty("lhsm.timeoutScale", "0");
    assertThatThrownBy(Await::scale).hasMessageContaining("must be > 0");
  }

  @Test
  void untilReturnsTheFirstAcceptedValueAndRetriesProbeFailures() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    int v =
        Await.until(
            "third call",
            Duration.ofSeconds(30),
            () -> {
              int n = calls.incrementAndGet();
              if (n == 1) {
                throw new IllegalStateException("not ready");
              }
              return n;
            },
            n -> n >= 3);
    assertThat(v).isEqualTo(3);
  }

  @Test
  void untilFailsAfterTheDeadlineWithTheLastValue() {
    System.setProperty("lhsm.timeoutScale", "0.001");
    assertThatThrownBy(
            () -> Await.until("never", Duration.ofSeconds(10), () -> "state-x", s -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("never")
        .hasMessageContaining("state-x");
  }

  @Test
  void anErrorInTheProbeEndsTheWaitAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Await.until(
                    "a probe that fails",
                    () -> {
                      calls.incrementAndGet();
                      throw new AssertionError("daemon exited");
                    }))
        .hasMessage("daemon exited");
    assertThat(calls).hasValue(1);
  }

  @Test
  void withinSaysWhetherTheConditionCameRetryingProbeFailures() {
    AtomicInteger calls = new AtomicInteger();
    assertThat(
            Await.within(
                Duration.ofSeconds(30),
                () -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("in transition");
                  }
                  return calls.get() >= 3;
                }))
        .isTrue();
    assertThat(calls).hasValue(3);
    assertThat(Await.within(Duration.ofMillis(50), () -> false)).isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
