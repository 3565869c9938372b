package org.lhsm.copytool.fakes;

import java.util.Optional;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ArchiveBackend;
import org.lhsm.copytool.core.CopyControl;

/** A backend that moves nothing and succeeds at everything. */
public final class NoopBackend implements ArchiveBackend {
  @Override
  public void archive(HsmActionItem item, ActionHandle handle, CopyControl control) {}

  @Override
  public Optional<byte[]> restoreLayout(HsmActionItem item) {
    return Optional.empty();
  }

  @Override
  public void restore(HsmActionItem item, ActionHandle handle, CopyControl control) {}

  @Override
  public void remove(HsmActionItem item) {}
}
