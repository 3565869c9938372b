/*
 * Test-only stand-in for liblustreapi: exports a subset of the llapi_* HSM functions with their
 * real signatures, records what Java passed, and replays what the test queued. It lets the
 * java-bindings tests exercise the JNA marshalling of the safe API without Lustre or the
 * emulator. Some functions (e.g. llapi_fid2path_at) are deliberately absent.
 *
 * Test controls are the fake_* functions; all state is process-global and reset by fake_reset.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define API __attribute__((visibility("default")))
#define MAX_MSG 65536
#define MAX_QUEUE 16

struct fid { uint64_t seq; uint32_t oid; uint32_t ver; };
struct extent { uint64_t offset; uint64_t length; };

struct hsm_copytool_private {
	int magic;
	int rfd;
	int wfd;
	char buf[MAX_MSG];
};

struct hsm_copyaction_private {
	unsigned char hai[72];
};

typedef void (*log_cb)(int level, int err, const char *fmt, va_list ap);

static struct {
	char mnt[4096];
	int archive_count;
	int archives[64];
	int rfd_flags;
	int register_rc;
	int unregister_calls;
	struct hsm_copytool_private *ct;
	/* queued messages: length -1 means "shutdown" */
	unsigned char queue[MAX_QUEUE][MAX_MSG];
	int queue_len[MAX_QUEUE];
	int queue_head, queue_tail;
	/* actions */
	unsigned char begin_hai[72];
	int begin_mdt, begin_flags, begin_is_error, begin_rc, begin_calls;
	struct extent progress_extent;
	uint64_t progress_total;
	int progress_flags, progress_rc, progress_calls;
	struct extent end_extent;
	int end_flags, end_errval, end_rc, end_calls;
	char data_file[4096];
	/* client side */
	unsigned char request[8192];
	int request_len, request_calls, request_rc;
	uint32_t states, state_archive;
	uint64_t set_mask, clear_mask;
	uint32_t set_archive;
	int msg_level;
	log_cb callback;
} S;

API void fake_reset(void)
{
	memset(&S, 0, sizeof(S));
	S.msg_level = 7;
}

static int path_rc(const char *path)
{
	if (path == NULL)
		return -EINVAL;
	if (strstr(path, "missing") != NULL)
		return -ENOENT;
	if (strstr(path, "forbidden") != NULL)
		return -EPERM;
	return 0;
}

/* ---- copytool ---------------------------------------------------------------------------- */

API int llapi_hsm_copytool_register(struct hsm_copytool_private **priv, const char *mnt,
				   int archive_count, int *archives, int rfd_flags)
{
	int p[2], i, rc = path_rc(mnt);

	if (rc)
		return rc;
	if (S.register_rc)
		return S.register_rc;
	if (archive_count > 0 && archives == NULL)
		return -EINVAL;
	if (archive_count > 64)
		return -E2BIG;
	if (pipe2(p, O_CLOEXEC) != 0)
		return -errno;
	if (fcntl(p[0], F_SETFL, rfd_flags) != 0)
		return -errno;
	*priv = calloc(1, sizeof(**priv));
	if (*priv == NULL)
		return -ENOMEM;
	(*priv)->magic = 0x4354;
	(*priv)->rfd = p[0];
	(*priv)->wfd = p[1];
	strncpy(S.mnt, mnt, sizeof(S.mnt) - 1);
	S.archive_count = archive_count;
	for (i = 0; i < archive_count; i++)
		S.archives[i] = archives[i];
	S.rfd_flags = rfd_flags;
	S.ct = *priv;
	return 0;
}

API int llapi_hsm_copytool_unregister(struct hsm_copytool_private **priv)
{
	if (priv == NULL || *priv == NULL || (*priv)->magic != 0x4354)
		return -EINVAL;
	close((*priv)->rfd);
	close((*priv)->wfd);
	(*priv)->magic = 0;
	free(*priv);
	*priv = NULL;
	S.ct = NULL;
	S.unregister_calls++;
	return 0;
}

API int llapi_hsm_copytool_get_fd(struct hsm_copytool_private *ct)
{
	if (ct == NULL || ct->magic != 0x4354)
		return -EINVAL;
	return ct->rfd;
}

/* One byte in the pipe per queued message makes the fd pollable like the real one. */
static int enqueue(const void *msg, int len)
{
	char token = 1;

	if (S.ct == NULL || S.queue_tail - S.queue_head >= MAX_QUEUE || len > MAX_MSG)
		return -EINVAL;
	if (len > 0)
		memcpy(S.queue[S.queue_tail % MAX_QUEUE], msg, len);
	S.queue_len[S.queue_tail % MAX_QUEUE] = len;
	S.queue_tail++;
	return write(S.ct->wfd, &token, 1) == 1 ? 0 : -errno;
}

