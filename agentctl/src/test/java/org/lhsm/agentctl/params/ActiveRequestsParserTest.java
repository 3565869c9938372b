package org.lhsm.agentctl.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lhsm.agentctl.Fixtures;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;

class ActiveRequestsParserTest {
  @Test
  void parses212RawForm() throws Exception {
    List<ActiveRequest> reqs =
        ActiveRequestsParser.parse(Fixtures.text("active_requests-2.12.txt"), "f");
    assertThat(reqs).hasSize(1);
    ActiveRequest r = reqs.get(0);
    assertThat(r.fid()).isEqualTo(new Fid(0x200000401L, 3, 0));
    assertThat(r.dfid()).isEqualTo(new Fid(0x200000402L, 1, 0));
    assertThat(r.action()).isEqualTo(CopytoolAction.RESTORE);
    assertThat(r.cookie()).isEqualTo(0x5e1f0002L);
    assertThat(r.canceled()).isFalse();
    assertThat(r.agentUuid()).isEqualTo("0a1b2c3d-0000-4000-8000-000000000001");
    assertThat(r.bytesDone()).isEqualTo(4194304L);
  }

  @Test
  void parses216LctlForm() throws Exception {
    List<ActiveRequest> reqs =
        ActiveRequestsParser.parse(Fixtures.text("active_requests-2.16.txt"), "f");
    assertThat(reqs).extracting(ActiveRequest::canceled).containsExactly(false, true);
    assertThat(reqs).extracting(ActiveRequest::device).containsOnly("lustre-MDT0000");
    assertThat(reqs.get(1).dataHex()).isEqualTo("434541");
    assertThat(reqs.get(0).bytesDone()).isEqualTo(1048576L);
  }

  @Test
  void lenientOnExtrasStrictOnBrokenValues() throws Exception {
    String line =
        Fixtures.rawFileText("active_requests-2.16.txt", "active_requests")
            .strip()
            .lines()
            .findFirst()
            .orElseThrow();
    assertThat(ActiveRequestsParser.parse(line + " last=12345", "f").get(0).extra())
        .containsEntry("last", "12345");
    assertThatThrownBy(
            () -> ActiveRequestsParser.parse(line.replace("canceled=0", "canceled=2"), "ar"))
        .hasMessageContaining("ar line 1")
        .hasMessageContaining("field 'canceled'");
    assertThatThrownBy(
            () -> ActiveRequestsParser.parse(line.replace("done=1048576", "done=-1"), "ar"))
        .hasMessageContaining("field 'done'");
    assertThatThrownBy(() -> ActiveRequestsParser.parse(line.replace(" uuid=", " uid="), "ar"))
        .hasMessageContaining("missing field 'uuid'");
  }
}
