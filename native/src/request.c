/* Client-side HSM requests and file state (ABI spec 5.3). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu.h"

/* Client limit on a request: MDS_MAXREQSIZE / 3 (ABI spec 3.9). */
#define EMU_HUR_MAX (5120 / 3)

/* A path-carrying call on an fd: ioctl semantics (-ENOTTY off Lustre). */
static int emu_fd_call(int fd, uint32_t op, struct emu_buf *tail,
		       uint8_t **body, size_t *len)
{
	char path[PATH_MAX];
	struct emu_fs fs;
	struct emu_buf req;
	int rc;

	rc = emu_resolve_fd(fd, path, &fs);
	if (rc < 0)
		return rc == -ENODEV ? -ENOTTY : rc;
	emu_buf_init(&req);
	emu_put_open_file(&req, fd, path);
	if (tail != NULL)
		emu_put_bytes(&req, tail->data, tail->len);
	if (tail != NULL && tail->failed)
		req.failed = 1;
	rc = emu_call(&fs, op, &req, body, len);
	emu_buf_free(&req);
	return rc;
}

/* Opens path like the real library before its ioctl, then runs fn. */
static int emu_with_open(const char *path, int flags,
			 int (*fn)(int fd, void *arg), void *arg)
{
	int fd, rc;

	if (path == NULL)
		return -EINVAL;
	fd = open(path, flags | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		llapi_error(LLAPI_MSG_ERROR, -rc, "cannot open '%s'", path);
		return rc;
	}
	rc = fn(fd, arg);
	close(fd);
	return rc;
}

struct hsm_user_request *llapi_hsm_user_request_alloc(int itemcount,
						      int data_len)
{
	if (itemcount < 0 || data_len < 0) {
		errno = EINVAL;
		return NULL;
	}
	return calloc(1, sizeof(struct hsm_user_request) +
				 (size_t)itemcount *
					 sizeof(struct hsm_user_item) +
				 (size_t)data_len);
}

int llapi_hsm_request(const char *path, const struct hsm_user_request *request)
{
	char rp[PATH_MAX];
	struct emu_fs fs;
	struct emu_buf req;
	size_t len;
	int rc;

	if (path == NULL || request == NULL)
		return -EINVAL;
	len = hur_len(request);
	if (len >= EMU_HUR_MAX)
		return -E2BIG;
	/* 2.16+: a filesystem name instead of a path */
	if (path[0] != '/' && emu_fs_by_name(path, &fs) == 0)
		rc = 0;
	else
		rc = emu_resolve(path, 1, 0, rp, &fs);
	if (rc < 0) {
		if (rc == -ENODEV)
			rc = -ENOTTY;
		llapi_error(LLAPI_MSG_ERROR, -rc, "cannot send HSM request on '%s'",
			    path);
		return rc;
	}
	emu_buf_init(&req);
	emu_put_str(&req, fs.root);
	emu_put_bytes(&req, request, len);
	rc = emu_call_nobody(&fs, EMU_OP_REQUEST, &req);
	emu_buf_free(&req);
	return rc < 0 ? rc : 0;
}

int llapi_hsm_state_get_fd(int fd, struct hsm_user_state *hus)
{
	uint8_t *body = NULL;
	size_t len = 0;
	int rc;

	if (hus == NULL)
		return -EINVAL;
	rc = emu_fd_call(fd, EMU_OP_STATE_GET, NULL, &body, &len);
	if (rc >= 0) {
		struct emu_rd rd = { .data = body, .len = len };

		emu_get_bytes(&rd, hus, sizeof(*hus));
		rc = rd.bad ? -EPROTO : 0;
	}
	free(body);
	return rc;
}

static int emu_state_get_cb(int fd, void *arg)
{
	return llapi_hsm_state_get_fd(fd, arg);
}

int llapi_hsm_state_get(const char *path, struct hsm_user_state *hus)
{
	if (hus == NULL)
		return -EINVAL;
	return emu_with_open(path, O_RDONLY | O_NONBLOCK, emu_state_get_cb, hus);
}

int llapi_hsm_state_set_fd(int fd, __u64 setmask, __u64 clearmask,
			   __u32 archive_id)
{
	struct emu_buf tail;
	int rc;

	emu_buf_init(&tail);
	emu_put_u64(&tail, setmask);
	emu_put_u64(&tail, clearmask);
	emu_put_u32(&tail, archive_id);
	rc = emu_fd_call(fd, EMU_OP_STATE_SET, &tail, NULL, NULL);
	emu_buf_free(&tail);
	return rc < 0 ? rc : 0;
}

struct emu_state_set_args {
	__u64 setmask, clearmask;
	__u32 archive_id;
};

