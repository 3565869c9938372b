/*
 * lhsm-java: the project's own C declaration of the liblustreapi HSM ABI
 * (x86_64 / LP64 / little endian), written from the tables of
 * /work/shared/spec/liblustreapi-hsm-abi.md sections 1 and 3.
 *
 * Structure layouts are those of Lustre 2.14 and later (lu_fid packed); the
 * constants are those of 2.17 (the PCC state bits of 2.16, HSM_REQ_BLOCKING
 * and the O_LOV_DELAY_CREATE value of 2.17).  What older versions define
 * differently is listed, per version, in native/test/abi_expected.txt.
 * Variable-length tails are GNU zero-length arrays so that structures ending
 * in one (hsm_action_item) can still be embedded, as llog_agent_req_rec does;
 * sizeof() then gives the fixed part, as with the real headers.
 *
 * Never include this together with <lustre/lustreapi.h>: both declare the
 * same tags.  probe/abi_probe.c compares the two.
 */
#ifndef LHSM_HSM_ABI_H
#define LHSM_HSM_ABI_H

#include <linux/types.h>

#define LHSM_PACKED __attribute__((packed))

/* The Lustre version whose constants this header follows (see above). */
#define LHSM_HSM_ABI_LUSTRE_MAJOR 2
#define LHSM_HSM_ABI_LUSTRE_MINOR 17

/* ---- 1.1 copytool actions (hai_action) ---------------------------------- */
enum hsm_copytool_action {
	HSMA_NONE = 10,
	HSMA_ARCHIVE = 20,
	HSMA_RESTORE = 21,
	HSMA_REMOVE = 22,
	HSMA_CANCEL = 23,
};

/* ---- 1.2 user request actions (hr_action, hca_action) ------------------- */
enum hsm_user_action {
	HUA_NONE = 1,
	HUA_ARCHIVE = 10,
	HUA_RESTORE = 11,
	HUA_RELEASE = 12,
	HUA_REMOVE = 13,
	HUA_CANCEL = 14,
};

/* ---- 1.3 per-file state bits (hus_states, hss_*mask) -------------------- */
enum hsm_states {
	HS_NONE = 0x00000000,
	HS_EXISTS = 0x00000001,
	HS_DIRTY = 0x00000002,
	HS_RELEASED = 0x00000004,
	HS_ARCHIVED = 0x00000008,
	HS_NORELEASE = 0x00000010,
	HS_NOARCHIVE = 0x00000020,
	HS_LOST = 0x00000040,
	HS_PCCRW = 0x00000080,
	HS_PCCRO = 0x00000100,
};

/* Bits an unprivileged owner may change. */
#define HSM_USER_MASK (HS_NORELEASE | HS_NOARCHIVE | HS_DIRTY)
/* 2.16+ values (include the PCC bits). */
#define HSM_STATUS_MASK \
	(HS_EXISTS | HS_LOST | HS_RELEASED | HS_ARCHIVED | HS_PCCRW | HS_PCCRO)
#define HSM_FLAGS_MASK (HSM_USER_MASK | HSM_STATUS_MASK)

/* ---- 1.4 progress states (hca_state) ------------------------------------ */
enum hsm_progress_states {
	HPS_NONE = 0,
	HPS_WAITING = 1,
	HPS_RUNNING = 2,
	HPS_DONE = 3,
};

/* ---- 1.5 progress / completion flags ------------------------------------ */
#define HP_FLAG_COMPLETED 0x01
#define HP_FLAG_RETRY 0x02

/* ---- 1.6 request flags (hr_flags, hal_flags) ---------------------------- */
#define HSM_FORCE_ACTION 0x0001
#define HSM_GHOST_COPY 0x0002
#define HSM_REQ_BLOCKING 0x0004 /* 2.17+, set by the client kernel only */

/* ---- 1.7 hsm_state_set.hss_valid ----------------------------------------- */
#define HSS_SETMASK 0x01
#define HSS_CLEARMASK 0x02
#define HSS_ARCHIVE_ID 0x04

/* ---- 1.8 action-list / message constants -------------------------------- */
#define HAL_VERSION 1
#define HAL_MAXSIZE (1 << 20)
enum hsm_message_type {
	HMT_ACTION_LIST = 100,
};
#define UUID_MAX 40
#define LL_HSM_ORIGIN_MAX_ARCHIVE 32
#define LL_HSM_MAX_ARCHIVES_PER_AGENT 1024
#define FID_NOBRACE_LEN 40
#define FID_LEN (FID_NOBRACE_LEN + 2)
#define LUSTRE_EOF 0xffffffffffffffffULL

