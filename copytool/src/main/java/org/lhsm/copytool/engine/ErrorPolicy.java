package org.lhsm.copytool.engine;

import org.lhsm.copytool.core.Errnos;

/**
 * Which failures are worth retrying (end with HP_FLAG_RETRY). The stock tool retries only
 * ETIMEDOUT; we also treat conditions that clear by themselves (no space or quota in the archive,
 * EAGAIN/EINTR, stale handles, shutdown) as transient. Everything else is permanent and is reported
 * with its errno.
 */
public final class ErrorPolicy {
  private ErrorPolicy() {}

  public static boolean isTransient(int errno) {
    return errno == Errnos.ETIMEDOUT
        || errno == Errnos.EAGAIN
        || errno == Errnos.EINTR
        || errno == Errnos.ENOSPC
        || errno == Errnos.EDQUOT
        || errno == Errnos.ESTALE
        || errno == Errnos.ENOTCONN
        || errno == Errnos.ESHUTDOWN;
  }
}
