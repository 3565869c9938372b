package org.lhsm.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding hand-packed action lists and encoding them back to the same bytes. */
class HsmActionListTest {

  private static HsmActionList decode(byte[] b) throws HsmProtocolException {
    return HsmActionList.decode(ByteBuffer.wrap(b));
  }

  @Test
  void decodesOneArchiveItem() throws Exception {
    byte[] msg =
        LeBytes.hal(1, 1, 0x1, 3, "lustre")
            .hai(20, 0x200000401L, 5, 0, 0, -1L, 0x5f00d1L, new byte[0])
            .array();
    assertThat(msg).hasSize(32 + 8 + 72);

    HsmActionList hal = decode(msg);

    assertThat(hal.version()).isEqualTo(1);
    assertThat(hal.fsname()).isEqualTo("lustre");
    assertThat(hal.archiveId()).isEqualTo(3);
    assertThat(hal.requestFlags()).containsExactly(RequestFlag.FORCE_ACTION);
    assertThat(hal.items()).hasSize(1);
    HsmActionItem item = hal.items().get(0);
    assertThat(item.action()).isEqualTo(CopytoolAction.ARCHIVE);
    assertThat(item.fid()).isEqualTo(new Fid(0x200000401L, 5, 0));
    assertThat(item.dfid()).isEqualTo(item.fid());
    assertThat(item.extent()).isEqualTo(HsmExtent.whole());
    assertThat(item.cookie()).isEqualTo(0x5f00d1L);
    assertThat(item.gid()).isZero();
    assertThat(item.data()).isEmpty();
    assertThat(hal.encode()).isEqualTo(msg);
  }

  @Test
  void decodesManyItemsWithDataPayloadsAndPadding() throws Exception {
    LeBytes b = LeBytes.hal(1, 20, 0, 7, "fs1");
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      byte[] d = new byte[i];
      for (int j = 0; j < i; j++) {
        d[j] = (byte) (i * 31 + j);
      }
      payloads.add(d);
      b.hai(21, 0x200000400L + i, i + 1, i % 3, i * 4096L, 1000 + i, 1000L + i, d);
    }
    byte[] msg = b.array();

    HsmActionList hal = decode(msg);

    assertThat(hal.items()).hasSize(20);
    for (int i = 0; i < 20; i++) {
      HsmActionItem it = hal.items().get(i);
      assertThat(it.action()).isEqualTo(CopytoolAction.RESTORE);
      assertThat(it.fid()).isEqualTo(new Fid(0x200000400L + i, i + 1, i % 3));
      assertThat(it.extent()).isEqualTo(new HsmExtent(i * 4096L, 1000 + i));
      assertThat(it.cookie()).isEqualTo(1000L + i);
      assertThat(it.data()).isEqualTo(payloads.get(i));
      assertThat(it.encodedLength()).isEqualTo(72 + i);
    }
    assertThat(hal.encode()).isEqualTo(msg);
    assertThat(hal.encodedLength()).isEqualTo(msg.length);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void fsnameOfEveryLengthPlacesTheFirstItemOnTheNextMultipleOfEight(int len) throws Exception {
    String name = "abcdefghijklmnop".substring(0, len);
    byte[] msg =
        LeBytes.hal(1, 1, 0, 1, name)
            .hai(22, 0x200000402L, 9, 0, 0, -1, 77, new byte[] {42})
            .array();
    int firstItem = 32 + ((len + 1 + 7) / 8) * 8;
    assertThat(msg.length).isEqualTo(firstItem + 80);

    HsmActionList hal = decode(msg);

    assertThat(hal.fsname()).isEqualTo(name);
    assertThat(hal.items().get(0).action()).isEqualTo(CopytoolAction.REMOVE);
    assertThat(hal.items().get(0).data()).containsExactly(42);
    assertThat(hal.encode()).isEqualTo(msg);
  }

  @ParameterizedTest
  @EnumSource(CopytoolAction.class)
  void everyActionTypeDecodes(CopytoolAction action) throws Exception {
    byte[] msg =
        LeBytes.hal(1, 1, 0, 2, "lustre")
            .hai(action.code(), 0x200000403L, 1, 0, 0, -1, 5, new byte[0])
            .array();
    assertThat(decode(msg).items().get(0).action()).isEqualTo(action);
  }

  @Test
  void emptyListDecodes() throws Exception {
    byte[] msg = LeBytes.hal(1, 0, 0, 0, "lustre").array();
    HsmActionList hal = decode(msg);
    assertThat(hal.items()).isEmpty();
    assertThat(hal.encode()).isEqualTo(msg);
  }

  @Test
  void decodesFromThePositionOfASliceWithoutMovingIt() throws Exception {
    byte[] list =
        LeBytes.hal(1, 1, 0, 1, "x").hai(20, 0x200000401L, 1, 0, 0, -1, 9, new byte[0]).array();
    ByteBuffer buf = ByteBuffer.allocate(list.length + 13);
    buf.position(5);
    buf.put(list);
    buf.position(5).limit(5 + list.length);

    HsmActionList hal = HsmActionList.decode(buf);

    assertThat(hal.items().get(0).cookie()).isEqualTo(9);
    assertThat(buf.position()).isEqualTo(5);
  }

  @Test
  void itemDataIsCopiedOutOfTheMessage() throws Exception {
    byte[] msg =
        LeBytes.hal(1, 1, 0, 1, "lustre")
            .hai(20, 0x200000401L, 1, 0, 0, -1, 9, "abc".getBytes(StandardCharsets.US_ASCII))
            .array();
    HsmActionList hal = decode(msg);
    int dataAt = 40 + 72;
    msg[dataAt] = 'z';
    assertThat(hal.items().get(0).data()).containsExactly('a', 'b', 'c');
    hal.items().get(0).data()[0] = 'q';
    assertThat(hal.items().get(0).data()).containsExactly('a', 'b', 'c');
  }

