package org.lhsm.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** CPU seconds from {@code /proc/<pid>/stat} lines, whatever the command name holds. */
class ProcStatTest {
  @Test
  void utimePlusStimeAreFields14And15AfterTheCommandName() {
    String stat =
        "4242 (java) S 1 4242 4242 0 -1 4194560 29405 0 12 0 1234 567 0 0 20 0 41 0 9915 0 0";
    assertThat(ProcStat.cpuSecondsOf(stat, 100)).isCloseTo(18.01, within(1e-9));
  }

  @Test
  void aCommandNameWithSpacesAndParenthesesIsSkippedAsAWhole() {
    String stat = "7 (C2 Compiler) (x) R 1 7 7 0 -1 0 0 0 0 0 300 100 0 0 20 0 1 0 5 0 0";
    assertThat(ProcStat.cpuSecondsOf(stat, 100)).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void aLineWithoutACommandNameIsRefused() {
    assertThatThrownBy(() -> ProcStat.cpuSecondsOf("garbage", 100))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOwnProcessHasReadableCpuTimeAndTheMachineALoadAverage() throws Exception {
    assertThat(ProcStat.cpuSeconds(ProcessHandle.current().pid())).isPositive();
    assertThat(ProcStat.loadAverage()).hasSize(3).allMatch(v -> v >= 0);
  }
}
