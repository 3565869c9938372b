package org.lhsm.copytool.core;

/** The action source was shut down by the kernel (ESHUTDOWN): the receive loop must end. */
public class SourceShutdownException extends CopytoolException {
  private static final long serialVersionUID = 1L;

  public SourceShutdownException(String message) {
    super(Errnos.ESHUTDOWN, message);
  }
}
