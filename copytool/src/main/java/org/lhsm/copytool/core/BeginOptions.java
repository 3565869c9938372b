package org.lhsm.copytool.core;

import java.util.Optional;

/**
 * Extra input for beginning an action. For RESTORE, {@code layout} is the saved {@code lustre.lov}
 * value: an adapter able to apply it creates the volatile file with delayed layout creation and
 * sets it; otherwise it ignores it and the directory default layout is used.
 */
public record BeginOptions(Optional<byte[]> layout) {
  public static final BeginOptions NONE = new BeginOptions(Optional.empty());

  public static BeginOptions withLayout(byte[] layout) {
    return new BeginOptions(Optional.of(layout.clone()));
  }
}
