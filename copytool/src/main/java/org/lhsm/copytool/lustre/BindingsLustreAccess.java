package org.lhsm.copytool.lustre;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lhsm.bindings.CopytoolSession;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.EventFifo;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.ImportAttributes;
import org.lhsm.bindings.LustreApi;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.LustreAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link LustreAccess} through the bindings (loaded by {@code Main} by name). */
public final class BindingsLustreAccess implements LustreAccess {
  private static final Logger LOG = LoggerFactory.getLogger(BindingsLustreAccess.class);
  private volatile boolean fifoRegistered;

  public BindingsLustreAccess() {}

  private static void ensureLibrary() throws IOException {
    try {
      LustreApi.ensureAvailable();
    } catch (IOException e) {
      throw new LustreException(e.getMessage(), null, Errno.ENODEV, e);
    }
  }

  @Override
  public String fsname(Path mount) throws IOException {
    ensureLibrary();
    if (!java.nio.file.Files.isDirectory(mount)) {
      throw new LustreException("cannot open '" + mount + "'", null, Errno.ENOENT, null);
    }
    return HsmClient.fsname(mount);
  }

  @Override
  public String clientUuid(Path mount) throws IOException {
    ensureLibrary();
    return HsmClient.agentUuid(mount);
  }

  @Override
  public ActionSource register(Path mount, List<Integer> archiveIds) throws IOException {
    ensureLibrary();
    if (!fifoRegistered) {
      try {
        LustreApi.routeLogsToSlf4j();
      } catch (IOException | RuntimeException e) {
        LOG.debug("library messages stay on stderr: {}", e.getMessage());
      }
    }
    return new SessionActionSource(CopytoolSession.register(mount, archiveIds));
  }

  @Override
  public Fid importFile(Path dst, int archiveId, ImportAttributes a) throws IOException {
    ensureLibrary();
    return HsmClient.importFile(dst, archiveId, a);
  }

  @Override
  public AutoCloseable startTakeoverSpool(ActionSource source, Path mount, Path dir)
      throws IOException {
    return TakeoverSpool.start(source, mount, dir);
  }

  @Override
  public AutoCloseable registerEventFifo(Path fifo) throws IOException {
    ensureLibrary();
    EventFifo f = EventFifo.register(fifo);
    fifoRegistered = true;
    return f;
  }
}
