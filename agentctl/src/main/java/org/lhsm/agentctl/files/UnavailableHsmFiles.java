package org.lhsm.agentctl.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmCurrentAction;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserState;
import org.lhsm.bindings.UserAction;

/** Stand-in when no liblustreapi binding is available: every file operation says so. */
public final class UnavailableHsmFiles implements HsmFiles {
  private final String reason;

  public UnavailableHsmFiles(String reason) {
    this.reason = reason;
  }

  private IOException fail() {
    return new IOException(reason);
  }

  @Override
  public Fid path2fid(Path file) throws IOException {
    throw fail();
  }

  @Override
  public int mdtIndex(Path anyPathInFs, Fid fid) throws IOException {
    throw fail();
  }

  @Override
  public String fsname(Path anyPath) throws IOException {
    throw fail();
  }

  @Override
  public Path mountPoint(Path anyPath) throws IOException {
    throw fail();
  }

  @Override
  public HsmUserState state(Path file) throws IOException {
    throw fail();
  }

  @Override
  public HsmCurrentAction currentAction(Path file) throws IOException {
    throw fail();
  }

  @Override
  public void setState(Path file, Set<HsmState> set, Set<HsmState> clear, int archiveId)
      throws IOException {
    throw fail();
  }

  @Override
  public void request(Path anyPathInFs, UserAction kind, int archiveId, List<Fid> fids, byte[] data)
      throws IOException {
    throw fail();
  }
}
