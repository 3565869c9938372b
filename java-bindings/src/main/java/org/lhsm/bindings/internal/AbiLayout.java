package org.lhsm.bindings.internal;

import com.sun.jna.Platform;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.MessageLevel;
import org.lhsm.bindings.ProgressFlag;
import org.lhsm.bindings.ProgressState;
import org.lhsm.bindings.RequestFlag;
import org.lhsm.bindings.UserAction;

/**
 * Every C struct size, field offset and constant value the Java side relies on (x86_64, ABI spec §1
 * and §3; the open flags follow the running architecture), in one place. {@link #expected()} lists
 * them under the keys the C layout probe reports ({@code sizeof.<struct>}, {@code
 * offsetof.<struct>.<field>}, {@code const.<NAME>}) so a test can compare them against the
 * compiler. Enum codes live in their enums and are collected here.
 */
public final class AbiLayout {
  private AbiLayout() {}

  // struct lu_fid
  public static final int LU_FID_SIZE = 16;
  public static final int LU_FID_SEQ = 0;
  public static final int LU_FID_OID = 8;
  public static final int LU_FID_VER = 12;

  // struct hsm_extent
  public static final int HSM_EXTENT_SIZE = 16;
  public static final int HSM_EXTENT_OFFSET = 0;
  public static final int HSM_EXTENT_LENGTH = 8;

  // struct hsm_action_item
  public static final int HAI_SIZE = 72;
  public static final int HAI_LEN = 0;
  public static final int HAI_ACTION = 4;
  public static final int HAI_FID = 8;
  public static final int HAI_DFID = 24;
  public static final int HAI_EXTENT = 40;
  public static final int HAI_COOKIE = 56;
  public static final int HAI_GID = 64;
  public static final int HAI_DATA = 72;

  // struct hsm_action_list
  public static final int HAL_SIZE = 32;
  public static final int HAL_VERSION_OFF = 0;
  public static final int HAL_COUNT = 4;
  public static final int HAL_COMPOUND_ID = 8;
  public static final int HAL_FLAGS = 16;
  public static final int HAL_ARCHIVE_ID = 24;
  public static final int HAL_PADDING1 = 28;
  public static final int HAL_FSNAME = 32;
  public static final int HAL_VERSION = 1;

  // struct hsm_user_state
  public static final int HUS_SIZE = 32;
  public static final int HUS_STATES = 0;
  public static final int HUS_ARCHIVE_ID = 4;
  public static final int HUS_IN_PROGRESS_STATE = 8;
  public static final int HUS_IN_PROGRESS_ACTION = 12;
  public static final int HUS_IN_PROGRESS_LOCATION = 16;
  public static final int HUS_EXTENDED_INFO = 32;

  // struct hsm_current_action
  public static final int HCA_SIZE = 24;
  public static final int HCA_STATE = 0;
  public static final int HCA_ACTION = 4;
  public static final int HCA_LOCATION = 8;

  // struct hsm_request
  public static final int HR_SIZE = 24;
  public static final int HR_ACTION = 0;
  public static final int HR_ARCHIVE_ID = 4;
  public static final int HR_FLAGS = 8;
  public static final int HR_ITEMCOUNT = 16;
  public static final int HR_DATA_LEN = 20;

  // struct hsm_user_item
  public static final int HUI_SIZE = 32;
  public static final int HUI_FID = 0;
  public static final int HUI_EXTENT = 16;

  // struct hsm_user_request
  public static final int HUR_REQUEST = 0;
  public static final int HUR_USER_ITEM = 24;

  /** Requests of this many bytes or more are refused with E2BIG (MDS_MAXREQSIZE / 3). */
  public static final int HUR_SIZE_LIMIT = 1706;

  // struct stat (glibc x86_64), as read by llapi_hsm_import
  public static final int STAT_SIZE = 144;
  public static final int STAT_MODE = 24;
  public static final int STAT_UID = 28;
  public static final int STAT_GID = 32;
  public static final int STAT_SIZE_FIELD = 48;
  public static final int STAT_ATIM = 72;
  public static final int STAT_MTIM = 88;

