package org.lhsm.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void bestIsTheLargestAndMedianTheMiddle() {
    assertThat(Stats.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Stats(3, 2, 1));
    assertThat(Stats.of(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(new Stats(4, 2.5, 1));
    assertThat(Stats.of(List.of(7.0))).isEqualTo(new Stats(7, 7, 7));
    assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
