package org.lhsm.agentctl.params;

import java.io.IOException;

/** A parameter, MDT or filesystem that is not present under any searched root. */
public final class ParamNotFoundException extends IOException {
  private static final long serialVersionUID = 1L;

  public ParamNotFoundException(String message) {
    super(message);
  }
}
