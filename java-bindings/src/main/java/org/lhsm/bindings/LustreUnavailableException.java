package org.lhsm.bindings;

import java.io.IOException;

/** liblustreapi could not be loaded; the cause holds the loader's own error. */
public class LustreUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The message every "library missing" report uses. */
  public static final String MESSAGE =
      "liblustreapi not found: install the Lustre client packages or set LHSM_LIBLUSTREAPI";

  public LustreUnavailableException(Throwable cause) {
    super(MESSAGE, cause);
  }
}