/* ---- 1.9 kernel <-> user communication ---------------------------------- */
#define KUC_MAGIC 0x191C
enum kuc_transport_type {
	KUC_TRANSPORT_GENERIC = 1,
	KUC_TRANSPORT_HSM = 2,
};
enum kuc_generic_message_type {
	KUC_MSG_SHUTDOWN = 1,
};
#define KUC_GRP_HSM 0x02
#define KUC_GRP_MAX KUC_GRP_HSM
#define LK_FLG_STOP 0x0001
#define LK_FLG_DATANR 0x0002
#define LK_NOFD (-1U)

/* ---- 1.10 logging levels ------------------------------------------------- */
enum llapi_message_level {
	LLAPI_MSG_OFF = 0,
	LLAPI_MSG_FATAL = 1,
	LLAPI_MSG_ERROR = 2,
	LLAPI_MSG_WARN = 3,
	LLAPI_MSG_NORMAL = 4,
	LLAPI_MSG_INFO = 5,
	LLAPI_MSG_DEBUG = 6,
	LLAPI_MSG_MAX = 7,
	LLAPI_MSG_MASK = 0x00000007,
	LLAPI_MSG_NO_ERRNO = 0x00000010,
};

/* ---- 1.11 data version flags --------------------------------------------- */
#define LL_DV_RD_FLUSH 0x1
#define LL_DV_WR_FLUSH 0x2
#define LL_DV_SZ_UPDATE 0x4

/* ---- 1.12 the one Lustre-specific open flag the HSM API uses ------------ */
/* O_NOCTTY|FASYNC: understood by every client version (see spec 1.12). */
#define O_LOV_DELAY_CREATE 020400

/* ---- 1.13 identifiers ---------------------------------------------------- */
#define LUSTRE_VOLATILE_HDR ".\x0c\x13\x14\x12:VOLATILE"
#define LUSTRE_VOLATILE_HDR_LEN 14
#define FID_SEQ_IGIF 12ULL
#define FID_SEQ_IGIF_MAX 0xffffffffULL
#define FID_SEQ_ROOT 0x200000007ULL
#define FID_SEQ_NORMAL 0x200000400ULL

/* ---- 3.21 layouts (value of the lustre.lov xattr) ------------------------ */
#define LOV_USER_MAGIC_V1 0x0BD10BD0
#define LOV_USER_MAGIC_V3 0x0BD30BD0
#define LOV_OFFSET_DEFAULT ((__u16)-1) /* no preferred first OST */
#define LOV_MAXPOOLNAME 15

/* ==== 3. structures ======================================================= */

/* 3.1 file identifier, 16 bytes, packed since 2.14 */
struct lu_fid {
	__u64 f_seq;
	__u32 f_oid;
	__u32 f_ver;
} LHSM_PACKED;

/* 3.2 byte range, 16 bytes, packed */
struct hsm_extent {
	__u64 offset;
	__u64 length;
} LHSM_PACKED;

/* 3.3 one action sent to a copytool: 72 fixed bytes + hai_len-72 data bytes */
struct hsm_action_item {
	__u32 hai_len;
	__u32 hai_action;
	struct lu_fid hai_fid;
	struct lu_fid hai_dfid;
	struct hsm_extent hai_extent;
	__u64 hai_cookie;
	__u64 hai_gid;
	char hai_data[0];
} LHSM_PACKED;

/* 3.4 list header; fsname then 8-aligned items follow */
struct hsm_action_list {
	__u32 hal_version;
	__u32 hal_count;
	__u64 hal_compound_id;
	__u64 hal_flags;
	__u32 hal_archive_id;
	__u32 padding1;
	char hal_fsname[0];
} LHSM_PACKED;

/* 3.5 file state as read by LL_IOC_HSM_STATE_GET, 32 bytes, align 4 */
struct hsm_user_state {
	__u32 hus_states;
	__u32 hus_archive_id;
	__u32 hus_in_progress_state;
	__u32 hus_in_progress_action;
	struct hsm_extent hus_in_progress_location;
	char hus_extended_info[0];
};

/* 3.6 pending/running action on a file, 24 bytes, align 4 */
struct hsm_current_action {
	__u32 hca_state;
	__u32 hca_action;
	struct hsm_extent hca_location;
};

/* 3.7 head of a user request, 24 bytes, align 8 */
struct hsm_request {
	__u32 hr_action;
	__u32 hr_archive_id;
	__u64 hr_flags;
	__u32 hr_itemcount;
	__u32 hr_data_len;
};

/* 3.8 one file of a user request, 32 bytes, packed */
struct hsm_user_item {
	struct lu_fid hui_fid;
	struct hsm_extent hui_extent;
} LHSM_PACKED;

/* 3.9 user request: head, items, then hr_data_len opaque bytes */
struct hsm_user_request {
	struct hsm_request hur_request;
	struct hsm_user_item hur_user_item[0];
} LHSM_PACKED;

