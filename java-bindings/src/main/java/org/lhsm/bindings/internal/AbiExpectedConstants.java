package org.lhsm.bindings.internal;

import static org.lhsm.bindings.internal.AbiExpected.constant;
import static org.lhsm.bindings.internal.AbiExpected.struct;
import static org.lhsm.bindings.internal.AbiLayout.FID_SEQ_IGIF;
import static org.lhsm.bindings.internal.AbiLayout.FID_SEQ_IGIF_MAX;
import static org.lhsm.bindings.internal.AbiLayout.FID_SEQ_NORMAL;
import static org.lhsm.bindings.internal.AbiLayout.HAL_VERSION;
import static org.lhsm.bindings.internal.AbiLayout.LLAPI_MSG_MASK;
import static org.lhsm.bindings.internal.AbiLayout.LLAPI_MSG_NO_ERRNO;
import static org.lhsm.bindings.internal.AbiLayout.LOV_OFFSET_DEFAULT;
import static org.lhsm.bindings.internal.AbiLayout.LOV_USER_MAGIC_V1;
import static org.lhsm.bindings.internal.AbiLayout.LOV_USER_MAGIC_V3;
import static org.lhsm.bindings.internal.AbiLayout.O_CLOEXEC;
import static org.lhsm.bindings.internal.AbiLayout.O_DIRECTORY;
import static org.lhsm.bindings.internal.AbiLayout.O_NOFOLLOW;
import static org.lhsm.bindings.internal.AbiLayout.O_NONBLOCK;
import static org.lhsm.bindings.internal.AbiLayout.O_RDONLY;
import static org.lhsm.bindings.internal.AbiLayout.O_RDWR;
import static org.lhsm.bindings.internal.AbiLayout.PATH_MAX;
import static org.lhsm.bindings.internal.AbiLayout.POLLFD_EVENTS;
import static org.lhsm.bindings.internal.AbiLayout.POLLFD_FD;
import static org.lhsm.bindings.internal.AbiLayout.POLLFD_REVENTS;
import static org.lhsm.bindings.internal.AbiLayout.POLLFD_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.POLLIN;
import static org.lhsm.bindings.internal.AbiLayout.SEEK_END;
import static org.lhsm.bindings.internal.AbiLayout.STAT_ATIM;
import static org.lhsm.bindings.internal.AbiLayout.STAT_GID;
import static org.lhsm.bindings.internal.AbiLayout.STAT_MODE;
import static org.lhsm.bindings.internal.AbiLayout.STAT_MTIM;
import static org.lhsm.bindings.internal.AbiLayout.STAT_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.STAT_SIZE_FIELD;
import static org.lhsm.bindings.internal.AbiLayout.STAT_UID;

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
 * The constants of {@link AbiLayout#expected()} under the probe's {@code const.} keys: Lustre's
 * enum codes, flags and limits, then libc's (open flags, poll, stat, errno numbers).
 */
final class AbiExpectedConstants {
  private AbiExpectedConstants() {}

  static void addTo(Map<String, Long> m) {
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
    constant(m, "O_RDWR", O_RDWR);
    constant(m, "O_NONBLOCK", O_NONBLOCK);
    constant(m, "O_DIRECTORY", O_DIRECTORY);
    constant(m, "O_NOFOLLOW", O_NOFOLLOW);
    constant(m, "O_CLOEXEC", O_CLOEXEC);
    constant(m, "SEEK_END", SEEK_END);
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
  }
}
