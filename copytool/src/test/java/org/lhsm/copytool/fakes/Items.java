package org.lhsm.copytool.fakes;

import java.util.List;
import org.lhsm.bindings.Fid;
import org.lhsm.copytool.core.ActionBatch;
import org.lhsm.copytool.core.ActionItem;
import org.lhsm.copytool.core.ActionKind;

/** Test item builders. */
public final class Items {
  private Items() {}

  public static ActionItem item(ActionKind kind, long cookie) {
    Fid fid = new Fid(0x200000401L, (int) cookie, 0);
    return new ActionItem(kind, fid, fid, 0, ActionItem.WHOLE_FILE, cookie, 1, 72);
  }

  public static ActionBatch batch(ActionItem... items) {
    return new ActionBatch("lustre", 1, List.of(items));
  }
}
