package org.lhsm.bindings.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.lhsm.bindings.ActionCanceledException;
import org.lhsm.bindings.CopytoolShutdownException;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;

/** The one place where a liblustreapi return value becomes success or a typed exception. */
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
    LustreException e = exception(function, path.toString(), -rc);
    if (e.errno() == Errno.ENOENT) {
      NoSuchFileException nsf = new NoSuchFileException(path.toString());
      nsf.initCause(e);
      throw nsf;
    }
    throw e;
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
