package org.lhsm.copytool.core;

import java.io.IOException;

/** An I/O failure with the errno that will be reported to the coordinator. */
public class CopytoolException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int errno;

  public CopytoolException(int errno, String message) {
    super(text(errno, message));
    this.errno = errno;
  }

  public CopytoolException(int errno, String message, Throwable cause) {
    super(text(errno, message), cause);
    this.errno = errno;
  }

  private static String text(int errno, String message) {
    return message + ": " + Errnos.describe(errno) + " (" + Errnos.name(errno) + ")";
  }

  public int errno() {
    return errno;
  }
}
