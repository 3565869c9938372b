/*
 * Internal interfaces of the liblustreapi emulation library.  Nothing here
 * is exported (liblustreapi.map keeps only llapi_* and
 * liblustreapi_initialized); the C unit tests link the objects directly.
 */
#ifndef LHSM_EMU_H
#define LHSM_EMU_H

#include <limits.h>
#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>

#include "lhsm_lustreapi.h"

#define EMU_HIDDEN __attribute__((visibility("hidden")))

/* ---- wire protocol (emulator/PROTOCOL.md section 3) ---------------------- */
enum emu_op {
	EMU_OP_HELLO = 1,
	EMU_OP_CT_REGISTER = 10,
	EMU_OP_CT_UNREGISTER = 11,
	EMU_OP_COPY_START = 20,
	EMU_OP_PROGRESS = 21,
	EMU_OP_CREATE_VOLATILE = 22,
	EMU_OP_COPY_END = 23,
	EMU_OP_REQUEST = 30,
	EMU_OP_STATE_GET = 31,
	EMU_OP_STATE_SET = 32,
	EMU_OP_CURRENT_ACTION = 33,
	EMU_OP_IMPORT = 34,
	EMU_OP_DATA_VERSION_GET = 35,
	EMU_OP_DATA_VERSION_SET = 36,
	EMU_OP_PATH2FID = 40,
	EMU_OP_FID2PATH = 41,
	EMU_OP_FID_RESOLVE = 42,
	EMU_OP_FID2MDTIDX = 43,
	EMU_OP_FD2FID = 44,
};

/* Largest response body the library accepts (a path is far smaller). */
#define EMU_MAX_FRAME (16u << 20)

/* Growable little-endian request body. */
struct emu_buf {
	uint8_t *data;
	size_t len;
	size_t cap;
	int failed; /* allocation failed: the call reports -ENOMEM */
};

/* Cursor over a response body; any overrun sets bad. */
struct emu_rd {
	const uint8_t *data;
	size_t len;
	size_t off;
	int bad;
};

EMU_HIDDEN void emu_buf_init(struct emu_buf *b);
EMU_HIDDEN void emu_buf_free(struct emu_buf *b);
EMU_HIDDEN void emu_put_bytes(struct emu_buf *b, const void *p, size_t n);
EMU_HIDDEN void emu_put_u32(struct emu_buf *b, uint32_t v);
EMU_HIDDEN void emu_put_u64(struct emu_buf *b, uint64_t v);
EMU_HIDDEN void emu_put_str(struct emu_buf *b, const char *s);

EMU_HIDDEN uint32_t emu_get_u32(struct emu_rd *r);
EMU_HIDDEN uint64_t emu_get_u64(struct emu_rd *r);
EMU_HIDDEN void emu_get_bytes(struct emu_rd *r, void *out, size_t n);
/* Copies a string into out (NUL-terminated); too long for outsz => bad. */
EMU_HIDDEN void emu_get_str(struct emu_rd *r, char *out, size_t outsz);

/* ---- emulated filesystems (PROTOCOL.md section 1) ------------------------ */
struct emu_fs {
	char root[PATH_MAX];   /* real path of D/fs */
	char socket[108];      /* sun_path of the daemon */
	char fsname[64];
};

/* Filesystem holding the existing real directory/file rpath; -ENODEV if none. */
EMU_HIDDEN int emu_fs_of_realpath(const char *rpath, struct emu_fs *fs);

/*
 * Resolves path to an absolute real path inside an emulated filesystem.
 * follow=0 keeps a final symlink itself (path2fid semantics) except for a
 * mount symlink.  A missing final component is allowed when allow_missing.
 * Returns 0, -ENODEV (not on an emulated filesystem) or -errno.
 */
EMU_HIDDEN int emu_resolve(const char *path, int follow, int allow_missing,
			   char *out, struct emu_fs *fs);
/* Same for an open fd (through /proc/self/fd). */
EMU_HIDDEN int emu_resolve_fd(int fd, char *out, struct emu_fs *fs);
/*
 * Appends an "open file" (PROTOCOL.md section 3): the fd's path (from
 * emu_resolve_fd), then its object's inode and birth time, which still name
 * the file once a restore replaced the object at that path.
 */
