package org.lhsm.agentctl.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lhsm.agentctl.Fixtures;

class TunablesTest {
  @Test
  void parsesReal2161Defaults() throws Exception {
    Map<String, Map<String, String>> all =
        TunablesParser.parse(Fixtures.text("tunables-2.16.1.txt"), "f");
    Map<String, String> t = all.get("lustre-MDT0000");
    assertThat(all).containsOnlyKeys("lustre-MDT0000");
    assertThat(t).containsEntry("max_requests", "3").containsEntry("hsm_control", "enabled");
    assertThat(t).containsEntry("policy", "NonBlockingRestore [NoRetryAction]");
    assertThat(Tunable.enabledPolicies(t.get("policy"))).containsExactly("NoRetryAction");
    for (String name : t.keySet()) {
      if (!name.equals("hsm_control")) {
        assertThat(Tunable.byName(name)).as(name).isPresent();
      }
    }
  }

  @Test
  void parses212TwoMdtsNonDefaults() throws Exception {
    Map<String, Map<String, String>> all =
        TunablesParser.parse(Fixtures.text("tunables-2.12.txt"), "f");
    assertThat(all).containsOnlyKeys("lustre-MDT0000", "lustre-MDT0001");
    assertThat(Tunable.enabledPolicies(all.get("lustre-MDT0000").get("policy")))
        .containsExactly("NonBlockingRestore", "NoRetryAction");
    assertThat(Tunable.enabledPolicies(all.get("lustre-MDT0001").get("policy"))).isEmpty();
    assertThat(all.get("lustre-MDT0001")).containsEntry("hsm_control", "disabled");
    assertThat(all.get("lustre-MDT0000"))
        .containsEntry("user_request_mask", "ARCHIVE RESTORE REMOVE");
  }

  @Test
  void unknownParametersAreKeptBrokenLinesRejected() throws Exception {
    assertThat(TunablesParser.parse("mdt.fs-MDT0000.hsm.new_knob=7\n", "f").get("fs-MDT0000"))
        .containsEntry("new_knob", "7");
    assertThatThrownBy(
            () ->
                TunablesParser.parse("mdt.fs-MDT0000.hsm.max_requests=3\nmax_requests 3\n", "tun"))
        .isInstanceOf(ParamFormatException.class)
        .hasMessageContaining("tun line 2");
  }

  @Test
  void validatesBeforeWriting() {
    assertThat(Tunable.MAX_REQUESTS.validate("10")).isEqualTo("10");
    assertThat(Tunable.MAX_REQUESTS.validate("0x10")).isEqualTo("16");
    assertThatThrownBy(() -> Tunable.MAX_REQUESTS.validate("0"))
        .hasMessage("invalid value '0' for hsm.max_requests: must be a positive integer");
    assertThatThrownBy(() -> Tunable.LOOP_PERIOD.validate("-5")).hasMessageContaining("positive");
    assertThatThrownBy(() -> Tunable.GRACE_DELAY.validate("ten")).hasMessageContaining("positive");
    assertThatThrownBy(() -> Tunable.DEFAULT_ARCHIVE_ID.validate("4294967296"))
        .hasMessageContaining("default_archive_id");
    assertThat(Tunable.REMOVE_ARCHIVE_ON_LAST_UNLINK.validate("yes")).isEqualTo("1");
    assertThatThrownBy(() -> Tunable.REMOVE_ARCHIVE_ON_LAST_UNLINK.validate("2"))
        .hasMessageContaining("must be 0 or 1");
    assertThat(Tunable.POLICY.validate("nbr +NRA")).isEqualTo("NonBlockingRestore +NoRetryAction");
    assertThat(Tunable.POLICY.validate("-NoRetryAction")).isEqualTo("-NoRetryAction");
    assertThatThrownBy(() -> Tunable.POLICY.validate("Fast"))
        .hasMessageContaining("unknown policy 'Fast'");
    assertThat(Tunable.USER_REQUEST_MASK.validate("archive Restore")).isEqualTo("ARCHIVE RESTORE");
    assertThatThrownBy(() -> Tunable.USER_REQUEST_MASK.validate("RELEASE"))
        .hasMessageContaining("unknown action 'RELEASE'");
    assertThatThrownBy(() -> Tunable.ARCHIVE_COUNT.validate("1"))
        .hasMessage("hsm.archive_count is read-only");
    assertThat(Tunable.byName("hsm.grace_delay")).contains(Tunable.GRACE_DELAY);
    assertThat(Tunable.byName("archive_id")).isEmpty();
  }
}