static int emu_state_set_cb(int fd, void *arg)
{
	struct emu_state_set_args *a = arg;

	return llapi_hsm_state_set_fd(fd, a->setmask, a->clearmask,
				      a->archive_id);
}

int llapi_hsm_state_set(const char *path, __u64 setmask, __u64 clearmask,
			__u32 archive_id)
{
	struct emu_state_set_args a = { setmask, clearmask, archive_id };

	return emu_with_open(path, O_WRONLY | O_LOV_DELAY_CREATE | O_NONBLOCK,
			     emu_state_set_cb, &a);
}

static int emu_current_action_cb(int fd, void *arg)
{
	uint8_t *body = NULL;
	size_t len = 0;
	int rc;

	rc = emu_fd_call(fd, EMU_OP_CURRENT_ACTION, NULL, &body, &len);
	if (rc >= 0) {
		struct emu_rd rd = { .data = body, .len = len };

		emu_get_bytes(&rd, arg, sizeof(struct hsm_current_action));
		rc = rd.bad ? -EPROTO : 0;
	}
	free(body);
	return rc;
}

int llapi_hsm_current_action(const char *file, struct hsm_current_action *hca)
{
	if (hca == NULL)
		return -EINVAL;
	return emu_with_open(file, O_RDONLY | O_NONBLOCK, emu_current_action_cb,
			     hca);
}

int llapi_hsm_import(const char *dst, int archive, const struct stat *st,
		     unsigned long long stripe_size, int stripe_offset,
		     int stripe_count, enum lov_pattern stripe_pattern,
		     char *pool_name, struct lu_fid *newfid)
{
	struct hsm_user_import hui;
	char rp[PATH_MAX];
	struct emu_fs fs;
	struct emu_buf req;
	uint8_t *body = NULL;
	size_t len = 0;
	int rc;

	/* Layout hints have no meaning without OSTs. */
	(void)stripe_size;
	(void)stripe_offset;
	(void)stripe_count;
	(void)stripe_pattern;
	(void)pool_name;

	if (dst == NULL || st == NULL || newfid == NULL || archive < 0)
		return -EINVAL;
	if (!S_ISREG(st->st_mode) && (st->st_mode & S_IFMT) != 0)
		return -EINVAL;
	rc = emu_resolve(dst, 0, 1, rp, &fs);
	if (rc < 0)
		return rc == -ENODEV ? -ENOTTY : rc;

	memset(&hui, 0, sizeof(hui));
	hui.hui_size = (__u64)st->st_size;
	hui.hui_atime = (__u64)st->st_atim.tv_sec;
	hui.hui_atime_ns = (__u32)st->st_atim.tv_nsec;
	hui.hui_mtime = (__u64)st->st_mtim.tv_sec;
	hui.hui_mtime_ns = (__u32)st->st_mtim.tv_nsec;
	hui.hui_uid = st->st_uid;
	hui.hui_gid = st->st_gid;
	hui.hui_mode = st->st_mode;
	hui.hui_archive_id = (__u32)archive;

	emu_buf_init(&req);
	emu_put_str(&req, rp);
	emu_put_bytes(&req, &hui, sizeof(hui));
	rc = emu_call(&fs, EMU_OP_IMPORT, &req, &body, &len);
	emu_buf_free(&req);
	if (rc >= 0) {
		struct emu_rd rd = { .data = body, .len = len };

		emu_get_bytes(&rd, newfid, sizeof(*newfid));
		rc = rd.bad ? -EPROTO : 0;
	}
	free(body);
	return rc;
}

int llapi_hsm_data_version_set(int fd, __u64 data_version)
{
	struct emu_buf tail;
	int rc;

	emu_buf_init(&tail);
	emu_put_u64(&tail, data_version);
	rc = emu_fd_call(fd, EMU_OP_DATA_VERSION_SET, &tail, NULL, NULL);
	emu_buf_free(&tail);
	return rc < 0 ? rc : 0;
}

int llapi_get_data_version(int fd, __u64 *data_version, __u64 flags)
{
	struct emu_buf tail;
	uint8_t *body = NULL;
	size_t len = 0;
	int rc;

	if (data_version == NULL)
		return -EINVAL;
	emu_buf_init(&tail);
	emu_put_u64(&tail, flags);
	rc = emu_fd_call(fd, EMU_OP_DATA_VERSION_GET, &tail, &body, &len);
	emu_buf_free(&tail);
	if (rc >= 0) {
		struct emu_rd rd = { .data = body, .len = len };

		*data_version = emu_get_u64(&rd);
		rc = rd.bad ? -EPROTO : 0;
	}
	free(body);
	return rc;
}