  // ---- malformed messages: each must name the offset of the fault --------------------------

  private static void assertMalformed(byte[] msg, long offset, String fragment) {
    assertThatThrownBy(() -> decode(msg))
        .isInstanceOf(HsmProtocolException.class)
        .hasMessageContaining(fragment)
        .satisfies(e -> assertThat(((HsmProtocolException) e).offset()).isEqualTo(offset));
  }

  @Test
  void rejectsMessageShorterThanHeader() {
    assertMalformed(new byte[31], 0, "shorter than the 32-byte header");
  }

  @Test
  void rejectsWrongVersion() {
    assertMalformed(LeBytes.hal(2, 0, 0, 0, "lustre").array(), 0, "hal_version 2");
  }

  @Test
  void rejectsFsnameWithoutNul() {
    byte[] msg = new LeBytes().u32(1).u32(0).u64(0).u64(0).u32(0).u32(0).ascii("lustre").array();
    assertMalformed(msg, msg.length, "not NUL-terminated");
  }

  @Test
  void rejectsMissingFsnamePadding() {
    byte[] msg = new LeBytes().u32(1).u32(0).u64(0).u64(0).u32(0).u32(0).ascii("lus").u8(0).array();
    assertMalformed(msg, 35, "padding");
  }

  @Test
  void rejectsCountThatCannotFit() {
    byte[] msg = LeBytes.hal(1, 2, 0, 1, "lustre").hai(20, 1, 1, 0, 0, -1, 1, new byte[0]).array();
    assertMalformed(msg, 4, "hal_count 2");
    assertMalformed(LeBytes.hal(1, 0xffffffffL, 0, 1, "lustre").array(), 4, "hal_count");
  }

  @Test
  void rejectsItemLengthBelowFixedPart() {
    byte[] msg = LeBytes.hal(1, 1, 0, 1, "lustre").hai(20, 1, 1, 0, 0, -1, 1, new byte[0]).array();
    msg[40] = 71;
    assertMalformed(msg, 40, "hai_len 71 is below the minimum 72");
  }

  @Test
  void rejectsItemRunningPastTheEnd() {
    byte[] msg = LeBytes.hal(1, 1, 0, 1, "lustre").hai(20, 1, 1, 0, 0, -1, 1, new byte[8]).array();
    msg[40] = (byte) 81;
    assertMalformed(msg, 40, "runs past the message end");
  }

  @Test
  void rejectsSecondItemStartingPastTheEnd() {
    byte[] two =
        LeBytes.hal(1, 2, 0, 1, "lustre")
            .hai(20, 1, 1, 0, 0, -1, 1, new byte[0])
            .hai(20, 2, 1, 0, 0, -1, 2, new byte[0])
            .array();
    // First item claims 80 bytes of data, so the second would start beyond the message.
    byte[] msg = two.clone();
    msg[40] = (byte) 144;
    assertMalformed(msg, 40 + 144, "item 1 header");
  }

  @Test
  void keepsAnUnknownActionWithItsNumberAmongTheKnownOnes() throws Exception {
    byte[] msg =
        LeBytes.hal(1, 2, 0, 1, "lustre")
            .hai(99, 1, 1, 0, 0, -1, 1, new byte[0])
            .hai(20, 2, 1, 0, 0, -1, 2, new byte[0])
            .array();
    HsmActionList list = decode(msg);
    assertThat(list.items()).hasSize(2);
    HsmActionItem unknown = list.items().get(0);
    assertThat(unknown.action()).isEqualTo(CopytoolAction.UNKNOWN);
    assertThat(unknown.actionCode()).isEqualTo(99);
    assertThat(unknown.toString()).contains("UNKNOWN(99)");
    assertThat(list.items().get(1).action()).isEqualTo(CopytoolAction.ARCHIVE);
    // encoded back (as for llapi_hsm_action_begin) with the number it came with
    assertThat(decode(list.encode()).items().get(0).actionCode()).isEqualTo(99);
  }

  @Test
  void codesAbove2To31FromTheWireAreUnknownNotAnError() throws Exception {
    Fid f = Fid.parse("[0x200000401:0x1:0x0]");
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

    HsmActionList b = decode(wire);

    assertThat(b.items())
        .extracting(HsmActionItem::action, HsmActionItem::actionCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CopytoolAction.UNKNOWN, 0x80000000),
            org.assertj.core.groups.Tuple.tuple(CopytoolAction.UNKNOWN, -1),
            org.assertj.core.groups.Tuple.tuple(CopytoolAction.ARCHIVE, 20));
    assertThat(archive.cookieHex()).isEqualTo("0xa");
    assertThat(archive.encodedLength()).isEqualTo(72);
  }

  @Test
  void anItemsActionCodeMustMatchItsAction() {
    Fid f = new Fid(0x200000401L, 1, 0);
    assertThatThrownBy(
            () ->
                new HsmActionItem(
                    CopytoolAction.ARCHIVE, f, f, HsmExtent.whole(), 1, 0, new byte[0], 21))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("21");
    assertThatThrownBy(
            () ->
                new HsmActionItem(
                    CopytoolAction.UNKNOWN, f, f, HsmExtent.whole(), 1, 0, new byte[0], 20))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encodeRejectsFsnameWithNul() {
    assertThatThrownBy(() -> new HsmActionList(1, "a\0b", 1, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
