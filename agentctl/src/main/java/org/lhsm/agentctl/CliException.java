package org.lhsm.agentctl;

/** An error already phrased for the user, with the exit code it maps to. */
public final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