  // struct pollfd
  public static final int POLLFD_SIZE = 8;
  public static final short POLLIN = 0x1;

  /** {@code PATH_MAX}: buffer size the library assumes for path and fsname outputs. */
  public static final int PATH_MAX = 4096;

  // open(2) flags: the same on every Linux architecture Lustre clients run on, except
  // O_DIRECTORY and O_NOFOLLOW
  public static final int O_RDONLY = 0;
  public static final int O_RDWR = 02;
  public static final int O_NONBLOCK = 04000;
  public static final int O_DIRECTORY = oDirectory(Platform.ARCH);
  public static final int O_NOFOLLOW = oNofollow(Platform.ARCH);
  public static final int O_CLOEXEC = 02000000;

  /**
   * {@code O_DIRECTORY} for a JNA architecture name: 040000 on arm, aarch64 and powerpc, where
   * 0200000 means O_DIRECT or O_LARGEFILE; 0200000 on x86_64, s390x and the generic ABI.
   */
  static int oDirectory(String jnaArch) {
    return armOrPowerpc(jnaArch) ? 040000 : 0200000;
  }

  /** {@code O_NOFOLLOW}: 0100000 on arm, aarch64 and powerpc, 0400000 elsewhere. */
  static int oNofollow(String jnaArch) {
    return armOrPowerpc(jnaArch) ? 0100000 : 0400000;
  }

  private static boolean armOrPowerpc(String jnaArch) {
    return jnaArch.startsWith("arm") || jnaArch.startsWith("aarch64") || jnaArch.startsWith("ppc");
  }

  private static final Map<String, Long> EXPECTED = build();

  /**
   * Values Java uses that the project's probe does not report, with why: {@code HSM_REQ_BLOCKING}
   * is 2.17+ and absent from the 2.16 headers the probe mirrors. A probe that does report one of
   * these must agree with it.
   */
  private static final Map<String, Long> NOT_PROBED =
      Map.of("const.HSM_REQ_BLOCKING", RequestFlag.BLOCKING.mask());

  /**
   * Structs declared only in {@code lustre_idl.h}: a real-header probe omits them when that header
   * is not installed.
   */
  public static final java.util.Set<String> IDL_ONLY_STRUCTS =
      java.util.Set.of("hsm_attrs", "llog_rec_hdr", "llog_rec_tail", "llog_agent_req_rec");

  /** Every size, offset and constant under the probe's key names. */
  public static Map<String, Long> expected() {
    return EXPECTED;
  }

  /** Values Java relies on that no probe is expected to report (see the field comment). */
  public static Map<String, Long> notProbed() {
    return NOT_PROBED;
  }

  /** Rounds up to the next multiple of 8, as the action list walk does. */
  public static long roundUp8(long n) {
    return (n + 7) & ~7L;
  }

