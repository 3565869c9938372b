package org.lhsm.copytool.core;

import org.lhsm.bindings.Errno;

/** The action source was shut down by the kernel (ESHUTDOWN): the receive loop must end. */
public class SourceShutdownException extends CopytoolException {
  private static final long serialVersionUID = 1L;

  public SourceShutdownException(String message) {
    super(Errno.ESHUTDOWN.number(), message);
  }
}
