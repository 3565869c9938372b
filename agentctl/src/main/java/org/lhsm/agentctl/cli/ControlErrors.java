package org.lhsm.agentctl.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;

/** Turns a kernel refusal of a parameter write into a message naming parameter and value. */
final class ControlErrors {
  private ControlErrors() {}

  static CliException rejected(String param, String value, FileSystemException e) {
    if (e instanceof AccessDeniedException) {
      return new CliException(
          ExitCode.PERMISSION,
          "cannot write " + param + ": permission denied (run as root on the MDS)");
    }
    String reason = e.getReason() == null ? e.getMessage() : e.getReason();
    int code = ExitCode.GENERAL;
    if (reason != null) {
      if (reason.contains("Invalid argument")) {
        code = ExitCode.USAGE;
      } else if (reason.contains("already in progress")
          || reason.contains("temporarily unavailable")) {
        code = ExitCode.COORDINATOR_UNAVAILABLE;
      } else if (reason.contains("not permitted")) {
        code = ExitCode.PERMISSION;
      }
    }
    return new CliException(code, "the kernel refused " + param + "=" + value + ": " + reason);
  }
}
