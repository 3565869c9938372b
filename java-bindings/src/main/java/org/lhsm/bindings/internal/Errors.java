package org.lhsm.bindings.internal;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.lhsm.bindings.ActionCanceledException;
import org.lhsm.bindings.CopytoolShutdownException;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;

/**
 * The one place where a failed native call becomes a typed exception: liblustreapi returns {@code
 * -errno} ({@link #check}, {@link #checkPath}); libc returns {@code -1} and leaves errno, read here
 * right after the call ({@link #lastErrno}, {@link #libcFailure}, {@link #libcPathFailure}).
 */
public final class Errors {
  private Errors() {}

  /**
   * Returns {@code rc} when it is not negative, else throws the exception for {@code -rc}.
   *
   * @param target path or FID text the call was about, or null
   */
  public static int check(int rc, String function, String target) throws LustreException {
    if (rc >= 0) {
      return rc;
    }
    throw exception(function, target, -rc);
  }

  /**
   * As {@link #check}, for calls about a path: ENOENT becomes {@link NoSuchFileException} with the
   * {@link LustreException} as its cause.
   */
  public static int checkPath(int rc, String function, Path path) throws IOException {
    if (rc >= 0) {
      return rc;
    }
    throw pathException(function, path, -rc);
  }

  /** The errno the libc call that just failed left on this thread. */
  public static Errno lastErrno() {
    return Errno.fromNumber(Native.getLastError());
  }

  /**
   * For a libc call that just returned {@code -1} where some errnos are an answer, not a failure:
   * returns the errno when it is one of {@code expected}, else throws the call's exception. No
   * exception is built for an expected errno (callers on the per-action path see one per action).
   *
   * @param target what the call was about, or null
   */
  public static Errno expectedFailure(String function, String target, Errno... expected)
      throws LustreException {
    int errno = Native.getLastError();
    for (Errno e : expected) {
      if (e.number() == errno) {
        return e;
      }
    }
    throw exception(function, target, errno);
  }

  /**
   * The exception for the libc call that just returned {@code -1} (call before any other native
   * call on this thread).
   *
   * @param target what the call was about, or null
   */
  public static LustreException libcFailure(String function, String target) {
    return exception(function, target, Native.getLastError());
  }

  /** As {@link #libcFailure}, for a call about a path (ENOENT as in {@link #checkPath}). */
  public static IOException libcPathFailure(String function, Path path) {
    return pathException(function, path, Native.getLastError());
  }

  private static IOException pathException(String function, Path path, int errno) {
    LustreException e = exception(function, path.toString(), errno);
    if (e.errno() == Errno.ENOENT) {
      NoSuchFileException nsf = new NoSuchFileException(path.toString());
      nsf.initCause(e);
      return nsf;
    }
    return e;
  }

  /** The typed exception for a positive errno. */
  public static LustreException exception(String function, String target, int errno) {
    Errno e = Errno.fromNumber(errno);
    if (e == Errno.ECANCELED) {
      return new ActionCanceledException(function, target);
    }
    if (e == Errno.ESHUTDOWN) {
      return new CopytoolShutdownException(function, target);
    }
    return new LustreException(function, target, errno);
  }
}
