package org.lhsm.agentctl.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lhsm.agentctl.Fixtures;

class AgentsParserTest {
  @Test
  void parsesRealLustre2161Output() throws Exception {
    List<AgentEntry> agents = AgentsParser.parse(Fixtures.text("agents-2.16.1.txt"), "fixture");
    assertThat(agents).hasSize(2);
    AgentEntry after = agents.get(1);
    assertThat(after.device()).isEqualTo("lustre-MDT0000");
    assertThat(after.uuid()).isEqualTo("de2c3719-cca7-4408-9d26-90db9b7adf2e");
    assertThat(after.archiveIds()).containsExactly(1);
    assertThat(after.serves(1)).isTrue();
    assertThat(after.serves(2)).isFalse();
    assertThat(agents.get(0).ok()).isZero();
    assertThat(after.ok()).isEqualTo(4);
    assertThat(after.current()).isZero();
    assertThat(after.errors()).isZero();
  }

  @Test
  void parsesRawFileWithAnyAndArchiveLists() throws Exception {
    List<AgentEntry> agents = AgentsParser.parse(Fixtures.text("agents-2.12.txt"), "fixture");
    assertThat(agents).extracting(AgentEntry::device).containsOnly("");
    assertThat(agents.get(0).servesAnyArchive()).isTrue();
    assertThat(agents.get(0).serves(77)).isTrue();
    assertThat(agents.get(0).current()).isEqualTo(2);
    assertThat(agents.get(0).ok()).isEqualTo(17);
    assertThat(agents.get(0).errors()).isEqualTo(1);
    assertThat(agents.get(1).archiveIds()).isEqualTo(Set.of(1, 2, 30));
  }

  @Test
  void keepsUnknownFields() throws Exception {
    List<AgentEntry> agents =
        AgentsParser.parse(
            "uuid=u1 archive_id=1 requests=[current:1 ok:2 errors:3 pending:9] flavour=[x y] nid=1@tcp\n",
            "x");
    assertThat(agents.get(0).extra()).containsEntry("flavour", "x y").containsEntry("nid", "1@tcp");
    assertThat(agents.get(0).current()).isEqualTo(1);
  }

  @Test
  void emptyTextIsNoAgents() throws Exception {
    assertThat(AgentsParser.parse("", "x")).isEmpty();
    assertThat(AgentsParser.parse("mdt.lustre-MDT0000.hsm.agents=\n", "x")).isEmpty();
  }

  @Test
  void brokenLinesNameTheLineAndReason() {
    assertThatThrownBy(
            () ->
                AgentsParser.parse(
                    "uuid=a archive_id=1 requests=[current:0 ok:0 errors:0]\nuuid=b archive_id=1\n",
                    "agents"))
        .isInstanceOf(ParamFormatException.class)
        .hasMessageContaining("agents line 2")
        .hasMessageContaining("missing field 'requests'")
        .hasMessageContaining("'uuid=b archive_id=1'");
    assertThatThrownBy(
            () -> AgentsParser.parse("uuid=a archive_id=x requests=[current:0 ok:0 errors:0]", "f"))
        .hasMessageContaining("field 'archive_id'");
    assertThatThrownBy(
            () -> AgentsParser.parse("uuid=a archive_id=1 requests=[current:0 ok:0", "f"))
        .hasMessageContaining("unclosed '['");
    assertThatThrownBy(
            () -> AgentsParser.parse("uuid=a archive_id=1 requests=[current:0 ok:z errors:0]", "f"))
        .hasMessageContaining("not a number: 'z'");
    assertThatThrownBy(
            () -> AgentsParser.parse("uuid=a archive_id=1 requests=[current:0 errors:0]", "f"))
        .hasMessageContaining("missing 'ok:'");
    assertThatThrownBy(() -> AgentsParser.parse("garbage here", "f"))
        .hasMessageContaining("field 'garbage' at column 1 has no '='");
    assertThatThrownBy(
            () ->
                AgentsParser.parse(
                    "uuid=a uuid=b archive_id=1 requests=[current:0 ok:0 errors:0]", "f"))
        .hasMessageContaining("field 'uuid' repeated");
  }
}
