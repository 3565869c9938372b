package org.lhsm.copytool.lustre;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.CopytoolShutdownException;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.ActionBatch;
import org.lhsm.copytool.core.ActionCanceledException;
import org.lhsm.copytool.core.ActionItem;
import org.lhsm.copytool.core.ActionKind;
import org.lhsm.copytool.core.CopytoolException;
import org.lhsm.copytool.core.SourceShutdownException;

/** Value and exception mapping between the bindings and the copytool model. */
final class Conversions {
  private Conversions() {}

  static ActionKind kind(CopytoolAction a) {
    return switch (a) {
      case ARCHIVE -> ActionKind.ARCHIVE;
      case RESTORE -> ActionKind.RESTORE;
      case REMOVE -> ActionKind.REMOVE;
      case CANCEL -> ActionKind.CANCEL;
      case NONE -> ActionKind.NOOP;
      case UNKNOWN -> ActionKind.UNKNOWN;
    };
  }

  static ActionItem item(HsmActionItem i, int archiveId) {
    return new ActionItem(
        kind(i.action()),
        i.fid(),
        i.dfid(),
        i.extent().offset(),
        i.extent().length(),
        i.cookie(),
        archiveId,
        i.encodedLength(),
        i.actionCode());
  }

  static ActionBatch batch(HsmActionList list) {
    List<ActionItem> items = new ArrayList<>(list.items().size());
    for (HsmActionItem i : list.items()) {
      items.add(item(i, list.archiveId()));
    }
    return new ActionBatch(list.fsname(), list.archiveId(), items);
  }

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