/* 3.10 attributes of an imported (released) file, 48 bytes */
struct hsm_user_import {
	__u64 hui_size;
	__u64 hui_atime;
	__u64 hui_mtime;
	__u32 hui_atime_ns;
	__u32 hui_mtime_ns;
	__u32 hui_uid;
	__u32 hui_gid;
	__u32 hui_mode;
	__u32 hui_archive_id;
};

/* 3.11 progress report (LL_IOC_HSM_PROGRESS), 48 bytes, align 8 */
struct hsm_progress {
	struct lu_fid hp_fid;
	__u64 hp_cookie;
	struct hsm_extent hp_extent;
	__u16 hp_flags;
	__u16 hp_errval; /* positive errno */
	__u32 padding;
};

/* 3.13 argument of COPY_START / COPY_END, 88 bytes */
struct hsm_copy {
	__u64 hc_data_version;
	__u16 hc_flags;
	__u16 hc_errval; /* positive errno */
	__u32 padding;
	struct hsm_action_item hc_hai; /* fixed part only */
};

/* 3.14 state change (LL_IOC_HSM_STATE_SET), 24 bytes */
struct hsm_state_set {
	__u32 hss_valid;
	__u32 hss_archive_id;
	__u64 hss_setmask;
	__u64 hss_clearmask;
};

/* 3.15 frame header of every message on the copytool pipe, 8 bytes */
struct kuc_hdr {
	__u16 kuc_magic;
	__u8 kuc_transport;
	__u8 kuc_flags;
	__u16 kuc_msgtype;
	__u16 kuc_msglen; /* including this header */
} __attribute__((aligned(8)));

/* 3.16 argument of LL_IOC_HSM_CT_START, 24 bytes + 4 per archive id */
struct lustre_kernelcomm {
	__u32 lk_wfd;
	__u32 lk_rfd;
	__u32 lk_uid;
	__u32 lk_group;
	__u32 lk_data_count;
	__u32 lk_flags;
	__u32 lk_data[0];
} LHSM_PACKED;

/* 3.17 argument of LL_IOC_DATA_VERSION, 16 bytes */
struct ioc_data_version {
	__u64 idv_version;
	__u32 idv_layout_version;
	__u32 idv_flags;
};

/* 3.18 argument of LL_IOC_FUTIMES_3, 48 bytes */
struct ll_futimes_3 {
	__u64 lfu_atime_sec;
	__u64 lfu_atime_nsec;
	__u64 lfu_mtime_sec;
	__u64 lfu_mtime_nsec;
	__u64 lfu_ctime_sec;
	__u64 lfu_ctime_nsec;
};

/* 3.19 argument of OBD_IOC_FID2PATH, 32 bytes + path buffer */
struct getinfo_fid2path {
	struct lu_fid gf_fid;
	__u64 gf_recno;
	__u32 gf_linkno;
	__u32 gf_pathlen;
	char gf_path[0];
} LHSM_PACKED;

/* 3.20 value of the trusted.hsm xattr on the MDT, 24 bytes */
struct hsm_attrs {
	__u32 hsm_compat;
	__u32 hsm_flags;
	__u64 hsm_arch_id;
	__u64 hsm_arch_ver;
};

/* 3.21 plain layout headers, 32 and 48 bytes (+ per-stripe objects) */
struct lov_user_md_v1 {
	__u32 lmm_magic;
	__u32 lmm_pattern;
	__u64 lmm_oi[2];
	__u32 lmm_stripe_size;
	__u16 lmm_stripe_count;
	union {
		__u16 lmm_stripe_offset; /* when writing */
		__u16 lmm_layout_gen; /* when reading */
	};
	char lmm_objects[0];
} LHSM_PACKED;

struct lov_user_md_v3 {
	__u32 lmm_magic;
	__u32 lmm_pattern;
	__u64 lmm_oi[2];
	__u32 lmm_stripe_size;
	__u16 lmm_stripe_count;
	union {
		__u16 lmm_stripe_offset;
		__u16 lmm_layout_gen;
	};
	char lmm_pool_name[LOV_MAXPOOLNAME + 1];
	char lmm_objects[0];
} LHSM_PACKED;

/* 3.22 llog record framing, 16 and 8 bytes */
struct llog_rec_hdr {
	__u32 lrh_len;
	__u32 lrh_index;
	__u32 lrh_type;
	__u32 lrh_id;
};

struct llog_rec_tail {
	__u32 lrt_len;
	__u32 lrt_index;
};

/* 3.22 on-MDT record of one HSM request, 136 bytes (+ item data) */
struct llog_agent_req_rec {
	struct llog_rec_hdr arr_hdr;
	__u32 arr_status;
	__u32 arr_archive_id;
	__u64 arr_flags;
	__u64 arr_compound_id;
	__u64 arr_req_create;
	__u64 arr_req_change;
	struct hsm_action_item arr_hai;
	struct llog_rec_tail arr_tail;
} LHSM_PACKED;

#endif /* LHSM_HSM_ABI_H */
