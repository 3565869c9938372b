package org.lhsm.copytool.core;

/**
 * The action was canceled: by a CANCEL item, by the coordinator answering ECANCELED to a progress
 * report, or by shutdown ({@link #isShutdown()}).
 */
public class ActionCanceledException extends CopytoolException {
  private static final long serialVersionUID = 1L;
  private final boolean shutdown;

  public ActionCanceledException(String message, boolean shutdown) {
    super(shutdown ? Errnos.ESHUTDOWN : Errnos.ECANCELED, message);
    this.shutdown = shutdown;
  }

  public boolean isShutdown() {
    return shutdown;
  }
}
