package org.lhsm.bindings;

import static org.lhsm.bindings.internal.AbiLayout.HCA_ACTION;
import static org.lhsm.bindings.internal.AbiLayout.HCA_LOCATION;
import static org.lhsm.bindings.internal.AbiLayout.HCA_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.HCA_STATE;
import static org.lhsm.bindings.internal.AbiLayout.HUS_ARCHIVE_ID;
import static org.lhsm.bindings.internal.AbiLayout.HUS_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.HUS_STATES;
import static org.lhsm.bindings.internal.AbiLayout.PATH_MAX;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.lhsm.bindings.internal.AbiLayout;
import org.lhsm.bindings.internal.Errors;
import org.lhsm.bindings.internal.NativeAccess;
import org.lhsm.bindings.internal.NativeStructs;
import org.lhsm.bindings.internal.PathFds;
import org.lhsm.bindings.raw.LibLustreApi;

/** Client-side HSM calls: requests, state, import, FID and mount lookups. Thread-safe. */
public final class HsmClient {
  private HsmClient() {}

  /** Sends {@code req}, split into parts below the kernel's size limit, in order. */
  public static void request(Path anyPathInFs, HsmUserRequest req) throws IOException {
    if (req.fids().isEmpty()) {
      throw new IllegalArgumentException("HSM request has no files");
    }
    LibLustreApi api = NativeAccess.lustre();
    for (HsmUserRequest part : req.splitToLimit()) {
      byte[] bytes = part.encode();
      try (Memory m = new Memory(bytes.length)) {
        m.write(0, bytes, 0, bytes.length);
        Errors.checkPath(
            api.llapi_hsm_request(anyPathInFs.toString(), m), "llapi_hsm_request", anyPathInFs);
      }
    }
  }

