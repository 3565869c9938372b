package org.lhsm.agentctl;

/** agentctl's exit codes. Stable: scripts depend on them; add new ones, never renumber. */
public final class ExitCode {
  public static final int OK = 0;
  public static final int GENERAL = 1;
  public static final int USAGE = 2;
  public static final int NOT_LUSTRE = 3;
  public static final int PERMISSION = 4;
  public static final int PARTIAL = 5;
  public static final int NOT_FOUND = 6;
  public static final int COORDINATOR_UNAVAILABLE = 7;
  public static final int TIMEOUT = 8;
  public static final int BAD_PARAM_FORMAT = 9;

  private ExitCode() {}
}
