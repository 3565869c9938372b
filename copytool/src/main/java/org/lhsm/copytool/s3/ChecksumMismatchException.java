package org.lhsm.copytool.s3;

import java.io.IOException;

/** The server acknowledged different bytes than were sent (its checksum differs from ours). */
final class ChecksumMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  ChecksumMismatchException(String message) {
    super(message);
  }
}
