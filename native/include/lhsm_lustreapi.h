/*
 * lhsm-java: declarations of the liblustreapi functions the emulation
 * library (liblustreapi.so.1 built from native/src) exports, with the exact
 * C signatures of Lustre master (ABI spec section 5), plus the header-only
 * helpers of section 4 re-implemented for C users such as hsm_api_client.
 */
#ifndef LHSM_LUSTREAPI_H
#define LHSM_LUSTREAPI_H

#include <glob.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "lhsm_hsm_abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque handles. */
struct hsm_copytool_private;
struct hsm_copyaction_private;

/* Layout patterns accepted by llapi_hsm_import (values from lustre_user.h). */
enum lov_pattern {
	LOV_PATTERN_NONE = 0x000,
	LOV_PATTERN_RAID0 = 0x001,
	LOV_PATTERN_F_RELEASED = 0x80000000,
};

enum llapi_param_flags {
	LLAPI_PARAM_MODULES = 0x1,
};

typedef void (*llapi_log_callback_t)(enum llapi_message_level level, int err,
				     const char *fmt, va_list ap);

extern bool liblustreapi_initialized;

/* 5.1 copytool registration and reception */
int llapi_hsm_copytool_register(struct hsm_copytool_private **priv,
				const char *mnt, int archive_count,
				int *archives, int rfd_flags);
int llapi_hsm_copytool_unregister(struct hsm_copytool_private **priv);
int llapi_hsm_copytool_get_fd(struct hsm_copytool_private *ct);
int llapi_hsm_copytool_recv(struct hsm_copytool_private *priv,
			    struct hsm_action_list **hal, int *msgsize);

/* 5.2 per-action API */
int llapi_hsm_action_begin(struct hsm_copyaction_private **phcp,
			   const struct hsm_copytool_private *ct,
			   const struct hsm_action_item *hai,
			   int restore_mdt_index, int restore_open_flags,
			   bool is_error);
int llapi_hsm_action_end(struct hsm_copyaction_private **phcp,
			 const struct hsm_extent *he, int hp_flags, int errval);
int llapi_hsm_action_progress(struct hsm_copyaction_private *hcp,
			      const struct hsm_extent *he, __u64 total,
			      int hp_flags);
int llapi_hsm_action_get_dfid(const struct hsm_copyaction_private *hcp,
			      struct lu_fid *fid);
int llapi_hsm_action_get_fd(const struct hsm_copyaction_private *hcp);

/* 5.3 client-side requests and state */
struct hsm_user_request *llapi_hsm_user_request_alloc(int itemcount,
						      int data_len);
int llapi_hsm_request(const char *path,
		      const struct hsm_user_request *request);
int llapi_hsm_current_action(const char *file, struct hsm_current_action *hca);
int llapi_hsm_state_get_fd(int fd, struct hsm_user_state *hus);
int llapi_hsm_state_get(const char *path, struct hsm_user_state *hus);
int llapi_hsm_state_set_fd(int fd, __u64 setmask, __u64 clearmask,
			   __u32 archive_id);
int llapi_hsm_state_set(const char *path, __u64 setmask, __u64 clearmask,
			__u32 archive_id);
int llapi_hsm_import(const char *dst, int archive, const struct stat *st,
		     unsigned long long stripe_size, int stripe_offset,
		     int stripe_count, enum lov_pattern stripe_pattern,
		     char *pool_name, struct lu_fid *newfid);
int llapi_hsm_data_version_set(int fd, __u64 data_version);

/* 5.4 FID utilities */
int llapi_fid_parse(const char *fidstr, struct lu_fid *fid, char **endptr);
int llapi_fid2path(const char *device, const char *fidstr, char *path,
		   int pathlen, long long *recno, int *linkno);
int llapi_fid2path_at(int mnt_fd, const struct lu_fid *fid, char *path,
		      int pathlen, long long *recno, int *linkno);
int llapi_path2fid(const char *path, struct lu_fid *fid);
int llapi_fd2fid(int fd, struct lu_fid *fid);
int llapi_open_by_fid(const char *dir, const struct lu_fid *fid,
		      int open_flags);
int llapi_open_by_fid_at(int dirfd, const struct lu_fid *fid, int open_flags);
int llapi_get_mdt_index_by_fid(int fd, const struct lu_fid *fid,
			       int *mdt_index);
int llapi_get_data_version(int fd, __u64 *data_version, __u64 flags);

/* 5.5 mount / filesystem discovery */
int llapi_search_fsname(const char *pathname, char *fsname);
int llapi_search_mounts(const char *pathname, int index, char *mntdir,
			char *fsname);
int llapi_getname(const char *path, char *name, size_t namelen);
int llapi_get_agent_uuid(char *path, char *buf, size_t bufsize);

/* 5.6 parameters */
int llapi_param_get_paths(const char *pattern, glob_t *paths,
			  enum llapi_param_flags flags);
void llapi_param_paths_free(glob_t *paths);

/* 5.7 event FIFO and logging */
int llapi_hsm_register_event_fifo(const char *path);
int llapi_hsm_unregister_event_fifo(const char *path);
void llapi_hsm_log_error(enum llapi_message_level level, int _rc,
			 const char *fmt, va_list args);
void llapi_error(enum llapi_message_level level, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void llapi_printf(enum llapi_message_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void llapi_msg_set_level(int level);
int llapi_msg_get_level(void);
llapi_log_callback_t llapi_error_callback_set(llapi_log_callback_t cb);
llapi_log_callback_t llapi_info_callback_set(llapi_log_callback_t cb);
int llapi_parse_size(const char *optarg, unsigned long long *size,
		     unsigned long long *size_units, int bytes_spec);

/* ---- section 4: walking an action list (header-only, not symbols) ------- */
static inline size_t lhsm_round8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static inline struct hsm_action_item *hai_first(struct hsm_action_list *hal)
{
	size_t fslen = 0;

	while (hal->hal_fsname[fslen] != '\0')
		fslen++;
	return (struct hsm_action_item *)((char *)hal + sizeof(*hal) +
					  lhsm_round8(fslen + 1));
}

static inline struct hsm_action_item *hai_next(struct hsm_action_item *hai)
{
	return (struct hsm_action_item *)((char *)hai +
					  lhsm_round8(hai->hai_len));
}

static inline size_t hur_len(const struct hsm_user_request *hur)
{
	return sizeof(hur->hur_request) +
	       (size_t)hur->hur_request.hr_itemcount *
		       sizeof(struct hsm_user_item) +
	       hur->hur_request.hr_data_len;
}

#ifdef __cplusplus
}
#endif

#endif /* LHSM_LUSTREAPI_H */
