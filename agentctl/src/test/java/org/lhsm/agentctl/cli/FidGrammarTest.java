package org.lhsm.agentctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lhsm.bindings.Fid;

/** agentctl's FID operands and parameter fields: the bindings' lenient grammar and DFID form. */
class FidGrammarTest {
  @Test
  void parsesAndPrintsKernelForm() {
    Fid f = Fid.parseLenient("[0x200000401:0x1:0x0]");
    assertThat(f).isEqualTo(new Fid(0x200000401L, 1, 0));
    assertThat(f.toString()).isEqualTo("[0x200000401:0x1:0x0]");
    assertThat(Fid.parseLenient("0x200000401:0x1:0x0")).isEqualTo(f);
    assertThat(Fid.parseLenient("8589935617:1:0")).isEqualTo(f);
    assertThat(Fid.parseLenient("[0xffffffffffffffff:0xffffffff:0x0]").seq()).isEqualTo(-1L);
    assertThat(f.toString()).isEqualTo("[0x200000401:0x1:0x0]");
    assertThat(f.toNoBraceString()).isEqualTo("0x200000401:0x1:0x0");
  }

  @Test
  void zeroSequencePrintsAsTheKernelPrintsIt() {
    Fid zero = Fid.parseLenient("[0:0x0:0x0]");
    assertThat(zero).isEqualTo(Fid.parseLenient("[0x0:0x0:0x0]"));
    // was agentctl's own "[0x0:0x0:0x0]"; now the DFID form everything else prints
    assertThat(zero.toString()).isEqualTo("[0:0x0:0x0]");
  }

  @Test
  void rejectsBadFidsNamingThem() {
    for (String bad :
        new String[] {
          "[0x1:0x2]", "[0xg:0x1:0x0]", "[0x1:0x100000000:0x0]", "", "[::]", "0x:0x1:0x0"
        }) {
      assertThatThrownBy(() -> Fid.parseLenient(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bad FID '" + bad + "'");
    }
    assertThat(Target.looksLikeFid("[0x1:0x2]")).isTrue();
    assertThat(Target.looksLikeFid("0x200000401:0x1:0x0")).isTrue();
    assertThat(Target.looksLikeFid("/mnt/lustre/f")).isFalse();
  }
}
