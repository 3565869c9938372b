package org.lhsm.copytool.core;

import java.io.IOException;

/** An I/O failure with the errno that will be reported to the coordinator. */
public class CopytoolException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int errno;

  public CopytoolException(int errno, String message) {
    super(message + ": " + Errnos.describe(errno) + " (" + errno + ")");
    this.errno = errno;
  }

  public CopytoolException(int errno, String message, Throwable cause) {
    super(message + ": " + Errnos.describe(errno) + " (" + errno + ")", cause);
    this.errno = errno;
  }

  public int errno() {
    return errno;
  }
}
