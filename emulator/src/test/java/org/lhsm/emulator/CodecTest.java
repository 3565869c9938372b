package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.ActionList;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.UserRequest;

class CodecTest {
  private static final Fid F = new Fid(0x200000401L, 1, 0);

  @Test
  void fidTextMatchesLustre() {
    assertThat(F.toString()).isEqualTo("[0x200000401:0x1:0x0]");
    assertThat(F.noBrace()).isEqualTo("0x200000401:0x1:0x0");
    assertThat(Fid.parse("[0x200000401:0x1:0x0]")).isEqualTo(F);
    assertThat(Fid.ZERO.toString()).isEqualTo("[0:0x0:0x0]");
    assertThat(new Fid(5, 1, 0).isSane()).isFalse();
  }

  @Test
  void actionListHasCLayout() throws HsmException {
    ActionItem a =
        new ActionItem(20, F, F, 0, -1L, 0x6b06905aL, 0, "CEA".getBytes(StandardCharsets.UTF_8));
    ActionItem b = new ActionItem(21, F, F, 0, -1L, 0x6b06905bL, 0, new byte[0]);
    byte[] hal = ActionList.encode("lustre", 1, 0, List.of(a, b));
    ByteBuffer buf = ByteBuffer.wrap(hal).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(buf.getInt(0)).isEqualTo(1);
    assertThat(buf.getInt(4)).isEqualTo(2);
    assertThat(buf.getLong(8)).isZero();
    assertThat(buf.getInt(24)).isEqualTo(1);
    assertThat(new String(hal, 32, 6, StandardCharsets.US_ASCII)).isEqualTo("lustre");
    assertThat(hal[38]).isZero();
    // first item at 40, hai_len 75 (not rounded), second item at 40 + 80
    assertThat(buf.getInt(40)).isEqualTo(75);
    assertThat(buf.getInt(44)).isEqualTo(20);
    assertThat(buf.getLong(40 + 56)).isEqualTo(0x6b06905aL);
    assertThat(buf.getInt(120)).isEqualTo(72);
    assertThat(hal.length).isEqualTo(120 + 72);
    ActionList.Decoded d = ActionList.decode(hal);
    assertThat(d.items()).containsExactly(a, b);
    assertThat(d.fsname()).isEqualTo("lustre");
  }

  @Test
  void kucFrameHeader() {
    byte[] f = ActionList.actionListFrame(new byte[40]);
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getShort(0) & 0xffff).isEqualTo(0x191C);
    assertThat(f[2]).isEqualTo((byte) 2);
    assertThat(f[3]).isZero();
    assertThat(b.getShort(4)).isEqualTo((short) 100);
    assertThat(b.getShort(6)).isEqualTo((short) 48);
    byte[] s = ActionList.shutdownFrame();
    assertThat(s).hasSize(8);
    assertThat(s[2]).isEqualTo((byte) 1);
    assertThat(s[4]).isEqualTo((byte) 1);
  }

  @Test
  void userRequestValidation() throws HsmException {
    UserRequest r =
        new UserRequest(10, 2, 1, List.of(new UserRequest.Item(F, 0, -1L)), new byte[] {1, 2});
    UserRequest back = UserRequest.decode(r.encode());
    assertThat(back.items()).isEqualTo(r.items());
    assertThat(back.archiveId()).isEqualTo(2);
    byte[] truncated = java.util.Arrays.copyOf(r.encode(), 30);
    assertThatThrownBy(() -> UserRequest.decode(truncated))
        .isInstanceOfSatisfying(
            HsmException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPROTO));
    assertThatThrownBy(() -> UserRequest.decode(new byte[1706]))
        .isInstanceOfSatisfying(
            HsmException.class, e -> assertThat(e.errno()).isEqualTo(Errno.E2BIG));
  }

  @Test
  void malformedListIsRejected() {
    byte[] hal =
        ActionList.encode(
            "lustre", 1, 0, List.of(new ActionItem(20, F, F, 0, -1L, 1, 0, new byte[0])));
    byte[] cut = java.util.Arrays.copyOf(hal, hal.length - 10);
    assertThatThrownBy(() -> ActionList.decode(cut)).isInstanceOf(HsmException.class);
  }
}
