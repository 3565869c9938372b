package org.lhsm.copytool.posix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.internal.AbiLayout;

/**
 * {@link LayoutFile} keeps its own lustre.lov literals; this ties them to AbiLayout's, which
 * AbiLayoutTest checks against the C headers of every supported Lustre version.
 */
class LayoutFileAbiTest {

  private static byte[] layout(int magic, int size) {
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(AbiLayout.LOV_USER_MD_MAGIC, magic);
    b.putShort(AbiLayout.LOV_USER_MD_STRIPE_OFFSET, (short) 3);
    return b.array();
  }

  private static int stripeOffset(byte[] lov) {
    return ByteBuffer.wrap(lov)
            .order(ByteOrder.LITTLE_ENDIAN)
            .getShort(AbiLayout.LOV_USER_MD_STRIPE_OFFSET)
        & 0xFFFF;
  }

  @Test
  void plainV1AndV3LayoutsGetTheDefaultFirstOst() {
    byte[] v1 = LayoutFile.forArchive(layout(AbiLayout.LOV_USER_MAGIC_V1, 56));
    byte[] v3 = LayoutFile.forArchive(layout(AbiLayout.LOV_USER_MAGIC_V3, 72));
    assertThat(stripeOffset(v1)).isEqualTo(AbiLayout.LOV_OFFSET_DEFAULT);
    assertThat(stripeOffset(v3)).isEqualTo(AbiLayout.LOV_OFFSET_DEFAULT);
  }

  @Test
  void otherLayoutsAndTheRestOfTheValueAreKept() {
    byte[] composite = layout(0x0BD60BD0, 64);
    assertThat(LayoutFile.forArchive(composite)).isEqualTo(composite);
    byte[] v1 = layout(AbiLayout.LOV_USER_MAGIC_V1, AbiLayout.LOV_USER_MD_V1_SIZE);
    byte[] out = LayoutFile.forArchive(v1);
    out[AbiLayout.LOV_USER_MD_STRIPE_OFFSET] = v1[AbiLayout.LOV_USER_MD_STRIPE_OFFSET];
    out[AbiLayout.LOV_USER_MD_STRIPE_OFFSET + 1] = v1[AbiLayout.LOV_USER_MD_STRIPE_OFFSET + 1];
    assertThat(out).isEqualTo(v1);
  }

  @Test
  void sizeLimitIsTheKernelsXattrValueLimit() {
    assertThat((long) LayoutFile.MAX_SIZE)
        .isEqualTo(AbiLayout.expected().get("const.XATTR_SIZE_MAX"));
  }
}
