package org.lhsm.agentctl;

import static org.lhsm.bindings.Errno.EACCES;
import static org.lhsm.bindings.Errno.EAGAIN;
import static org.lhsm.bindings.Errno.EALREADY;
import static org.lhsm.bindings.Errno.EINPROGRESS;
import static org.lhsm.bindings.Errno.ENODEV;
import static org.lhsm.bindings.Errno.ENOENT;
import static org.lhsm.bindings.Errno.ENOTTY;
import static org.lhsm.bindings.Errno.ENXIO;
import static org.lhsm.bindings.Errno.EPERM;
import static org.lhsm.bindings.Errno.EROFS;
import static org.lhsm.bindings.Errno.ESRCH;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.EnumSet;
import java.util.Set;
import org.lhsm.agentctl.files.NotLustreException;
import org.lhsm.agentctl.params.ParamFormatException;
import org.lhsm.agentctl.params.ParamNotFoundException;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;

/** Maps failures to a user message and a documented exit code; errnos by their {@link Errno}. */
public final class ErrorMapper {
  private static final Set<Errno> PERMISSION = EnumSet.of(EPERM, EACCES, EROFS);
  private static final Set<Errno> NOT_LUSTRE = EnumSet.of(ENOTTY, ENODEV);
  private static final Set<Errno> NOT_FOUND = EnumSet.of(ENOENT, ESRCH);
  private static final Set<Errno> COORDINATOR = EnumSet.of(EAGAIN, ENXIO, EALREADY, EINPROGRESS);

  private ErrorMapper() {}

  /** A mapped failure: exit code and the one-line message naming what was wrong. */
  public record Mapped(int exitCode, String message) {}

  public static Mapped map(Throwable t) {
    if (t instanceof CliException c) {
      return new Mapped(c.exitCode(), c.getMessage());
    }
    if (t instanceof org.lhsm.agentctl.files.LustreHsmFiles.NotLustreUnavailable) {
      return new Mapped(ExitCode.NOT_LUSTRE, t.getMessage());
    }
    if (t instanceof NotLustreException n) {
      return new Mapped(ExitCode.NOT_LUSTRE, n.getMessage());
    }
    if (t instanceof NoSuchFileException n) {
      return new Mapped(ExitCode.NOT_FOUND, "no such file: " + n.getFile());
    }
    if (t instanceof AccessDeniedException a) {
      String reason = a.getReason();
      return new Mapped(
          ExitCode.PERMISSION, reason != null ? reason : "permission denied: " + a.getFile());
    }
    if (t instanceof ParamNotFoundException) {
      return new Mapped(ExitCode.NOT_FOUND, t.getMessage());
    }
    if (t instanceof ParamFormatException) {
      return new Mapped(
          ExitCode.BAD_PARAM_FORMAT, "unexpected parameter format: " + t.getMessage());
    }
    if (t instanceof LustreException h) {
      if (h.function().equals("llapi_hsm_state_set") && h.errno() == Errno.EINVAL) {
        return new Mapped(
            ExitCode.USAGE,
            h.getMessage()
                + " — invalid flag combination: DIRTY needs EXISTS, RELEASED needs ARCHIVED and"
                + " not DIRTY, LOST needs ARCHIVED");
      }
      return new Mapped(codeFor(h.errno()), describe(h));
    }
    String msg = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    return new Mapped(ExitCode.GENERAL, msg);
  }

  static int codeFor(Errno errno) {
    if (PERMISSION.contains(errno)) {
      return ExitCode.PERMISSION;
    }
    if (NOT_LUSTRE.contains(errno)) {
      return ExitCode.NOT_LUSTRE;
    }
    if (NOT_FOUND.contains(errno)) {
      return ExitCode.NOT_FOUND;
    }
    if (COORDINATOR.contains(errno)) {
      return ExitCode.COORDINATOR_UNAVAILABLE;
    }
    return ExitCode.GENERAL;
  }

  private static String describe(LustreException h) {
    String hint =
        switch (h.errno()) {
          case EPERM -> " — not allowed for this user or incompatible with the file's HSM state";
          case EAGAIN -> " — the HSM coordinator is not running (hsm_control)";
          case ENOTTY, ENODEV -> " — not on a Lustre filesystem";
          default -> "";
        };
    return h.getMessage() + hint;
  }
}
