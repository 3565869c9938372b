package org.lhsm.copytool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lhsm.copytool.engine.Engine;
import org.lhsm.copytool.engine.EngineConfig;
import org.lhsm.copytool.fakes.FakeActionSource;
import org.lhsm.copytool.fakes.NoopBackend;

class StopRequestTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<Integer> halts = new ArrayList<>();
  private final StopRequest stop =
      new StopRequest(
          new PrintStream(err, true, StandardCharsets.UTF_8), halts::add, Duration.ofDays(1));

  private static Engine engine() {
    return new Engine(new FakeActionSource(), new NoopBackend(), EngineConfig.defaults());
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aSignalBeforeTheEngineExistsStopsItAsSoonAsItIsAttached() {
    stop.onSignal("TERM");
    assertThat(stop.requested()).isTrue();
    assertThat(stderr()).isEqualTo("exiting: Terminated" + System.lineSeparator());

    Engine e = engine();
    stop.attach(e);

    assertThat(e.isStopping()).as("shut down before it runs: it unregisters at once").isTrue();
    assertThat(halts).isEmpty();
  }

  @Test
  void aSignalAfterAttachStopsTheEngine() {
    Engine e = engine();
    stop.attach(e);
    assertThat(e.isStopping()).isFalse();
    assertThat(stop.requested()).isFalse();

    stop.onSignal("INT");

    assertThat(e.isStopping()).isTrue();
    assertThat(stderr()).contains("exiting: Interrupt");
    assertThat(halts).isEmpty();
  }

  @Test
  void aSecondSignalHaltsWithOne() {
    stop.attach(engine());
    stop.onSignal("TERM");
    stop.onSignal("TERM");
    assertThat(halts).containsExactly(1);
    assertThat(stderr()).containsOnlyOnce("exiting");
  }

  @Test
  void aRegistrationThatDoesNotReturnAfterASignalEndsTheProcessWithOne() throws Exception {
    CompletableFuture<Integer> halted = new CompletableFuture<>();
    StopRequest hung =
        new StopRequest(
            new PrintStream(err, true, StandardCharsets.UTF_8), halted::complete, Duration.ZERO);
    hung.onSignal("TERM");
    assertThat(halted.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(stderr()).contains("registration did not return");
  }
}
