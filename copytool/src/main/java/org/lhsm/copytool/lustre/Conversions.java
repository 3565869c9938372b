package org.lhsm.copytool.lustre;

import java.io.IOException;
import org.lhsm.bindings.CopytoolShutdownException;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.ActionCanceledException;
import org.lhsm.copytool.core.CopytoolException;
import org.lhsm.copytool.core.SourceShutdownException;

/** Value and exception mapping between the bindings and the copytool model. */
final class Conversions {
  private Conversions() {}

  /** The bindings' typed errors as the copytool's (errno kept, cancel and shutdown typed). */
  static IOException translate(IOException e) {
    if (e instanceof org.lhsm.bindings.ActionCanceledException) {
      ActionCanceledException c = new ActionCanceledException(e.getMessage(), false);
      c.initCause(e);
      return c;
    }
    if (e instanceof CopytoolShutdownException) {
      SourceShutdownException s = new SourceShutdownException(e.getMessage());
      s.initCause(e);
      return s;
    }
    if (e instanceof LustreException le) {
      return new CopytoolException(le.errnoNumber(), le.function() + "(" + le.target() + ")", le);
    }
    if (e.getCause() instanceof LustreException le) {
      return new CopytoolException(le.errnoNumber(), le.function() + "(" + le.target() + ")", e);
    }
    return e;
  }
}
