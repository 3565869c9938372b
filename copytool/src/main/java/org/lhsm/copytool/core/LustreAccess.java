package org.lhsm.copytool.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.ImportAttributes;

/**
 * Everything the command-line modes need from Lustre, so they can run against a fake in tests. The
 * real implementation lives in {@code org.lhsm.copytool.lustre}.
 */
public interface LustreAccess {

  /** File system name of the Lustre mount (ENODEV-style error if not Lustre). */
  String fsname(Path mount) throws IOException;

  /**
   * The client UUID of {@code mount}: what the coordinator knows a copytool's agent by, the same
   * for every path that reaches that client mount.
   */
  String clientUuid(Path mount) throws IOException;

  /** Registers a copytool on {@code mount}; empty ids = all archives. */
  ActionSource register(Path mount, List<Integer> archiveIds) throws IOException;

  /** Creates a released, archived file at {@code dst} and returns its FID. */
  Fid importFile(Path dst, int archiveId, ImportAttributes attributes) throws IOException;

  /** Routes the library's events and log messages to a FIFO; returns a handle that unregisters. */
  AutoCloseable registerEventFifo(Path fifo) throws IOException;

  /**
   * Starts taking over requests on the orders {@code agentctl takeover} leaves in {@code dir}, for
   * the copytool {@code source} registered on {@code mount}; closing the handle stops it.
   */
  default AutoCloseable startTakeoverSpool(ActionSource source, Path mount, Path dir)
      throws IOException {
    throw new IOException("taking over requests is not supported here");
  }
}