  /** The file's HSM flags and archive id. */
  public static HsmUserState state(Path file) throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    try (Memory m = NativeStructs.zeroed(HUS_SIZE)) {
      Errors.checkPath(api.llapi_hsm_state_get(file.toString(), m), "llapi_hsm_state_get", file);
      return new HsmUserState(
          HsmState.fromMask(Integer.toUnsignedLong(m.getInt(HUS_STATES))),
          m.getInt(HUS_ARCHIVE_ID));
    }
  }

  /** Sets then clears flags; {@code archiveId} 0 leaves the archive id unchanged. */
  public static void setState(Path file, Set<HsmState> set, Set<HsmState> clear, int archiveId)
      throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    Errors.checkPath(
        api.llapi_hsm_state_set(
            file.toString(), HsmState.toMask(set), HsmState.toMask(clear), archiveId),
        "llapi_hsm_state_set",
        file);
  }

  /** The action pending or running on the file. */
  public static HsmCurrentAction currentAction(Path file) throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    try (Memory m = NativeStructs.zeroed(HCA_SIZE)) {
      Errors.checkPath(
          api.llapi_hsm_current_action(file.toString(), m), "llapi_hsm_current_action", file);
      return new HsmCurrentAction(
          ProgressState.fromCode(m.getInt(HCA_STATE)),
          UserAction.fromCode(m.getInt(HCA_ACTION)),
          NativeStructs.readExtent(m, HCA_LOCATION));
    }
  }

  /** Creates {@code dst} as a released file backed by {@code archiveId}; returns its FID. */
  public static Fid importFile(Path dst, int archiveId, ImportAttributes a) throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    try (Memory st = NativeStructs.zeroed(AbiLayout.STAT_SIZE);
        Memory fid = NativeStructs.zeroed(16)) {
      st.setInt(AbiLayout.STAT_MODE, a.mode());
      st.setInt(AbiLayout.STAT_UID, a.uid());
      st.setInt(AbiLayout.STAT_GID, a.gid());
      st.setLong(AbiLayout.STAT_SIZE_FIELD, a.size());
      st.setLong(AbiLayout.STAT_ATIM, a.atimeSec());
      st.setLong(AbiLayout.STAT_ATIM + 8, a.atimeNsec());
      st.setLong(AbiLayout.STAT_MTIM, a.mtimeSec());
      st.setLong(AbiLayout.STAT_MTIM + 8, a.mtimeNsec());
      Errors.checkPath(
          api.llapi_hsm_import(dst.toString(), archiveId, st, 0, -1, 0, 0, null, fid),
          "llapi_hsm_import",
          dst);
      return NativeStructs.readFid(fid, 0);
    }
  }

  /** The path of {@code fid} relative to the mount root (empty for the root itself). */
  public static Path fid2path(Path mountOrFile, Fid fid) throws IOException {
    return fid2path(NativeAccess.lustre(), mountOrFile.toString(), fid);
  }

  static Path fid2path(LibLustreApi api, String device, Fid fid) throws IOException {
    try (Memory buf = NativeStructs.zeroed(PATH_MAX)) {
      LongByReference recno = new LongByReference(-1);
      IntByReference linkno = new IntByReference(0);
      Errors.check(
          api.llapi_fid2path(device, fid.toString(), buf, PATH_MAX, recno, linkno),
          "llapi_fid2path",
          fid.toString());
      String p = NativeStructs.readString(buf);
      return p.equals("/") ? Path.of("") : Path.of(p);
    }
  }

  /**
   * The index of the MDT serving {@code fid} ({@code llapi_get_mdt_index_by_fid}): the client's FID
   * location database answers by the FID's sequence, without checking that the file exists, so all
   * FIDs of one sequence live on one MDT.
   *
   * @param directory any directory of the filesystem (the ioctl is a directory ioctl)
   */
  public static int mdtIndex(Path directory, Fid fid) throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    int fd = PathFds.open(directory, AbiLayout.O_RDONLY | AbiLayout.O_DIRECTORY);
    try (Memory f = NativeStructs.fid(fid)) {
      IntByReference idx = new IntByReference();
      return Errors.checkPath(
          api.llapi_get_mdt_index_by_fid(fd, f, idx), "llapi_get_mdt_index_by_fid", directory);
    } finally {
      NativeAccess.libc().close(fd);
    }
  }

  /** The FID of {@code path} (a final symlink is not followed). */
  public static Fid path2fid(Path path) throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    try (Memory fid = NativeStructs.zeroed(16)) {
      Errors.checkPath(api.llapi_path2fid(path.toString(), fid), "llapi_path2fid", path);
      return NativeStructs.readFid(fid, 0);
    }
  }

  /** The file's data version; {@code flags} are {@code LL_DV_*} bits. */
  public static long dataVersion(Path file, int flags) throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    int fd = PathFds.open(file, AbiLayout.O_RDONLY | AbiLayout.O_NONBLOCK);
    try {
      LongByReference dv = new LongByReference();
      Errors.checkPath(
          api.llapi_get_data_version(fd, dv, Integer.toUnsignedLong(flags)),
          "llapi_get_data_version",
          file);
      return dv.getValue();
    } finally {
      NativeAccess.libc().close(fd);
    }
  }

  /** Records {@code dataVersion} as the file's archived version (2.16+). */
  public static void setDataVersion(Path file, long dataVersion) throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    int fd = PathFds.open(file, AbiLayout.O_RDONLY | AbiLayout.O_NONBLOCK);
    try {
      Errors.checkPath(
          api.llapi_hsm_data_version_set(fd, dataVersion), "llapi_hsm_data_version_set", file);
    } finally {
      NativeAccess.libc().close(fd);
    }
  }

  /** The name of the Lustre filesystem holding {@code path}. */
  public static String fsname(Path path) throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    try (Memory buf = NativeStructs.zeroed(PATH_MAX)) {
      Errors.checkPath(api.llapi_search_fsname(path.toString(), buf), "llapi_search_fsname", path);
      return NativeStructs.readString(buf);
    }
  }

  /** The mount point of the Lustre filesystem holding {@code path}. */
  public static Path mountPoint(Path path) throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    try (Memory buf = NativeStructs.zeroed(PATH_MAX)) {
      Errors.checkPath(
          api.llapi_search_mounts(path.toString(), 0, buf, null), "llapi_search_mounts", path);
      return Path.of(NativeStructs.readString(buf));
    }
  }

  /** The client's agent UUID for the mount holding {@code path}, as the MDT lists it. */
  public static String agentUuid(Path path) throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    try (Memory buf = NativeStructs.zeroed(PATH_MAX)) {
      Errors.checkPath(
          api.llapi_get_agent_uuid(path.toString(), buf, PATH_MAX), "llapi_get_agent_uuid", path);
      return NativeStructs.readString(buf).strip();
    }
  }
}
