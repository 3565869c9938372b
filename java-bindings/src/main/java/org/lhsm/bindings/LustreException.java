package org.lhsm.bindings;

import java.io.IOException;

/**
 * An operation failed with an errno: a liblustreapi or libc call that returned one, or a step of
 * the tools built on them that fails with the errno it reports (a copytool action ends with it,
 * agentctl maps it to an exit code). The message names the function or step, the target (path or
 * FID) and the symbolic errno, e.g. {@code llapi_hsm_request(/mnt/lustre/f): EPERM (Operation not
 * permitted)}.
 */
public class LustreException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String function;
  private final String target;
  private final int errnoNumber;

  /**
   * For an errno as a library returns it, which may be one {@link Errno} does not name.
   *
   * @param function the C function that failed
   * @param target path or FID text the call was about, or null
   * @param errnoNumber the errno (sign ignored)
   */
  public LustreException(String function, String target, int errnoNumber) {
    this(describe(function, target, Math.abs(errnoNumber)), function, target, errnoNumber);
  }

  /**
   * @param function the C function or the step that failed (e.g. {@code cannot remove '/a/b'})
   * @param target path or FID text it was about, or null
   * @param errno the errno to report (not {@link Errno#UNKNOWN}, which has no number)
   * @param cause the underlying failure, or null
   */
  public LustreException(String function, String target, Errno errno, Throwable cause) {
    this(function, target, known(errno));
    initCause(cause);
  }

  private static int known(Errno errno) {
    if (errno == Errno.UNKNOWN) {
      throw new IllegalArgumentException("Errno.UNKNOWN has no number");
    }
    return errno.number();
  }

  protected LustreException(String message, String function, String target, int errnoNumber) {
    super(message);
    this.function = function;
    this.target = target;
    this.errnoNumber = Math.abs(errnoNumber);
  }

  private static String describe(String function, String target, int errno) {
    String where = target == null ? function : function + "(" + target + ")";
    return where + ": " + Errno.nameOf(errno) + " (" + Errno.strerror(errno) + ")";
  }

  /** The C function or the step that failed, e.g. {@code llapi_hsm_request}. */
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
