package org.lhsm.copytool.fakes;

import java.util.List;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.bindings.HsmExtent;

/** Test item builders. */
public final class Items {
  private Items() {}

  public static HsmActionItem item(CopytoolAction kind, long cookie) {
    Fid fid = new Fid(0x200000401L, (int) cookie, 0);
    return new HsmActionItem(kind, fid, fid, HsmExtent.whole(), cookie, 0, null);
  }

  public static HsmActionList batch(HsmActionItem... items) {
    return new HsmActionList(HsmActionList.VERSION, "lustre", 1, 0, List.of(items));
  }
}
