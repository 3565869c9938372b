package org.lhsm.copytool.core;

import org.lhsm.bindings.Errno;

/**
 * The action was canceled: by a CANCEL item, by the coordinator answering ECANCELED to a progress
 * report, or by shutdown ({@link #isShutdown()}).
 */
public class ActionCanceledException extends CopytoolException {
  private static final long serialVersionUID = 1L;
  private final boolean shutdown;

  public ActionCanceledException(String message, boolean shutdown) {
    super(shutdown ? Errno.ESHUTDOWN.number() : Errno.ECANCELED.number(), message);
    this.shutdown = shutdown;
  }

  public boolean isShutdown() {
    return shutdown;
  }
}
