package org.lhsm.copytool.lustre;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.ActionBatch;
import org.lhsm.copytool.core.ActionCanceledException;
import org.lhsm.copytool.core.ActionItem;
import org.lhsm.copytool.core.ActionKind;
import org.lhsm.copytool.core.Errnos;

class ConversionsTest {
  @Test
  void itemsKeepEveryFieldTheEngineUses() {
    org.lhsm.bindings.Fid f = org.lhsm.bindings.Fid.parse("[0x200000401:0x1:0x0]");
    org.lhsm.bindings.Fid d = org.lhsm.bindings.Fid.parse("[0x200000402:0x1:0x0]");
    HsmActionItem i =
        new HsmActionItem(
            CopytoolAction.RESTORE, f, d, HsmExtent.whole(), 0x6b06905bL, 0, new byte[0]);
    HsmActionList list = new HsmActionList(HsmActionList.VERSION, "lustre", 1, 0, List.of(i));
    ActionBatch b = Conversions.batch(list);
    assertThat(b.fsname()).isEqualTo("lustre");
    ActionItem a = b.items().get(0);
    assertThat(a.kind()).isEqualTo(ActionKind.RESTORE);
    assertThat(a.fid()).isEqualTo(Fid.parseLenient("[0x200000401:0x1:0x0]"));
    assertThat(a.dfid()).isEqualTo(Fid.parseLenient("[0x200000402:0x1:0x0]"));
    assertThat(a.isWholeFile()).isTrue();
    assertThat(a.cookieHex()).isEqualTo("0x6b06905b");
    assertThat(a.archiveId()).isEqualTo(1);
    assertThat(a.encodedLength()).isEqualTo(72);
  }

  @Test
  void everyBindingsActionMapsWithItsCode() {
    for (CopytoolAction c : CopytoolAction.values()) {
      assertThat(Conversions.kind(c).wireName()).isEqualTo(c.wireName());
      assertThat(Conversions.kind(c).code()).isEqualTo(c.code());
    }
  }

  @Test
  void anUnknownActionKeepsTheNumberTheCoordinatorSent() {
    org.lhsm.bindings.Fid f = org.lhsm.bindings.Fid.parse("[0x200000401:0x1:0x0]");
    HsmActionItem i =
        new HsmActionItem(
            CopytoolAction.UNKNOWN, f, f, HsmExtent.whole(), 0x7L, 0, new byte[0], 99);
    ActionItem a = Conversions.item(i, 2);
    assertThat(a.kind()).isEqualTo(ActionKind.UNKNOWN);
    assertThat(a.actionCode()).isEqualTo(99);
  }

  @Test
  void codesAbove2To31FromTheWireAreUnknownNotAnError() throws Exception {
    org.lhsm.bindings.Fid f = org.lhsm.bindings.Fid.parse("[0x200000401:0x1:0x0]");
    HsmActionItem high =
        new HsmActionItem(
            CopytoolAction.UNKNOWN, f, f, HsmExtent.whole(), 0x8L, 0, new byte[0], 0x80000000);
    HsmActionItem all =
        new HsmActionItem(
            CopytoolAction.UNKNOWN, f, f, HsmExtent.whole(), 0x9L, 0, new byte[0], -1);
    HsmActionItem archive =
        new HsmActionItem(CopytoolAction.ARCHIVE, f, f, HsmExtent.whole(), 0xaL, 0, new byte[0]);
    byte[] wire =
        new HsmActionList(HsmActionList.VERSION, "lustre", 1, 0, List.of(high, all, archive))
            .encode();

    ActionBatch b =
        Conversions.batch(
            HsmActionList.decode(java.nio.ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN)));

    assertThat(b.items())
        .extracting(ActionItem::kind, ActionItem::actionCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ActionKind.UNKNOWN, 0x80000000),
            org.assertj.core.groups.Tuple.tuple(ActionKind.UNKNOWN, -1),
            org.assertj.core.groups.Tuple.tuple(ActionKind.ARCHIVE, 20));
  }

  @Test
  void anUnknownItemMayNotCarryAKnownCode() {
    org.lhsm.bindings.Fid f = org.lhsm.bindings.Fid.parse("[0x200000401:0x1:0x0]");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new ActionItem(ActionKind.UNKNOWN, f, f, 0, -1, 1, 1, 72, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hai_action 20");
  }

  @Test
  void errorsKeepTheirErrnoAndCancelStaysTyped() {
    IOException canceled =
        Conversions.translate(
            new org.lhsm.bindings.ActionCanceledException(
                "llapi_hsm_action_progress", "[0x1:0x2:0x0]"));
    assertThat(canceled).isInstanceOf(ActionCanceledException.class);
    assertThat(Errnos.of(canceled)).isEqualTo(Errno.ECANCELED.number());
    IOException busy =
        Conversions.translate(
            new LustreException("llapi_hsm_action_end", "x", Errno.EBUSY.number()));
    assertThat(Errnos.of(busy)).isEqualTo(Errno.EBUSY.number());
  }
}
