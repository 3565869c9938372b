package org.lhsm.bindings.internal;

import com.sun.jna.Platform;
import java.util.Map;

/**
 * Every C struct size, field offset and constant value the Java side passes to or reads from
 * liblustreapi, the Lustre kernel and libc (x86_64, ABI spec §1 and §3; the open flags follow the
 * running architecture), in one place. {@link #expected()} lists them under the keys the C layout
 * probe reports ({@code sizeof.<struct>}, {@code offsetof.<struct>.<field>}, {@code const.<NAME>})
 * so a test can compare them against the compiler. Enum codes, errno numbers and a few public
 * constants live in their classes and are collected here. That table is built by {@link
 * AbiExpected}: a constant added here is also listed there (structs in {@link AbiExpectedStructs},
 * constants in {@link AbiExpectedConstants}), or the probe never checks it.
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
    return AbiExpected.MAP;
  }

  /** The names of {@link #expected()} whose C value differs between Lustre versions. */
  public static Map<String, VersionSpecific> versionSpecific() {
    return VERSION_SPECIFIC;
  }

  /** Probe keys that are not in {@link #expected()}, with why they are probed. */
  public static Map<String, String> probeOnly() {
    return PROBE_ONLY;
  }

  /** Rounds up to the next multiple of 8, as the action list walk does. */
  public static long roundUp8(long n) {
    return (n + 7) & ~7L;
  }
}
