package org.lhsm.emulator.cli;

/** Exit codes of {@code lhsm-emulator}. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int FOREIGN_DIRECTORY = 3;
  public static final int ALREADY_RUNNING = 4;
  public static final int START_FAILED = 5;
  public static final int NOT_RUNNING = 6;
  public static final int NOT_AN_EMULATOR = 7;

  private ExitCodes() {}
}
