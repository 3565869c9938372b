package org.lhsm.bindings.internal;

import static org.lhsm.bindings.internal.AbiExpected.struct;
import static org.lhsm.bindings.internal.AbiLayout.HAI_ACTION;
import static org.lhsm.bindings.internal.AbiLayout.HAI_COOKIE;
import static org.lhsm.bindings.internal.AbiLayout.HAI_DATA;
import static org.lhsm.bindings.internal.AbiLayout.HAI_DFID;
import static org.lhsm.bindings.internal.AbiLayout.HAI_EXTENT;
import static org.lhsm.bindings.internal.AbiLayout.HAI_FID;
import static org.lhsm.bindings.internal.AbiLayout.HAI_GID;
import static org.lhsm.bindings.internal.AbiLayout.HAI_LEN;
import static org.lhsm.bindings.internal.AbiLayout.HAI_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.HAL_ARCHIVE_ID;
import static org.lhsm.bindings.internal.AbiLayout.HAL_COMPOUND_ID;
import static org.lhsm.bindings.internal.AbiLayout.HAL_COUNT;
import static org.lhsm.bindings.internal.AbiLayout.HAL_FLAGS;
import static org.lhsm.bindings.internal.AbiLayout.HAL_FSNAME;
import static org.lhsm.bindings.internal.AbiLayout.HAL_PADDING1;
import static org.lhsm.bindings.internal.AbiLayout.HAL_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.HAL_VERSION_OFF;
import static org.lhsm.bindings.internal.AbiLayout.HCA_ACTION;
import static org.lhsm.bindings.internal.AbiLayout.HCA_LOCATION;
import static org.lhsm.bindings.internal.AbiLayout.HCA_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.HCA_STATE;
import static org.lhsm.bindings.internal.AbiLayout.HR_ACTION;
import static org.lhsm.bindings.internal.AbiLayout.HR_ARCHIVE_ID;
import static org.lhsm.bindings.internal.AbiLayout.HR_DATA_LEN;
import static org.lhsm.bindings.internal.AbiLayout.HR_FLAGS;
import static org.lhsm.bindings.internal.AbiLayout.HR_ITEMCOUNT;
import static org.lhsm.bindings.internal.AbiLayout.HR_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.HSM_EXTENT_LENGTH;
import static org.lhsm.bindings.internal.AbiLayout.HSM_EXTENT_OFFSET;
import static org.lhsm.bindings.internal.AbiLayout.HSM_EXTENT_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.HUI_EXTENT;
import static org.lhsm.bindings.internal.AbiLayout.HUI_FID;
import static org.lhsm.bindings.internal.AbiLayout.HUI_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.HUR_REQUEST;
import static org.lhsm.bindings.internal.AbiLayout.HUR_USER_ITEM;
import static org.lhsm.bindings.internal.AbiLayout.HUS_ARCHIVE_ID;
import static org.lhsm.bindings.internal.AbiLayout.HUS_EXTENDED_INFO;
import static org.lhsm.bindings.internal.AbiLayout.HUS_IN_PROGRESS_ACTION;
import static org.lhsm.bindings.internal.AbiLayout.HUS_IN_PROGRESS_LOCATION;
import static org.lhsm.bindings.internal.AbiLayout.HUS_IN_PROGRESS_STATE;
import static org.lhsm.bindings.internal.AbiLayout.HUS_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.HUS_STATES;
import static org.lhsm.bindings.internal.AbiLayout.LOV_USER_MD_MAGIC;
import static org.lhsm.bindings.internal.AbiLayout.LOV_USER_MD_STRIPE_OFFSET;
import static org.lhsm.bindings.internal.AbiLayout.LOV_USER_MD_V1_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.LOV_USER_MD_V3_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.LU_FID_OID;
import static org.lhsm.bindings.internal.AbiLayout.LU_FID_SEQ;
import static org.lhsm.bindings.internal.AbiLayout.LU_FID_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.LU_FID_VER;

import java.util.Map;

/**
 * The Lustre structs of {@link AbiLayout#expected()}: each struct's size and the offsets of the
 * fields Java reads or writes, under the probe's {@code sizeof.} and {@code offsetof.} keys.
 */
final class AbiExpectedStructs {
  private AbiExpectedStructs() {}

  static void addTo(Map<String, Long> m) {
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
  }
}