API int fake_push_message(const void *msg, int len) { return enqueue(msg, len); }
API int fake_push_shutdown(void) { return enqueue(NULL, -1); }

API int llapi_hsm_copytool_recv(struct hsm_copytool_private *ct, void **hal, int *msgsize)
{
	char token;
	int len;
	ssize_t n;

	if (ct == NULL || ct->magic != 0x4354 || hal == NULL || msgsize == NULL)
		return -EINVAL;
	*hal = NULL;
	*msgsize = 0;
	n = read(ct->rfd, &token, 1);
	if (n < 0)
		return -errno;
	if (n == 0 || S.queue_head == S.queue_tail)
		return -EPROTO;
	len = S.queue_len[S.queue_head % MAX_QUEUE];
	if (len < 0) {
		S.queue_head++;
		return -ESHUTDOWN;
	}
	memcpy(ct->buf, S.queue[S.queue_head % MAX_QUEUE], len);
	S.queue_head++;
	*hal = ct->buf;
	*msgsize = len;
	return 0;
}

/* ---- actions ----------------------------------------------------------------------------- */

API int llapi_hsm_action_begin(struct hsm_copyaction_private **phcp,
			       const struct hsm_copytool_private *ct, const void *hai,
			       int restore_mdt_index, int restore_open_flags, bool is_error)
{
	if (phcp == NULL || ct == NULL || ct->magic != 0x4354 || hai == NULL)
		return -EINVAL;
	S.begin_calls++;
	memcpy(S.begin_hai, hai, 72);
	S.begin_mdt = restore_mdt_index;
	S.begin_flags = restore_open_flags;
	S.begin_is_error = is_error;
	if (S.begin_rc)
		return S.begin_rc;
	*phcp = calloc(1, sizeof(**phcp));
	if (*phcp == NULL)
		return -ENOMEM;
	memcpy((*phcp)->hai, hai, 72);
	return 0;
}

API int llapi_hsm_action_progress(struct hsm_copyaction_private *hcp, const struct extent *he,
				  uint64_t total, int hp_flags)
{
	if (hcp == NULL || he == NULL)
		return -EINVAL;
	S.progress_calls++;
	S.progress_extent = *he;
	S.progress_total = total;
	S.progress_flags = hp_flags;
	return S.progress_rc;
}

API int llapi_hsm_action_end(struct hsm_copyaction_private **phcp, const struct extent *he,
			     int hp_flags, int errval)
{
	if (phcp == NULL || *phcp == NULL || he == NULL)
		return -EINVAL;
	S.end_calls++;
	S.end_extent = *he;
	S.end_flags = hp_flags;
	S.end_errval = errval;
	free(*phcp);
	*phcp = NULL;
	return S.end_rc;
}

API int llapi_hsm_action_get_dfid(const struct hsm_copyaction_private *hcp, struct fid *fid)
{
	if (hcp == NULL || fid == NULL)
		return -EINVAL;
	memcpy(fid, hcp->hai + 24, sizeof(*fid));
	fid->oid += 1000; /* distinguishable from hai_dfid */
	return 0;
}

