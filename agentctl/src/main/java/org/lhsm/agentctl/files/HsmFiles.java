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

/** The client-side HSM operations agentctl uses; see the package documentation for errors. */
public interface HsmFiles {
  Fid path2fid(Path file) throws IOException;

  /**
   * Index of the MDT serving {@code fid} ({@code llapi_get_mdt_index_by_fid}: decided by the FID's
   * sequence, so one answer holds for every FID of that sequence).
   *
   * @param anyPathInFs a file or directory of the filesystem
   */
  int mdtIndex(Path anyPathInFs, Fid fid) throws IOException;

  /** Filesystem name ({@code lustre}) of the filesystem holding {@code anyPath}. */
  String fsname(Path anyPath) throws IOException;

  /** Mount point of the filesystem holding {@code anyPath}. */
  Path mountPoint(Path anyPath) throws IOException;

  HsmUserState state(Path file) throws IOException;

  HsmCurrentAction currentAction(Path file) throws IOException;

  void setState(Path file, Set<HsmState> set, Set<HsmState> clear, int archiveId)
      throws IOException;

  /**
   * Submits one user request for {@code fids}, all on the filesystem holding {@code anyPathInFs}.
   */
  void request(Path anyPathInFs, UserAction kind, int archiveId, List<Fid> fids, byte[] data)
      throws IOException;
}
