package org.lhsm.bindings.raw;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;

/**
 * liblustreapi's HSM-related functions with their C names and x86_64 signatures (ABI spec §5).
 * Returns follow the library: {@code 0}/fd or a negative errno. Bound through {@code
 * org.lhsm.bindings.internal.LustreLibraryBinder}, each method throws an {@link IOException} (the
 * safe API's {@code LustreNotSupportedException}) when the loaded library does not export the
 * symbol. Struct arguments are raw {@link Pointer}s to caller-owned memory laid out per {@code
 * org.lhsm.bindings.internal.AbiLayout}. Depends on nothing of this project outside this package.
 */
public interface LibLustreApi extends Library {

  /**
   * {@code llapi_log_callback_t}: {@code void (*)(enum level, int err, const char *fmt, va_list)}.
   */
  interface LogCallback extends Callback {
    void invoke(int level, int err, String fmt, Pointer vaList);
  }

  // 5.1 copytool registration and reception
  int llapi_hsm_copytool_register(
      PointerByReference priv, String mnt, int archiveCount, int[] archives, int rfdFlags)
      throws IOException;

  int llapi_hsm_copytool_unregister(PointerByReference priv) throws IOException;

  int llapi_hsm_copytool_get_fd(HsmCopytoolPrivate ct) throws IOException;

  int llapi_hsm_copytool_recv(HsmCopytoolPrivate ct, PointerByReference hal, IntByReference size)
      throws IOException;

  // 5.2 per-action API
  int llapi_hsm_action_begin(
      PointerByReference phcp,
      HsmCopytoolPrivate ct,
      Pointer hai,
      int restoreMdtIndex,
      int restoreOpenFlags,
      boolean isError)
      throws IOException;

  int llapi_hsm_action_progress(HsmCopyactionPrivate hcp, Pointer he, long total, int hpFlags)
      throws IOException;

  int llapi_hsm_action_end(PointerByReference phcp, Pointer he, int hpFlags, int errval)
      throws IOException;

  int llapi_hsm_action_get_dfid(HsmCopyactionPrivate hcp, Pointer fid) throws IOException;

  int llapi_hsm_action_get_fd(HsmCopyactionPrivate hcp) throws IOException;

  // 5.3 client-side requests and state
  Pointer llapi_hsm_user_request_alloc(int itemcount, int dataLen) throws IOException;

  int llapi_hsm_request(String path, Pointer request) throws IOException;

  int llapi_hsm_current_action(String path, Pointer hca) throws IOException;

  int llapi_hsm_state_get(String path, Pointer hus) throws IOException;

  int llapi_hsm_state_get_fd(int fd, Pointer hus) throws IOException;

  int llapi_hsm_state_set(String path, long setmask, long clearmask, int archiveId)
      throws IOException;

  int llapi_hsm_state_set_fd(int fd, long setmask, long clearmask, int archiveId)
      throws IOException;

  int llapi_hsm_data_version_set(int fd, long dataVersion) throws IOException;

  int llapi_hsm_import(
      String dst,
      int archive,
      Pointer st,
      long stripeSize,
      int stripeOffset,
      int stripeCount,
      int stripePattern,
      String poolName,
      Pointer newfid)
      throws IOException;

  // 5.4 FID utilities
  int llapi_fid_parse(String fidstr, Pointer fid, PointerByReference endptr) throws IOException;

  int llapi_fid2path(
      String device,
      String fidstr,
      Pointer path,
      int pathlen,
      LongByReference recno,
      IntByReference linkno)
      throws IOException;

  int llapi_fid2path_at(
      int mntFd,
      Pointer fid,
      Pointer path,
      int pathlen,
      LongByReference recno,
      IntByReference linkno)
      throws IOException;

  int llapi_path2fid(String path, Pointer fid) throws IOException;

  int llapi_fd2fid(int fd, Pointer fid) throws IOException;

  int llapi_open_by_fid(String lustreDir, Pointer fid, int flags) throws IOException;

  int llapi_open_by_fid_at(int lustreFd, Pointer fid, int flags) throws IOException;

  int llapi_get_mdt_index_by_fid(int fd, Pointer fid, IntByReference mdtIndex) throws IOException;

  int llapi_get_data_version(int fd, LongByReference dataVersion, long flags) throws IOException;

  /** 2.16+: allocates a {@code struct file_handle} the caller frees with libc free(). */
  int llapi_fid_to_handle(PointerByReference handle, Pointer fid) throws IOException;

  /** 2.16+: a new fd on the root of the filesystem named by {@code device}. */
  int llapi_root_path_open(String device, IntByReference outfd) throws IOException;

  // 5.5 mount / filesystem discovery
  int llapi_search_fsname(String pathname, Pointer fsname) throws IOException;

  int llapi_search_mounts(String pathname, int index, Pointer mntdir, Pointer fsname)
      throws IOException;

  int llapi_search_rootpath(Pointer pathname, String fsname) throws IOException;

  int llapi_getname(String path, Pointer name, long namelen) throws IOException;

  int llapi_get_fsname(String path, Pointer fsname, long fsnameLen) throws IOException;

  int llapi_get_instance(String path, Pointer instance, long instanceLen) throws IOException;

  int llapi_get_fsname_instance(
      String path, Pointer fsname, long fsnameLen, Pointer instance, long instanceLen)
      throws IOException;

  /** Returns 0, or -1 with errno set (not a negative errno). */
  int llapi_get_version_string(Pointer version, int size) throws IOException;

  int llapi_get_agent_uuid(String path, Pointer buf, long bufsize) throws IOException;

  // 5.6 parameters (glob_t is passed as caller-owned memory)
  int llapi_param_get_paths(String pattern, Pointer paths, int flags) throws IOException;

  void llapi_param_paths_free(Pointer paths) throws IOException;

  int llapi_param_get_value(String path, PointerByReference buf, LongByReference buflen)
      throws IOException;

  // 5.8 other helpers
  int llapi_create_volatile_idx(String directory, int mdtIdx, int openFlags) throws IOException;

  int llapi_create_volatile_param(
      String directory, int mdtIdx, int openFlags, int mode, Pointer stripeParam)
      throws IOException;

  int llapi_fswap_layouts(int fd1, int fd2, long dv1, long dv2, long flags) throws IOException;

  // 5.7 event FIFO and logging
  int llapi_hsm_register_event_fifo(String path) throws IOException;

  int llapi_hsm_unregister_event_fifo(String path) throws IOException;

  void llapi_msg_set_level(int level) throws IOException;

  int llapi_msg_get_level() throws IOException;

  /** Returns the previous callback as a raw function pointer (NULL = the default one). */
  Pointer llapi_error_callback_set(LogCallback cb) throws IOException;

  /** As {@link #llapi_error_callback_set}, for informational messages. */
  Pointer llapi_info_callback_set(LogCallback cb) throws IOException;

  void llapi_hsm_log_error(int level, int rc, String fmt, Pointer vaList) throws IOException;
}
