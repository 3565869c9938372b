package org.lhsm.agentctl.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lhsm.agentctl.params.ActiveRequest;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmExtent;

/** Stuck = agent no longer registered, or no progress seen during the whole window. */
class StuckDetectorTest {
  private static final String DEV = "lustre-MDT0000";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static ActiveRequest req(long cookie, String agent, long done) {
    return new ActiveRequest(
        DEV,
        new Fid(0x200000401L, (int) cookie, 0),
        new Fid(0x200000401L, (int) cookie, 0),
        0,
        cookie,
        CopytoolAction.ARCHIVE,
        1,
        0,
        HsmExtent.whole(),
        0,
        "",
        false,
        agent,
        done,
        Map.of());
  }

  private static Map<String, Set<String>> agents(String... uuids) {
    return Map.of(DEV, Set.of(uuids));
  }

  @Test
  void aRequestThatDoesNotMoveForTheWindowIsStuck() {
    StuckDetector d = new StuckDetector();
    d.observe(T0, List.of(req(1, "a", 100), req(2, "a", 100)), agents("a"));
    d.observe(T0.plusSeconds(30), List.of(req(1, "a", 100), req(2, "a", 200)), agents("a"));
    d.observe(T0.plusSeconds(60), List.of(req(1, "a", 100), req(2, "a", 200)), agents("a"));
    assertThat(d.stuck(Duration.ofSeconds(90))).isEmpty();
    d.observe(T0.plusSeconds(90), List.of(req(1, "a", 100), req(2, "a", 200)), agents("a"));
    List<StuckDetector.Stuck> s = d.stuck(Duration.ofSeconds(90));
    assertThat(s).hasSize(1);
    assertThat(s.get(0).request().cookie()).isEqualTo(1);
    assertThat(s.get(0).reason()).isEqualTo("no-progress");
    assertThat(s.get(0).describe()).isEqualTo("no progress for 90 s (done=100)");
  }

  @Test
  void aGoneAgentIsReportedAtOnce() {
    StuckDetector d = new StuckDetector();
    d.observe(T0, List.of(req(1, "dead", 0), req(2, "a", 0)), agents("a"));
    List<StuckDetector.Stuck> s = d.stuck(Duration.ofSeconds(90));
    assertThat(s).extracting(x -> x.request().cookie()).containsExactly(1L);
    assertThat(s.get(0).reason()).isEqualTo("agent-gone");
    assertThat(s.get(0).describe()).isEqualTo("agent dead is no longer registered");
    d.observe(T0.plusSeconds(90), List.of(req(1, "dead", 0), req(2, "a", 0)), agents("a"));
    assertThat(d.stuck(Duration.ofSeconds(90)))
        .extracting(StuckDetector.Stuck::reason)
        .containsExactly("agent-gone,no-progress", "no-progress");
  }

  @Test
  void aRequestSeenOnlyPartOfTheWindowIsNotJudged() {
    StuckDetector d = new StuckDetector();
    d.observe(T0, List.of(req(1, "a", 0)), agents("a"));
    d.observe(T0.plusSeconds(60), List.of(req(1, "a", 0), req(2, "a", 0)), agents("a"));
    d.observe(T0.plusSeconds(90), List.of(req(1, "a", 0), req(2, "a", 0)), agents("a"));
    assertThat(d.stuck(Duration.ofSeconds(90)))
        .extracting(x -> x.request().cookie())
        .containsExactly(1L);
  }

  @Test
  void aRequestThatLeftAndCameBackStartsAgain() {
    // a request retried (same cookie) and dispatched again to another agent is not the same run
    StuckDetector d = new StuckDetector();
    d.observe(T0, List.of(req(1, "a", 5)), agents("a", "b"));
    d.observe(T0.plusSeconds(45), List.of(), agents("a", "b"));
    d.observe(T0.plusSeconds(90), List.of(req(1, "b", 5)), agents("a", "b"));
    assertThat(d.stuck(Duration.ofSeconds(90))).isEmpty();
  }

  @Test
  void aRequestMovedToAnotherAgentHasMoved() {
    StuckDetector d = new StuckDetector();
    d.observe(T0, List.of(req(1, "a", 5)), agents("a", "b"));
    d.observe(T0.plusSeconds(90), List.of(req(1, "b", 5)), agents("a", "b"));
    assertThat(d.stuck(Duration.ofSeconds(90))).isEmpty();
  }

  @Test
  void aZeroWindowFindsOnlyGoneAgents() {
    StuckDetector d = new StuckDetector();
    d.observe(T0, List.of(req(1, "a", 0), req(2, "x", 0)), agents("a"));
    assertThat(d.stuck(Duration.ZERO)).extracting(x -> x.request().cookie()).containsExactly(2L);
  }
}
