package org.lhsm.bindings;

import java.io.IOException;

/**
 * A liblustreapi call failed with a negative errno. The message names the function, the target
 * (path or FID) and the symbolic errno, e.g. {@code llapi_hsm_request(/mnt/lustre/f): EPERM
 * (Operation not permitted)}.
 */
public class LustreException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String function;
  private final String target;
  private final int errnoNumber;

  /**
   * @param function the C function that failed
   * @param target path or FID text the call was about, or null
   * @param errnoNumber the errno (sign ignored)
   */
  public LustreException(String function, String target, int errnoNumber) {
    this(describe(function, target, Math.abs(errnoNumber)), function, target, errnoNumber);
  }

  protected LustreException(String message, String function, String target, int errnoNumber) {
    super(message);
    this.function = function;
    this.target = target;
    this.errnoNumber = Math.abs(errnoNumber);
  }

  private static String describe(String function, String target, int errno) {
    Errno e = Errno.fromNumber(errno);
    String name = e == Errno.UNKNOWN ? "errno " + errno : e.name();
    String where = target == null ? function : function + "(" + target + ")";
    return where + ": " + name + " (" + Errno.strerror(errno) + ")";
  }

  /** The C function that failed, e.g. {@code llapi_hsm_request}. */
  public String function() {
    return function;
  }

  /** The path or FID text the call was about, or null. */
  public String target() {
    return target;
  }

  /** The symbolic errno; {@link Errno#UNKNOWN} when the number is not named. */
  public Errno errno() {
    return Errno.fromNumber(errnoNumber);
  }

  /** The positive errno number. */
  public int errnoNumber() {
    return errnoNumber;
  }
}
