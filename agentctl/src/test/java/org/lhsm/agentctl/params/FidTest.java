package org.lhsm.agentctl.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FidTest {
  @Test
  void parsesAndPrintsKernelForm() {
    Fid f = Fid.parse("[0x200000401:0x1:0x0]");
    assertThat(f).isEqualTo(new Fid(0x200000401L, 1, 0));
    assertThat(f.toString()).isEqualTo("[0x200000401:0x1:0x0]");
    assertThat(Fid.parse("0x200000401:0x1:0x0")).isEqualTo(f);
    assertThat(Fid.parse("8589935617:1:0")).isEqualTo(f);
    assertThat(Fid.parse("[0xffffffffffffffff:0xffffffff:0x0]").seq()).isEqualTo(-1L);
  }

  @Test
  void rejectsBadFidsNamingThem() {
    for (String bad :
        new String[] {
          "[0x1:0x2]", "[0xg:0x1:0x0]", "[0x1:0x100000000:0x0]", "", "[::]", "0x:0x1:0x0"
        }) {
      assertThatThrownBy(() -> Fid.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bad FID '" + bad + "'");
    }
    assertThat(Fid.looksLikeFid("[0x1:0x2]")).isTrue();
    assertThat(Fid.looksLikeFid("0x200000401:0x1:0x0")).isTrue();
    assertThat(Fid.looksLikeFid("/mnt/lustre/f")).isFalse();
  }
}
