package org.lhsm.copytool.engine;

import org.lhsm.bindings.Errno;

/**
 * Which failures are worth retrying (end with HP_FLAG_RETRY). The stock tool retries only
 * ETIMEDOUT; we also treat conditions that clear by themselves (no space or quota in the archive,
 * EAGAIN/EINTR, stale handles, shutdown) as transient. Everything else is permanent and is reported
 * with its errno.
 */
public final class ErrorPolicy {
  private ErrorPolicy() {}

  public static boolean isTransient(int errno) {
    return errno == Errno.ETIMEDOUT.number()
        || errno == Errno.EAGAIN.number()
        || errno == Errno.EINTR.number()
        || errno == Errno.ENOSPC.number()
        || errno == Errno.EDQUOT.number()
        || errno == Errno.ESTALE.number()
        || errno == Errno.ENOTCONN.number()
        || errno == Errno.ESHUTDOWN.number();
  }
}
