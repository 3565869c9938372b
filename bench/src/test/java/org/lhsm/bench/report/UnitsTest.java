package org.lhsm.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void sizesAreBinaryAndPlainNumbersAreMib() {
    assertThat(Units.parseBytes("8M")).isEqualTo(8L << 20);
    assertThat(Units.parseBytes("8MiB")).isEqualTo(8L << 20);
    assertThat(Units.parseBytes("8 MiB/s")).isEqualTo(8L << 20);
    assertThat(Units.parseBytes("1G")).isEqualTo(1L << 30);
    assertThat(Units.parseBytes("512k")).isEqualTo(512L << 10);
    assertThat(Units.parseBytes("2")).isEqualTo(2L << 20);
    assertThat(Units.parseBytes("0.5")).isEqualTo(1L << 19);
    assertThat(Units.parseBytes("4096B")).isEqualTo(4096);
    for (String bad : new String[] {"", "0", "-1M", "8X", "M", "1.5.5"}) {
      assertThatThrownBy(() -> Units.parseBytes(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void printing() {
    assertThat(Units.binary(1L << 30)).isEqualTo("1 GiB");
    assertThat(Units.binary(8.8 * (1 << 20))).isEqualTo("8.80 MiB");
    assertThat(Units.binary(300)).isEqualTo("300 B");
    assertThat(Units.mbPerSec(1_000_000, 1_000_000_000L)).isEqualTo(1.0);
  }
}
