package org.lhsm.bindings.internal;

import com.sun.jna.Platform;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.CopytoolSession;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.MessageLevel;
import org.lhsm.bindings.ProgressFlag;
import org.lhsm.bindings.ProgressState;
import org.lhsm.bindings.RequestFlag;
import org.lhsm.bindings.UserAction;

/**
 * Every C struct size, field offset and constant value the Java side passes to or reads from
 * liblustreapi, the Lustre kernel and libc (x86_64, ABI spec §1 and §3; the open flags follow the
 * running architecture), in one place. {@link #expected()} lists them under the keys the C layout
 * probe reports ({@code sizeof.<struct>}, {@code offsetof.<struct>.<field>}, {@code const.<NAME>})
 * so a test can compare them against the compiler. Enum codes, errno numbers and a few public
 * constants live in their classes and are collected here.
 *
 * <p>Java uses one value per name whatever the Lustre version (2.12 and later). The few names whose
 * C value depends on the version are listed in {@link #versionSpecific()} with the rule Java
 * follows and why; native/test/abi_expected.txt has their value in every version.
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

  /**
   * Requests of this many bytes or more are refused with E2BIG: the client's {@code
   * LL_IOC_HSM_REQUEST} handler (lustre/llite/dir.c) checks {@code hur_len >= MDS_MAXREQSIZE / 3},
   * with {@code MDS_MAXREQSIZE} = 5 * 1024 (lustre/include/lustre_net.h), the same in 2.12, 2.15,
   * 2.16.1 and master; 52 items without opaque data.
   */
  public static final int HUR_SIZE_LIMIT = 1706;

  // struct lov_user_md_v1 / _v3: the value of the lustre.lov xattr (plain layouts)
  public static final int LOV_USER_MAGIC_V1 = 0x0BD10BD0;
  public static final int LOV_USER_MAGIC_V3 = 0x0BD30BD0;
  public static final int LOV_USER_MD_V1_SIZE = 32;
  public static final int LOV_USER_MD_V3_SIZE = 48;
  public static final int LOV_USER_MD_MAGIC = 0;

  /** {@code lmm_stripe_offset} (first OST), the same in V1 and V3. */
  public static final int LOV_USER_MD_STRIPE_OFFSET = 30;

  /** {@code LOV_OFFSET_DEFAULT}: no preferred first OST, as a u16. */
  public static final int LOV_OFFSET_DEFAULT = 0xFFFF;

  // FID sequences (enum fid_seq)
  public static final long FID_SEQ_IGIF = 12;
  public static final long FID_SEQ_IGIF_MAX = 0xffffffffL;
  public static final long FID_SEQ_ROOT = 0x200000007L;
  public static final long FID_SEQ_NORMAL = 0x200000400L;

  // enum llapi_message_level: the level bits and the no-errno flag of a message
  public static final int LLAPI_MSG_MASK = 0x07;
  public static final int LLAPI_MSG_NO_ERRNO = 0x10;

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
  public static final int POLLFD_FD = 0;
  public static final int POLLFD_EVENTS = 4;
  public static final int POLLFD_REVENTS = 6;
  public static final short POLLIN = 0x1;

  /** {@code PATH_MAX}: buffer size the library assumes for path and fsname outputs. */
  public static final int PATH_MAX = 4096;

  /** lseek(2) whence. */
  public static final int SEEK_END = 2;

  // open(2) flags: the same on every Linux architecture Lustre clients run on, except
  // O_DIRECTORY and O_NOFOLLOW
  public static final int O_RDONLY = 0;
  public static final int O_WRONLY = 01;
  public static final int O_RDWR = 02;
  public static final int O_CREAT = 0100;
  public static final int O_EXCL = 0200;
  public static final int O_TRUNC = 01000;
  public static final int O_NONBLOCK = 04000;
  public static final int O_DIRECTORY = oDirectory(Platform.ARCH);
  public static final int O_NOFOLLOW = oNofollow(Platform.ARCH);
  public static final int O_CLOEXEC = 02000000;

  /** flock(2) operations. */
  public static final int LOCK_EX = 2;

  public static final int LOCK_NB = 4;

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

  /** How Java's one value of a name relates to C values that differ between Lustre versions. */
  public enum VersionRule {
    /**
     * Older versions do not declare the name; where it is declared, Java's value is the C value.
     */
    SINCE,
    /** Java's value is the newest C value, whose bits include every older value's. */
    NEWEST_SUPERSET,
    /**
     * Java's value is the flag pair every version accepts: the C value of this name from 2.17, of
     * {@code O_LOV_DELAY_CREATE_MASK} before.
     */
    FLAG_PAIR_OF_EVERY_VERSION
  }

  /**
   * A name whose C value depends on the Lustre version: the rule Java's value follows, and why that
   * one value is right with every version.
   */
  public record VersionSpecific(VersionRule rule, String why) {}

  private static final Map<String, VersionSpecific> VERSION_SPECIFIC =
      Map.of(
          "const.HS_PCCRW",
          since(
              "2.16+. An older MDT never reports it; an older client kernel refuses to set or"
                  + " clear it (EINVAL: outside its HSM_FLAGS_MASK)."),
          "const.HS_PCCRO",
          since("2.16+, as HS_PCCRW."),
          "const.HSM_STATUS_MASK",
          new VersionSpecific(
              VersionRule.NEWEST_SUPERSET,
              "0x4d up to 2.15, 0x1cd (with the PCC bits) from 2.16. Neither liblustreapi nor"
                  + " Java checks requests against it: the client kernel and the MDT check"
                  + " state changes against their own version's mask and answer EINVAL. Java"
                  + " uses it only to name every flag a file may carry, so the newest value."),
          "const.HSM_FLAGS_MASK",
          new VersionSpecific(
              VersionRule.NEWEST_SUPERSET,
              "HSM_USER_MASK | HSM_STATUS_MASK: 0x7f up to 2.15, 0x1ff from 2.16; as"
                  + " HSM_STATUS_MASK."),
          "const.HSM_REQ_BLOCKING",
          since(
              "2.17+. Set by the client kernel in hal_flags for a restore that a file access"
                  + " triggered; an older coordinator never sends it."),
          "const.LL_DV_SZ_UPDATE",
          since(
              "2.15+. Older client kernels clear every idv_flags bit but LL_DV_RD_FLUSH and"
                  + " LL_DV_WR_FLUSH, so passing it there is harmless and has no effect."),
          "const.LOV_OFFSET_DEFAULT",
          since(
              "Named in the user headers from 2.13; 2.12 servers use the same (__u16)-1 under"
                  + " that name internally."),
          "const.O_LOV_DELAY_CREATE",
          new VersionSpecific(
              VersionRule.FLAG_PAIR_OF_EVERY_VERSION,
              "The headers up to 2.16 say 0100020400 (O_LOV_DELAY_CREATE_MASK = O_NOCTTY|FASYNC"
                  + " plus an old bit), 2.17+ 020400. Every client kernel takes O_NOCTTY|FASYNC"
                  + " as the flag, so Java passes 020400 to every version."));

  private static VersionSpecific since(String why) {
    return new VersionSpecific(VersionRule.SINCE, why);
  }

  /**
   * Keys a probe reports that Java does not use itself, with why they are probed: they let the test
   * check a {@link VersionRule}.
   */
  private static final Map<String, String> PROBE_ONLY =
      Map.of(
          "const.O_LOV_DELAY_CREATE_MASK",
          "up to 2.16 the name of the flag pair Java passes as O_LOV_DELAY_CREATE");

  /** Every size, offset and constant under the probe's key names. */
  public static Map<String, Long> expected() {
    return Expected.MAP;
  }

  /** The names of {@link #expected()} whose C value differs between Lustre versions. */
  public static Map<String, VersionSpecific> versionSpecific() {
    return VERSION_SPECIFIC;
  }

  /** Probe keys that are not in {@link #expected()}, with why they are probed. */
  public static Map<String, String> probeOnly() {
    return PROBE_ONLY;
  }

  private static final class Expected {
    static final Map<String, Long> MAP = build();
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
        "lov_user_md_v1",
        LOV_USER_MD_V1_SIZE,
        "lmm_magic",
        LOV_USER_MD_MAGIC,
        "lmm_stripe_offset",
        LOV_USER_MD_STRIPE_OFFSET);
    struct(
        m,
        "lov_user_md_v3",
        LOV_USER_MD_V3_SIZE,
        "lmm_magic",
        LOV_USER_MD_MAGIC,
        "lmm_stripe_offset",
        LOV_USER_MD_STRIPE_OFFSET);
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
    constant(m, "HSM_REQ_BLOCKING", RequestFlag.BLOCKING.mask());
    constant(m, "HSS_SETMASK", 0x1);
    constant(m, "HSS_CLEARMASK", 0x2);
    constant(m, "HSS_ARCHIVE_ID", 0x4);
    constant(m, "HAL_VERSION", HAL_VERSION);
    constant(m, "HAL_MAXSIZE", 1 << 20);
    constant(m, "HMT_ACTION_LIST", 100);
    constant(m, "UUID_MAX", 40);
    constant(m, "FID_NOBRACE_LEN", 40);
    constant(m, "FID_LEN", 42);
    constant(m, "LUSTRE_EOF", HsmExtent.EOF);
    constant(m, "FID_SEQ_IGIF", FID_SEQ_IGIF);
    constant(m, "FID_SEQ_IGIF_MAX", FID_SEQ_IGIF_MAX);
    constant(m, "FID_SEQ_ROOT", Fid.ROOT.seq());
    constant(m, "FID_SEQ_NORMAL", FID_SEQ_NORMAL);
    constant(m, "LOV_USER_MAGIC_V1", LOV_USER_MAGIC_V1);
    constant(m, "LOV_USER_MAGIC_V3", LOV_USER_MAGIC_V3);
    constant(m, "LOV_OFFSET_DEFAULT", LOV_OFFSET_DEFAULT);
    constant(m, "O_LOV_DELAY_CREATE", CopytoolSession.O_LOV_DELAY_CREATE);
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
    constant(m, "LLAPI_MSG_MASK", LLAPI_MSG_MASK);
    constant(m, "LLAPI_MSG_NO_ERRNO", LLAPI_MSG_NO_ERRNO);
    constant(m, "LL_DV_RD_FLUSH", 0x1);
    constant(m, "LL_DV_WR_FLUSH", 0x2);
    constant(m, "LL_DV_SZ_UPDATE", 0x4);
    constant(m, "O_RDONLY", O_RDONLY);
    constant(m, "O_WRONLY", O_WRONLY);
    constant(m, "O_RDWR", O_RDWR);
    constant(m, "O_CREAT", O_CREAT);
    constant(m, "O_EXCL", O_EXCL);
    constant(m, "O_TRUNC", O_TRUNC);
    constant(m, "O_NONBLOCK", O_NONBLOCK);
    constant(m, "O_DIRECTORY", O_DIRECTORY);
    constant(m, "O_NOFOLLOW", O_NOFOLLOW);
    constant(m, "O_CLOEXEC", O_CLOEXEC);
    constant(m, "SEEK_END", SEEK_END);
    constant(m, "LOCK_EX", LOCK_EX);
    constant(m, "LOCK_NB", LOCK_NB);
    struct(
        m,
        "pollfd",
        POLLFD_SIZE,
        "fd",
        POLLFD_FD,
        "events",
        POLLFD_EVENTS,
        "revents",
        POLLFD_REVENTS);
    constant(m, "POLLIN", POLLIN);
    struct(
        m,
        "stat",
        STAT_SIZE,
        "st_mode",
        STAT_MODE,
        "st_uid",
        STAT_UID,
        "st_gid",
        STAT_GID,
        "st_size",
        STAT_SIZE_FIELD,
        "st_atim",
        STAT_ATIM,
        "st_mtim",
        STAT_MTIM);
    constant(m, "PATH_MAX", PATH_MAX);
    // one buffer serves both a value and a name list (Xattrs)
    constant(m, "XATTR_SIZE_MAX", Xattrs.MAX_VALUE_SIZE);
    constant(m, "XATTR_LIST_MAX", Xattrs.MAX_VALUE_SIZE);
    for (Errno e : Errno.values()) {
      if (e != Errno.UNKNOWN) { // ours, not the ABI's
        constant(m, e.name(), e.number());
      }
    }
    constant(m, "ENOTSUP", Errno.ENOTSUP.number());
    constant(m, "EWOULDBLOCK", Errno.EWOULDBLOCK.number());
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
