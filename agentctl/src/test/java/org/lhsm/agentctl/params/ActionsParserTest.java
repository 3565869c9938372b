package org.lhsm.agentctl.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lhsm.agentctl.Fixtures;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmExtent;

class ActionsParserTest {
  private static final Fid F1 = new Fid(0x200000401L, 1, 0);

  @Test
  void parsesRealOneRecordForm() throws Exception {
    List<ActionRecord> recs = ActionsParser.parse(Fixtures.text("actions-2.16.1-one.txt"), "f");
    assertThat(recs).hasSize(1);
    ActionRecord r = recs.get(0);
    assertThat(r.device()).isEqualTo("lustre-MDT0000");
    assertThat(r.lrhType()).isEqualTo("10680000");
    assertThat(r.lrhLength()).isEqualTo(136);
    assertThat(r.catalogIndex()).isEqualTo(1);
    assertThat(r.recordIndex()).isEqualTo(1);
    assertThat(r.fid()).isEqualTo(F1);
    assertThat(r.dfid()).isEqualTo(F1);
    assertThat(r.compound()).isZero();
    assertThat(r.cookie()).isEqualTo(0x6b06905aL);
    assertThat(r.action()).isEqualTo(CopytoolAction.ARCHIVE);
    assertThat(r.archiveId()).isEqualTo(1);
    assertThat(r.flags()).isZero();
    assertThat(r.extent()).isEqualTo(HsmExtent.whole());
    assertThat(r.gid()).isZero();
    assertThat(r.dataLength()).isZero();
    assertThat(r.status()).isEqualTo(RecordStatus.SUCCEED);
    assertThat(r.dataHex()).isEmpty();
    assertThat(r.extra()).isEmpty();
  }

  @Test
  void parsesRealSeveralRecordForm() throws Exception {
    List<ActionRecord> recs = ActionsParser.parse(Fixtures.text("actions-2.16.1-four.txt"), "f");
    assertThat(recs)
        .extracting(ActionRecord::action)
        .containsExactly(
            CopytoolAction.ARCHIVE,
            CopytoolAction.RESTORE,
            CopytoolAction.RESTORE,
            CopytoolAction.REMOVE);
    assertThat(recs)
        .extracting(ActionRecord::cookie)
        .containsExactly(0x6b06905aL, 0x6b06905bL, 0x6b06905cL, 0x6b06905dL);
    assertThat(recs).extracting(ActionRecord::recordIndex).containsExactly(1, 2, 3, 4);
    assertThat(recs).extracting(ActionRecord::device).containsOnly("lustre-MDT0000");
  }

  @Test
  void rawFileContentParsesTheSameAsLctlOutput() throws Exception {
    String raw = Fixtures.rawFileText("actions-2.16.1-four.txt", "actions");
    assertThat(raw).doesNotContain("mdt.");
    List<ActionRecord> a = ActionsParser.parse(raw, "raw");
    List<ActionRecord> b = ActionsParser.parse(Fixtures.text("actions-2.16.1-four.txt"), "lctl");
    assertThat(a)
        .extracting(ActionRecord::cookie)
        .isEqualTo(b.stream().map(ActionRecord::cookie).toList());
  }

  @Test
  void parses212FormWithBareZerosAndData() throws Exception {
    List<ActionRecord> recs = ActionsParser.parse(Fixtures.text("actions-2.12.txt"), "f");
    assertThat(recs)
        .extracting(ActionRecord::status)
        .containsExactly(
            RecordStatus.WAITING, RecordStatus.STARTED, RecordStatus.FAILED, RecordStatus.CANCELED);
    ActionRecord w = recs.get(0);
    assertThat(w.compound()).isZero();
    assertThat(w.cookie()).isEqualTo(0x5e1f0001L);
    assertThat(w.archiveId()).isEqualTo(2);
    assertThat(w.dataLength()).isEqualTo(3);
    assertThat(w.dataHex()).isEqualTo("434541");
    assertThat(w.lrhLength()).isEqualTo(144);
    assertThat(recs.get(2).extent()).isEqualTo(new HsmExtent(0x1000, 0x2000));
    assertThat(recs.get(3).flags()).isEqualTo(1);
    assertThat(recs.get(3).recordIndex()).isEqualTo(10);
  }

  @Test
  void parses215FormFromTwoMdts() throws Exception {
    List<ActionRecord> recs = ActionsParser.parse(Fixtures.text("actions-2.15.txt"), "f");
    assertThat(recs)
        .extracting(ActionRecord::device)
        .containsExactly("lustre-MDT0000", "lustre-MDT0000", "lustre-MDT0001");
    assertThat(recs.get(1).action()).isEqualTo(CopytoolAction.CANCEL);
    assertThat(recs.get(2).fid()).isEqualTo(new Fid(0x240000401L, 1, 0));
    assertThat(recs.get(2).dataHex()).isEqualTo("0102030405");
  }

  @Test
  void keepsUnknownExtraFields() throws Exception {
    String line = Fixtures.text("actions-2.16.1-one.txt").strip() + " prio=[high] mirror=2\n";
    ActionRecord r = ActionsParser.parse(line, "f").get(0);
    assertThat(r.extra()).containsEntry("prio", "high").containsEntry("mirror", "2");
    assertThat(r.status()).isEqualTo(RecordStatus.SUCCEED);
  }

  @Test
  void brokenLinesAreRejectedNamingTheLine() {
    String good = Fixtures.text("actions-2.16.1-one.txt").strip();
    assertThatThrownBy(
            () ->
                ActionsParser.parse(
                    good + "\n" + good.replace("status=SUCCEED", "status=DONE"), "hsm.actions"))
        .isInstanceOf(ParamFormatException.class)
        .hasMessageContaining("hsm.actions line 2")
        .hasMessageContaining("unknown status 'DONE'");
    assertThatThrownBy(
            () ->
                ActionsParser.parse(
                    good.replace("fid=[0x200000401:0x1:0x0] d", "fid=[0x2000:0x1] d"), "f"))
        .hasMessageContaining("field 'fid'")
        .hasMessageContaining("bad FID");
    assertThatThrownBy(
            () -> ActionsParser.parse(good.replace("action=ARCHIVE", "action=COPY"), "f"))
        .hasMessageContaining("unknown action 'COPY'");
    assertThatThrownBy(
            () ->
                ActionsParser.parse(
                    good.replace("extent=0x0-0xffffffffffffffff", "extent=0x0"), "f"))
        .hasMessageContaining("field 'extent'");
    assertThatThrownBy(
            () ->
                ActionsParser.parse(
                    good.replace("compound/cookie=0x0/0x6b06905a", "compound/cookie=0x6b06905a"),
                    "f"))
        .hasMessageContaining("field 'compound/cookie'");
    assertThatThrownBy(() -> ActionsParser.parse(good.replace(" status=SUCCEED", ""), "f"))
        .hasMessageContaining("missing field 'status'");
    assertThatThrownBy(() -> ActionsParser.parse(good.replace("idx=1/1", "idx=11"), "f"))
        .hasMessageContaining("field 'idx'");
    assertThatThrownBy(() -> ActionsParser.parse(good.replace("data=[]", "data=[zz]"), "f"))
        .hasMessageContaining("not hex bytes");
    assertThatThrownBy(() -> ActionsParser.parse(good.substring(0, good.length() / 2), "f"))
        .isInstanceOf(ParamFormatException.class);
  }
}
