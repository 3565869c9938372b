package org.lhsm.copytool.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.ImportAttributes;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.LustreAccess;

/** Used when this build has no Lustre adapter: every Lustre operation fails with ENODEV. */
final class UnavailableLustreAccess implements LustreAccess {
  private final String why;

  UnavailableLustreAccess(String why) {
    this.why = why;
  }

  private LustreException fail() {
    return new LustreException("Lustre access unavailable (" + why + ")", null, Errno.ENODEV, null);
  }

  @Override
  public String fsname(Path mount) throws IOException {
    throw fail();
  }

  @Override
  public String clientUuid(Path mount) throws IOException {
    throw fail();
  }

  @Override
  public ActionSource register(Path mount, List<Integer> archiveIds) throws IOException {
    throw fail();
  }

  @Override
  public Fid importFile(Path dst, int archiveId, ImportAttributes attributes) throws IOException {
    throw fail();
  }

  @Override
  public AutoCloseable registerEventFifo(Path fifo) throws IOException {
    throw fail();
  }
}
