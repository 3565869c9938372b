package org.lhsm.agentctl.progress;

/** Defaults of the progress options, each read by every option and class that needs it. */
public final class ProgressDefaults {
  private ProgressDefaults() {}

  /**
   * How often copytools report progress: the default {@code --update-interval} of both jhsmtool and
   * lhsmtool_posix (30 s).
   */
  public static final int REPORT_INTERVAL_SECONDS = 30;

  /** A request counts as stuck after this many report intervals without progress. */
  public static final int STUCK_AFTER_INTERVALS = 3;

  /** How long {@code why} waits for progress reports to give an ETA: one interval and some. */
  public static final int ETA_WAIT_SECONDS = REPORT_INTERVAL_SECONDS + 5;
}
