package org.lhsm.copytool.core;

import java.util.List;

/** One action list as received: the file system it is for, its archive id and its items. */
public record ActionBatch(String fsname, int archiveId, List<ActionItem> items) {
  public ActionBatch {
    items = List.copyOf(items);
  }
}