  private static Map<String, Long> build() {
    Map<String, Long> m = new LinkedHashMap<>();
    struct(m, "lu_fid", LU_FID_SIZE, "f_seq", LU_FID_SEQ, "f_oid", LU_FID_OID, "f_ver", LU_FID_VER);
    struct(
        m, "hsm_extent", HSM_EXTENT_SIZE, "offset", HSM_EXTENT_OFFSET, "length", HSM_EXTENT_LENGTH);
    struct(
        m,
        "hsm_action_item",
        HAI_SIZE,
        "hai_len",
        HAI_LEN,
        "hai_action",
        HAI_ACTION,
        "hai_fid",
        HAI_FID,
        "hai_dfid",
        HAI_DFID,
        "hai_extent",
        HAI_EXTENT,
        "hai_cookie",
        HAI_COOKIE,
        "hai_gid",
        HAI_GID,
        "hai_data",
        HAI_DATA);
    struct(
        m,
        "hsm_action_list",
        HAL_SIZE,
        "hal_version",
        HAL_VERSION_OFF,
        "hal_count",
        HAL_COUNT,
        "hal_compound_id",
        HAL_COMPOUND_ID,
        "hal_flags",
        HAL_FLAGS,
        "hal_archive_id",
        HAL_ARCHIVE_ID,
        "padding1",
        HAL_PADDING1,
        "hal_fsname",
        HAL_FSNAME);
    struct(
        m,
        "hsm_user_state",
        HUS_SIZE,
        "hus_states",
        HUS_STATES,
        "hus_archive_id",
        HUS_ARCHIVE_ID,
        "hus_in_progress_state",
        HUS_IN_PROGRESS_STATE,
        "hus_in_progress_action",
        HUS_IN_PROGRESS_ACTION,
        "hus_in_progress_location",
        HUS_IN_PROGRESS_LOCATION,
        "hus_extended_info",
        HUS_EXTENDED_INFO);
    struct(
        m,
        "hsm_current_action",
        HCA_SIZE,
        "hca_state",
        HCA_STATE,
        "hca_action",
        HCA_ACTION,
        "hca_location",
        HCA_LOCATION);
    struct(
        m,
        "hsm_request",
        HR_SIZE,
        "hr_action",
        HR_ACTION,
        "hr_archive_id",
        HR_ARCHIVE_ID,
        "hr_flags",
        HR_FLAGS,
        "hr_itemcount",
        HR_ITEMCOUNT,
        "hr_data_len",
        HR_DATA_LEN);
    struct(m, "hsm_user_item", HUI_SIZE, "hui_fid", HUI_FID, "hui_extent", HUI_EXTENT);
    struct(
        m,
        "hsm_user_request",
        HUR_USER_ITEM,
        "hur_request",
        HUR_REQUEST,
        "hur_user_item",
        HUR_USER_ITEM);
    struct(
        m,
        "hsm_user_import",
        48,
        "hui_size",
        0,
        "hui_atime",
        8,
        "hui_mtime",
        16,
        "hui_atime_ns",
        24,
        "hui_mtime_ns",
        28,
        "hui_uid",
        32,
        "hui_gid",
        36,
        "hui_mode",
        40,
        "hui_archive_id",
        44);
    struct(
        m,
        "hsm_progress",
        48,
        "hp_fid",
        0,
        "hp_cookie",
        16,
        "hp_extent",
        24,
        "hp_flags",
        40,
        "hp_errval",
        42,
        "padding",
        44);
    struct(
        m,
        "hsm_copy",
        88,
        "hc_data_version",
        0,
        "hc_flags",
        8,
        "hc_errval",
        10,
        "padding",
        12,
        "hc_hai",
        16);
    struct(
        m,
        "hsm_state_set",
        24,
        "hss_valid",
        0,
        "hss_archive_id",
        4,
        "hss_setmask",
        8,
        "hss_clearmask",
        16);
    struct(
        m,
        "kuc_hdr",
        8,
        "kuc_magic",
        0,
        "kuc_transport",
        2,
        "kuc_flags",
        3,
        "kuc_msgtype",
        4,
        "kuc_msglen",
        6);
    struct(
        m,
        "lustre_kernelcomm",
        24,
        "lk_wfd",
        0,
        "lk_rfd",
        4,
        "lk_uid",
        8,
        "lk_group",
        12,
        "lk_data_count",
        16,
        "lk_flags",
        20,
        "lk_data",
        24);
    struct(m, "ioc_data_version", 16, "idv_version", 0, "idv_layout_version", 8, "idv_flags", 12);
    struct(
        m,
        "getinfo_fid2path",
        32,
        "gf_fid",
        0,
        "gf_recno",
        16,
        "gf_linkno",
        24,
        "gf_pathlen",
        28,
        "gf_path",
        32);
    struct(
        m, "hsm_attrs", 24, "hsm_compat", 0, "hsm_flags", 4, "hsm_arch_id", 8, "hsm_arch_ver", 16);
    struct(
        m,
        "llog_agent_req_rec",
        136,
        "arr_hdr",
        0,
        "arr_status",
        16,
        "arr_archive_id",
        20,
        "arr_flags",
        24,
        "arr_compound_id",
        32,
        "arr_req_create",
        40,
        "arr_req_change",
        48,
        "arr_hai",
        56,
        "arr_tail",
        128);
    struct(m, "llog_rec_hdr", 16, "lrh_len", 0, "lrh_index", 4, "lrh_type", 8, "lrh_id", 12);
    struct(m, "llog_rec_tail", 8, "lrt_len", 0, "lrt_index", 4);
    struct(
        m,
        "ll_futimes_3",
        48,
        "lfu_atime_sec",
        0,
        "lfu_atime_nsec",
        8,
        "lfu_mtime_sec",
        16,
        "lfu_mtime_nsec",
        24,
        "lfu_ctime_sec",
        32,
        "lfu_ctime_nsec",
        40);

    for (CopytoolAction a : CopytoolAction.values()) {
      if (a != CopytoolAction.UNKNOWN) { // ours, not the ABI's
        constant(m, "HSMA_" + a.name(), a.code());
      }
    }
    for (UserAction a : UserAction.values()) {
      constant(m, "HUA_" + a.name(), a.code());
    }
    constant(m, "HS_NONE", 0);
    for (HsmState s : HsmState.values()) {
      constant(m, "HS_" + s.name(), s.mask());
    }
    constant(m, "HSM_USER_MASK", HsmState.USER_MASK);
    constant(m, "HSM_STATUS_MASK", HsmState.STATUS_MASK);
    constant(m, "HSM_FLAGS_MASK", HsmState.USER_MASK | HsmState.STATUS_MASK);
    for (ProgressState s : ProgressState.values()) {
      constant(m, "HPS_" + s.name(), s.code());
    }
    constant(m, "HP_FLAG_COMPLETED", ProgressFlag.COMPLETED.mask());
    constant(m, "HP_FLAG_RETRY", ProgressFlag.RETRY.mask());
    constant(m, "HSM_FORCE_ACTION", RequestFlag.FORCE_ACTION.mask());
    constant(m, "HSM_GHOST_COPY", RequestFlag.GHOST_COPY.mask());
    constant(m, "HSS_SETMASK", 0x1);
    constant(m, "HSS_CLEARMASK", 0x2);
    constant(m, "HSS_ARCHIVE_ID", 0x4);
    constant(m, "HAL_VERSION", HAL_VERSION);
    constant(m, "HAL_MAXSIZE", 1 << 20);
    constant(m, "HMT_ACTION_LIST", 100);
    constant(m, "UUID_MAX", 40);
    constant(m, "FID_NOBRACE_LEN", 40);
    constant(m, "FID_LEN", 42);
    constant(m, "KUC_MAGIC", 0x191C);
    constant(m, "KUC_TRANSPORT_GENERIC", 1);
    constant(m, "KUC_TRANSPORT_HSM", 2);
    constant(m, "KUC_MSG_SHUTDOWN", 1);
    constant(m, "KUC_GRP_HSM", 2);
    constant(m, "LK_FLG_STOP", 1);
    constant(m, "LK_FLG_DATANR", 2);
    for (MessageLevel l : MessageLevel.values()) {
      constant(m, "LLAPI_MSG_" + (l == MessageLevel.WARNING ? "WARN" : l.name()), l.code());
    }
    constant(m, "LLAPI_MSG_MAX", 7);
    constant(m, "LLAPI_MSG_MASK", 0x07);
    constant(m, "LLAPI_MSG_NO_ERRNO", 0x10);
    constant(m, "LL_DV_RD_FLUSH", 0x1);
    constant(m, "LL_DV_WR_FLUSH", 0x2);
    constant(m, "LL_DV_SZ_UPDATE", 0x4);
    constant(m, "O_RDONLY", O_RDONLY);
    constant(m, "O_RDWR", O_RDWR);
    constant(m, "O_NONBLOCK", O_NONBLOCK);
    constant(m, "O_DIRECTORY", O_DIRECTORY);
    constant(m, "O_NOFOLLOW", O_NOFOLLOW);
    constant(m, "O_CLOEXEC", O_CLOEXEC);
    return Collections.unmodifiableMap(m);
  }

  private static void struct(Map<String, Long> m, String name, long size, Object... fields) {
    m.put("sizeof." + name, size);
    for (int i = 0; i < fields.length; i += 2) {
      m.put("offsetof." + name + "." + fields[i], ((Number) fields[i + 1]).longValue());
    }
  }

  private static void constant(Map<String, Long> m, String name, long value) {
    m.put("const." + name, value);
  }
}
