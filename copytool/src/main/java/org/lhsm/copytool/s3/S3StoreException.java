package org.lhsm.copytool.s3;

import java.io.IOException;
import org.lhsm.bindings.Errno;

/**
 * A failed S3 operation, with the errno the copytool reports for it. {@link Errno#EAGAIN} and
 * {@link Errno#ETIMEDOUT} mean "retries exhausted on a transient failure": the coordinator may
 * queue the action again.
 */
public class S3StoreException extends IOException {
  private static final long serialVersionUID = 1L;
  private final Errno errno;

  public S3StoreException(Errno errno, String message) {
    super(message);
    this.errno = errno;
  }

  public S3StoreException(Errno errno, String message, Throwable cause) {
    super(message, cause);
    this.errno = errno;
  }

  public Errno errno() {
    return errno;
  }
}
