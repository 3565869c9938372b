package org.lhsm.agentctl.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lhsm.bindings.Fid;

class FidTextTest {
  @Test
  void parsesAndPrintsKernelForm() {
    Fid f = FidText.parse("[0x200000401:0x1:0x0]");
    assertThat(f).isEqualTo(new Fid(0x200000401L, 1, 0));
    assertThat(f.toString()).isEqualTo("[0x200000401:0x1:0x0]");
    assertThat(FidText.parse("0x200000401:0x1:0x0")).isEqualTo(f);
    assertThat(FidText.parse("8589935617:1:0")).isEqualTo(f);
    assertThat(FidText.parse("[0xffffffffffffffff:0xffffffff:0x0]").seq()).isEqualTo(-1L);
    assertThat(FidText.text(f)).isEqualTo("[0x200000401:0x1:0x0]");
    assertThat(FidText.noBrace(f)).isEqualTo("0x200000401:0x1:0x0");
  }

  @Test
  void zeroSequenceKeepsAgentctlForm() {
    Fid zero = FidText.parse("[0:0x0:0x0]");
    assertThat(zero).isEqualTo(FidText.parse("[0x0:0x0:0x0]"));
    assertThat(FidText.text(zero)).isEqualTo("[0x0:0x0:0x0]");
  }

  @Test
  void rejectsBadFidsNamingThem() {
    for (String bad :
        new String[] {
          "[0x1:0x2]", "[0xg:0x1:0x0]", "[0x1:0x100000000:0x0]", "", "[::]", "0x:0x1:0x0"
        }) {
      assertThatThrownBy(() -> FidText.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bad FID '" + bad + "'");
    }
    assertThat(FidText.looksLikeFid("[0x1:0x2]")).isTrue();
    assertThat(FidText.looksLikeFid("0x200000401:0x1:0x0")).isTrue();
    assertThat(FidText.looksLikeFid("/mnt/lustre/f")).isFalse();
  }
}
