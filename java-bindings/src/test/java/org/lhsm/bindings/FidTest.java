package org.lhsm.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FidTest {
  private static final Fid F = new Fid(0x200000401L, 5, 0);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[0x200000401:0x5:0x0]",
        "0x200000401:0x5:0x0",
        "  [0x200000401:0x5:0x0]",
        "[[0x200000401:0x5:0x0]",
        "[0x200000401:0x5:0x0",
        "0X200000401:0X5:0X0",
        "8589935617:5:0",
        "0100000002001:05:00",
        "0x200000401:5:0",
      })
  void acceptsEveryFormLiblustreapiAccepts(String text) {
    assertThat(Fid.parse(text)).isEqualTo(F);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "0x200000401",
        "0x200000401:0x5",
        "0x200000401:0x5:",
        "0x200000401::0x0",
        "0x200000401:0x5:0x0]",
        "[0x200000401:0x5:0x0]]",
        "[0x200000401:0x5:0x0] ",
        "0x200000401:0x5:0x0:0x1",
        "0xg:0x5:0x0",
        "-1:0x5:0x0",
        "+1:0x5:0x0",
        "0x200000401;0x5;0x0",
        "09:1:1",
        "fid",
      })
  void rejectsJunkNamingTheInput(String text) {
    assertThatThrownBy(() -> Fid.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({
    "0xffffffffffffffff:0x1:0x0, sequence",
    "0x10000000000000000:0x1:0x0, sequence",
    "0x200000401:0x100000000:0x0, object id",
    "0x200000401:0x1:0x100000000, version",
    "0x200000401:99999999999999999999999:0x0, object id",
  })
  void rejectsOverflowLikeErange(String text, String field) {
    assertThatThrownBy(() -> Fid.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text)
        .hasMessageContaining(field + " out of range (ERANGE)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[0x200000401:0x5:0x0]",
        "0x200000401:0x5:0x0",
        " [0x200000401:5:0] ",
        "[ 0x200000401:0x5:0x0 ]",
        "0x200000401 : 0x5 : 0x0",
        "[0x200000401:0x5:0x0",
        "0x200000401:0x5:0x0]",
        "0X200000401:0X5:0X0",
        "8589935617:5:0",
        "0100000002001:05:00",
      })
  void lenientParseAcceptsTheToolGrammars(String text) {
    assertThat(Fid.parseLenient(text)).isEqualTo(F);
  }

  @Test
  void lenientParseTakesTheAllOnesSequence() {
    assertThat(Fid.parseLenient("[0xffffffffffffffff:0xffffffff:0x0]"))
        .isEqualTo(new Fid(-1L, -1, 0));
    assertThat(Fid.parseLenient("[0:0x0:0x0]")).isEqualTo(Fid.ZERO);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "[::]",
        "[0x1:0x2]",
        "0x1:0x2:0x3:0x4",
        "[0xg:0x1:0x0]",
        "0x:0x1:0x0",
        "09:1:1",
        "-1:0x5:0x0",
        "+1:0x5:0x0",
        "0x+1:0x5:0x0",
        "[[0x200000401:0x5:0x0]",
        "[0x1:0x100000000:0x0]",
        "0x1:0x1:0x100000000",
        "0x10000000000000000:0x1:0x0",
      })
  void lenientParseRejectsJunkNamingTheInput(String text) {
    assertThatThrownBy(() -> Fid.parseLenient(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad FID '" + text + "': ");
  }

  @Test
  void largestValuesParse() {
    assertThat(Fid.parse("0xfffffffffffffffe:0xffffffff:0xffffffff"))
        .isEqualTo(new Fid(-2L, -1, -1));
  }

  @Test
  void formatsLikeDfid() {
    assertThat(F.toString()).isEqualTo("[0x200000401:0x5:0x0]");
    assertThat(F.toNoBraceString()).isEqualTo("0x200000401:0x5:0x0");
    assertThat(new Fid(0, 0, 0).toString()).isEqualTo("[0:0x0:0x0]");
    assertThat(new Fid(-1L, -1, -2).toString())
        .isEqualTo("[0xffffffffffffffff:0xffffffff:0xfffffffe]");
    assertThat(Fid.ROOT.toString()).isEqualTo("[0x200000007:0x1:0x0]");
  }

  @Test
  void formatAndParseRoundTrip() {
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      long seq = r.nextLong();
      if (seq == -1L) {
        continue;
      }
      Fid f = new Fid(seq, r.nextInt(), r.nextInt());
      assertThat(Fid.parse(f.toString())).isEqualTo(f);
      assertThat(Fid.parse(f.toNoBraceString())).isEqualTo(f);
    }
  }

  @Test
  void zeroMeansSeqAndOidZero() {
    assertThat(new Fid(0, 0, 7).isZero()).isTrue();
    assertThat(new Fid(0, 1, 0).isZero()).isFalse();
    assertThat(Fid.ROOT.isZero()).isFalse();
  }

  @Test
  void comparesUnsigned() {
    List<Fid> fids =
        new ArrayList<>(
            List.of(
                new Fid(-1L, 0, 0),
                new Fid(1, -1, 0),
                new Fid(1, 1, -1),
                new Fid(1, 1, 0),
                new Fid(0, 0, 0)));
    Collections.shuffle(fids, new java.util.Random(1));
    Collections.sort(fids);
    assertThat(fids)
        .containsExactly(
            new Fid(0, 0, 0),
            new Fid(1, 1, 0),
            new Fid(1, 1, -1),
            new Fid(1, -1, 0),
            new Fid(-1L, 0, 0));
  }
}
