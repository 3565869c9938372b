package org.lhsm.agentctl.files;

import java.io.IOException;

/**
 * A liblustreapi call failed with an errno, kept by symbolic name ({@code EPERM}) and number.
 * Message: {@code llapi_hsm_request(/mnt/lustre/f): EPERM (Operation not permitted)}.
 */
public final class HsmCallException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String function;
  private final String target;
  private final String errnoName;
  private final int errnoNumber;

  public HsmCallException(
      String function, String target, String errnoName, int errnoNumber, String description) {
    super(function + "(" + target + "): " + errnoName + " (" + description + ")");
    this.function = function;
    this.target = target;
    this.errnoName = errnoName;
    this.errnoNumber = errnoNumber;
  }

  public String function() {
    return function;
  }

  public String target() {
    return target;
  }

  public String errnoName() {
    return errnoName;
  }

  public int errnoNumber() {
    return errnoNumber;
  }
}
