package org.lhsm.agentctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;

/** Kernel refusals of parameter writes (what write(2) on sysfs/procfs reports). */
class ControlErrorsTest {
  private static CliException rejected(FileSystemException e) {
    return ControlErrors.rejected("mdt.lustre-MDT0000.hsm_control", "purge", e);
  }

  @Test
  void mapsKernelReasons() {
    CliException einval = rejected(new FileSystemException("/p", null, "Invalid argument"));
    assertThat(einval.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(einval.getMessage())
        .isEqualTo("the kernel refused mdt.lustre-MDT0000.hsm_control=purge: Invalid argument");
    assertThat(
            rejected(new FileSystemException("/p", null, "Operation already in progress"))
                .exitCode())
        .isEqualTo(ExitCode.COORDINATOR_UNAVAILABLE);
    assertThat(
            rejected(new FileSystemException("/p", null, "Resource temporarily unavailable"))
                .exitCode())
        .isEqualTo(ExitCode.COORDINATOR_UNAVAILABLE);
    assertThat(rejected(new FileSystemException("/p", null, "Operation not permitted")).exitCode())
        .isEqualTo(ExitCode.PERMISSION);
    CliException eacces = rejected(new AccessDeniedException("/p"));
    assertThat(eacces.exitCode()).isEqualTo(ExitCode.PERMISSION);
    assertThat(eacces.getMessage())
        .contains("cannot write mdt.lustre-MDT0000.hsm_control: permission denied");
    assertThat(rejected(new FileSystemException("/p", null, "No space left on device")).exitCode())
        .isEqualTo(ExitCode.GENERAL);
  }
}
