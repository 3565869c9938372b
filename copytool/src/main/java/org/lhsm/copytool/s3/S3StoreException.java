package org.lhsm.copytool.s3;

import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;

/**
 * A failed S3 operation, with the errno the copytool reports for it ({@link #errno()}; the engine
 * reads it as from any {@link LustreException}). {@link Errno#EAGAIN} and {@link Errno#ETIMEDOUT}
 * mean "retries exhausted on a transient failure": the coordinator may queue the action again.
 */
public class S3StoreException extends LustreException {
  private static final long serialVersionUID = 1L;

  public S3StoreException(Errno errno, String message) {
    super(
        message + ": " + errno.name() + " (" + errno.strerror() + ")", "s3", null, errno.number());
  }

  public S3StoreException(Errno errno, String message, Throwable cause) {
    this(errno, message);
    initCause(cause);
  }
}
