package org.lhsm.emulator.codec;

/** An operation failed with the errno real Lustre would return. */
public final class HsmException extends Exception {
  private final int errno;

  public HsmException(int errno, String message) {
    super(Errno.name(errno) + ": " + message);
    this.errno = errno;
  }

  /** Positive errno value. */
  public int errno() {
    return errno;
  }
}