API int llapi_hsm_action_get_fd(const struct hsm_copyaction_private *hcp)
{
	int fd;

	if (hcp == NULL || S.data_file[0] == 0)
		return -EINVAL;
	fd = open(S.data_file, O_RDWR | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

API void fake_set_data_file(const char *path) { strncpy(S.data_file, path, 4095); }
API void fake_set_rcs(int reg, int begin, int progress, int end, int request)
{
	S.register_rc = reg;
	S.begin_rc = begin;
	S.progress_rc = progress;
	S.end_rc = end;
	S.request_rc = request;
}

/* ---- client side ------------------------------------------------------------------------- */

API int llapi_hsm_request(const char *path, const void *request)
{
	const uint32_t *hr = request;
	int rc = path_rc(path), len;

	if (rc)
		return rc;
	if (request == NULL)
		return -EINVAL;
	len = 24 + 32 * (int)hr[4] + (int)hr[5];
	if (len >= 1706)
		return -E2BIG;
	S.request_calls++;
	memcpy(S.request, request, len);
	S.request_len = len;
	return S.request_rc;
}

API int llapi_hsm_state_get(const char *path, uint32_t *hus)
{
	int rc = path_rc(path);

	if (rc)
		return rc;
	memset(hus, 0, 32);
	hus[0] = S.states;
	hus[1] = S.state_archive;
	return 0;
}

API int llapi_hsm_state_set(const char *path, uint64_t setmask, uint64_t clearmask,
			    uint32_t archive_id)
{
	int rc = path_rc(path);

	if (rc)
		return rc;
	S.set_mask = setmask;
	S.clear_mask = clearmask;
	S.set_archive = archive_id;
	S.states = (S.states | setmask) & ~clearmask;
	if (archive_id)
		S.state_archive = archive_id;
	return 0;
}

API int llapi_hsm_current_action(const char *path, uint32_t *hca)
{
	int rc = path_rc(path);

	if (rc)
		return rc;
	hca[0] = 2;  /* HPS_RUNNING */
	hca[1] = 11; /* HUA_RESTORE */
	((uint64_t *)(hca + 2))[0] = 4096;
	((uint64_t *)(hca + 2))[1] = 8192;
	return 0;
}

API int llapi_path2fid(const char *path, struct fid *fid)
{
	int rc = path_rc(path);

	if (rc)
		return rc;
	fid->seq = 0x200000401ULL;
	fid->oid = (uint32_t)strlen(path);
	fid->ver = 0;
	return 0;
}

API int llapi_fid2path(const char *device, const char *fidstr, char *path, int pathlen,
		       long long *recno, int *linkno)
{
	(void)recno;
	(void)linkno;
	if (path_rc(device))
		return path_rc(device);
	if (strcmp(fidstr, "[0x200000007:0x1:0x0]") == 0) {
		strncpy(path, "/", pathlen);
		return 0;
	}
	if (strncmp(fidstr, "[0x200000401:", 13) != 0)
		return -ENOENT;
	strncpy(path, "dir/file", pathlen);
	return 0;
}

API int llapi_get_mdt_index_by_fid(int fd, const struct fid *fid, int *mdt_index)
{
	if (fd < 0 || fid == NULL)
		return -EBADF;
	if (mdt_index)
		*mdt_index = (int)(fid->seq & 0x3);
	return (int)(fid->seq & 0x3);
}

API int llapi_search_fsname(const char *pathname, char *fsname)
{
	if (strcmp(pathname, "/not-lustre") == 0)
		return -ENODEV;
	strcpy(fsname, "fakefs");
	return 0;
}

API int llapi_get_agent_uuid(char *path, char *buf, size_t bufsize)
{
	(void)path;
	strncpy(buf, "fakefs-clilmv-ffff8881\n", bufsize);
	return 0;
}

API void llapi_msg_set_level(int level) { S.msg_level = level; }
API int llapi_msg_get_level(void) { return S.msg_level; }

API log_cb llapi_error_callback_set(log_cb cb)
{
	log_cb old = S.callback;

	S.callback = cb;
	return old;
}

/* Emits one message through the installed callback, as llapi_error() would. */
API void fake_emit(int level, int err, const char *fmt, ...)
{
	va_list ap;

	if (S.callback == NULL)
		return;
	va_start(ap, fmt);
	S.callback(level, err, fmt, ap);
	va_end(ap);
}

/* ---- inspection ---------------------------------------------------------------------------- */

API const char *fake_mnt(void) { return S.mnt; }
API int fake_archive_count(void) { return S.archive_count; }
API int fake_archive(int i) { return S.archives[i]; }
API int fake_rfd_flags(void) { return S.rfd_flags; }
API int fake_unregister_calls(void) { return S.unregister_calls; }
API const void *fake_begin_hai(void) { return S.begin_hai; }
API int fake_begin_mdt(void) { return S.begin_mdt; }
API int fake_begin_flags(void) { return S.begin_flags; }
API int fake_begin_is_error(void) { return S.begin_is_error; }
API int fake_begin_calls(void) { return S.begin_calls; }
API const struct extent *fake_progress_extent(void) { return &S.progress_extent; }
API uint64_t fake_progress_total(void) { return S.progress_total; }
API int fake_progress_calls(void) { return S.progress_calls; }
API const struct extent *fake_end_extent(void) { return &S.end_extent; }
API int fake_end_flags(void) { return S.end_flags; }
API int fake_end_errval(void) { return S.end_errval; }
API int fake_end_calls(void) { return S.end_calls; }
API const void *fake_request(void) { return S.request; }
API int fake_request_len(void) { return S.request_len; }
API int fake_request_calls(void) { return S.request_calls; }
API uint64_t fake_set_mask(void) { return S.set_mask; }
API uint64_t fake_clear_mask(void) { return S.clear_mask; }
API void fake_set_state(uint32_t states, uint32_t archive)
{
	S.states = states;
	S.state_archive = archive;
}