EMU_HIDDEN void emu_put_open_file(struct emu_buf *b, int fd, const char *path);
/* Filesystem by fsname among those seen by this process and $LHSM_EMU_FS. */
EMU_HIDDEN int emu_fs_by_name(const char *fsname, struct emu_fs *fs);
/* The first filesystem seen by this process; -ENODEV if none. */
EMU_HIDDEN int emu_fs_first(struct emu_fs *fs);
/* Remembers a filesystem (for lookups by fsname). */
EMU_HIDDEN void emu_fs_remember(const struct emu_fs *fs);
/* Lexically normalised absolute form of path (no symlink resolution). */
EMU_HIDDEN int emu_normalise(const char *path, char *out, size_t outsz);
/* The mount point (lexical prefix resolving to fs->root) of path. */
EMU_HIDDEN int emu_mount_of(const char *path, char *mnt, size_t mntsz,
			    struct emu_fs *fs);

/* ---- daemon connection ---------------------------------------------------- */
/* Seconds to keep retrying a daemon that is unreachable (env override). */
EMU_HIDDEN double emu_reconnect_timeout(void);
/* LHSM_EMU_FRAME_TIMEOUT: seconds to wait for the rest of a frame once it began (default 10). */
EMU_HIDDEN double emu_frame_timeout(void);
/* Reads the n bytes left of a frame or response within emu_frame_timeout(): 0, -EPROTO, -EPIPE. */
EMU_HIDDEN int emu_read_within(int fd, void *buf, size_t n);
/* Connects to the daemon once; returns fd or -errno. */
EMU_HIDDEN int emu_connect_once(const struct emu_fs *fs);
/* Connects, retrying until the reconnect timeout; fd or -ENOTCONN. */
EMU_HIDDEN int emu_connect(const struct emu_fs *fs);
/*
 * One request/response on connection fd.  Returns the response rc
 * (>= 0 or negative errno), -EPIPE if the connection broke before a full
 * response, -EPROTO for a malformed response or one whose body stopped
 * coming for emu_frame_timeout() after its header.  *body (malloc'd, may be NULL
 * when empty) is set only for rc >= 0.
 */
EMU_HIDDEN int emu_exchange(int fd, uint32_t op, const struct emu_buf *req,
			    uint8_t **body, size_t *body_len);
/* emu_exchange on a fresh connection, retried while the daemon is away. */
EMU_HIDDEN int emu_call(const struct emu_fs *fs, uint32_t op,
			const struct emu_buf *req, uint8_t **body,
			size_t *body_len);
/* emu_call for requests whose response body is ignored. */
EMU_HIDDEN int emu_call_nobody(const struct emu_fs *fs, uint32_t op,
			       const struct emu_buf *req);

/* ---- KUC framing (recv) --------------------------------------------------- */
/*
 * Reads one KUC frame from fd into buf (header + payload).  Returns 0 with
 * *msglen = kuc_msglen, -EAGAIN if nothing is queued on a non-blocking fd,
 * -EPIPE on EOF/connection loss, -EPROTO bad magic or length, -EMSGSIZE
 * longer than bufsize.
 */
EMU_HIDDEN int emu_kuc_read(int fd, void *buf, size_t bufsize, size_t *msglen);

/* ---- copytool internals --------------------------------------------------- */
/* Builds a copytool handle around an already registered event fd. */
EMU_HIDDEN struct hsm_copytool_private *
emu_ct_new(int fd, const char *mnt, const struct emu_fs *fs,
	   int archive_count, const int *archives, const char *agent_uuid);
EMU_HIDDEN void emu_ct_free(struct hsm_copytool_private *ct);
EMU_HIDDEN const struct emu_fs *emu_ct_fs(const struct hsm_copytool_private *ct);
/* Agent UUID of a mount registered by this process, if any. */
EMU_HIDDEN int emu_ct_cached_uuid(const char *mnt, char *buf, size_t bufsize);

/* ---- event FIFO ----------------------------------------------------------- */
enum emu_ct_event {
	EMU_CT_START,
	EMU_CT_RUNNING,
	EMU_CT_FINISH,
	EMU_CT_CANCEL,
	EMU_CT_ERROR,
};
EMU_HIDDEN int emu_fifo_active(void);
EMU_HIDDEN void emu_event_registration(const char *type, int archive_count,
				       const char *mnt, const char *uuid);
/* lustre_path NULL for events that do not carry it. */
EMU_HIDDEN void emu_event_action(enum emu_ct_event ev, __u32 action,
				 const struct lu_fid *fid,
				 const struct lu_fid *dfid,
				 const char *lustre_path, __u64 current,
				 __u64 total, int err);

/* ---- misc ----------------------------------------------------------------- */
EMU_HIDDEN void emu_fid_nobrace(const struct lu_fid *fid, char *out,
				size_t outsz);
EMU_HIDDEN const char *emu_level_name(int level);

#endif /* LHSM_EMU_H */
