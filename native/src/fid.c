/* FID utilities (ABI spec 2 and 5.4). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "emu.h"

void emu_fid_nobrace(const struct lu_fid *fid, char *out, size_t outsz)
{
	snprintf(out, outsz, "%#llx:0x%x:0x%x", (unsigned long long)fid->f_seq,
		 fid->f_oid, fid->f_ver);
}

/* One numeric field in any strtoull base; max is the largest legal value. */
static int emu_fid_field(const char **s, unsigned long long max,
			 unsigned long long *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(*s, &end, 0);
	if (end == *s)
		return -EINVAL;
	*s = end;
	if (errno == ERANGE || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int llapi_fid_parse(const char *fidstr, struct lu_fid *fid, char **endptr)
{
	unsigned long long seq, oid, ver;
	const char *s = fidstr;
	int bracket = 0, rc;

	if (fidstr == NULL || fid == NULL) {
		rc = -EINVAL;
		goto out;
	}
	while (isspace((unsigned char)*s))
		s++;
	while (*s == '[') {
		bracket = 1;
		s++;
	}
	/* The all-ones sequence is reserved (strtoull's overflow value). */
	rc = emu_fid_field(&s, 0xfffffffffffffffeULL, &seq);
	if (rc < 0)
		goto out;
	if (*s != ':') {
		rc = -EINVAL;
		goto out;
	}
	s++;
	rc = emu_fid_field(&s, 0xffffffffULL, &oid);
	if (rc < 0)
		goto out;
	if (*s != ':') {
		rc = -EINVAL;
		goto out;
	}
	s++;
	rc = emu_fid_field(&s, 0xffffffffULL, &ver);
	if (rc < 0)
		goto out;
	if (bracket && *s == ']')
		s++;
	fid->f_seq = seq;
	fid->f_oid = (__u32)oid;
	fid->f_ver = (__u32)ver;
out:
	if (endptr != NULL)
		*endptr = (char *)s;
	return rc;
}

static int emu_fid2path_fs(const struct emu_fs *fs, const struct lu_fid *fid,
			   char *path, int pathlen, long long *recno,
			   int *linkno)
{
	char rel[PATH_MAX + 1];
	struct emu_buf req;
	uint8_t *body = NULL;
	size_t len = 0;
	__u32 next = 0;
	int rc;

	emu_buf_init(&req);
	emu_put_bytes(&req, fid, sizeof(*fid));
	emu_put_u64(&req, (__u64)(recno != NULL ? *recno : -1));
	emu_put_u32(&req, (__u32)(linkno != NULL ? *linkno : 0));
	rc = emu_call(fs, EMU_OP_FID2PATH, &req, &body, &len);
	emu_buf_free(&req);
	if (rc >= 0) {
		struct emu_rd rd = { .data = body, .len = len };

		emu_get_str(&rd, rel, sizeof(rel));
		next = emu_get_u32(&rd);
		rc = rd.bad ? -EPROTO : 0;
	}
	free(body);
	if (rc < 0)
		return rc;
	if (strlen(rel) + 1 > (size_t)pathlen)
		return -ERANGE;
	strcpy(path, rel);
	if (linkno != NULL)
		*linkno = (int)next;
	return 0;
}

int llapi_fid2path(const char *device, const char *fidstr, char *path,
		   int pathlen, long long *recno, int *linkno)
{
	struct lu_fid fid;
	struct emu_fs fs;
	int rc;

	if (device == NULL || fidstr == NULL || path == NULL || pathlen <= 0)
		return -EINVAL;
	rc = llapi_fid_parse(fidstr, &fid, NULL);
	if (rc < 0) {
		llapi_error(LLAPI_MSG_ERROR, -rc, "bad FID format '%s'", fidstr);
		return -EINVAL;
	}
	if (device[0] == '/') {
		char rp[PATH_MAX];

		rc = emu_resolve(device, 1, 1, rp, &fs);
	} else {
		rc = emu_fs_by_name(device, &fs);
	}
	if (rc < 0) {
		llapi_error(LLAPI_MSG_ERROR, -rc,
			    "'%s' is not a Lustre filesystem", device);
		return rc;
	}
	return emu_fid2path_fs(&fs, &fid, path, pathlen, recno, linkno);
}

int llapi_fid2path_at(int mnt_fd, const struct lu_fid *fid, char *path,
		      int pathlen, long long *recno, int *linkno)
{
	char rp[PATH_MAX];
	struct emu_fs fs;
	int rc;

	if (fid == NULL || path == NULL || pathlen <= 0)
		return -EINVAL;
	rc = emu_resolve_fd(mnt_fd, rp, &fs);
	if (rc < 0)
		return rc == -ENODEV ? -ENOTTY : rc;
	return emu_fid2path_fs(&fs, fid, path, pathlen, recno, linkno);
}

/* FID of the object at rp, or (fd >= 0) of the object open on fd at rp. */
static int emu_path2fid_real(const struct emu_fs *fs, const char *rp, int fd,
			     struct lu_fid *fid)
{
	struct emu_buf req;
	uint8_t *body = NULL;
	size_t len = 0;
	int rc;

	emu_buf_init(&req);
	if (fd >= 0)
		emu_put_open_file(&req, fd, rp);
	else
		emu_put_str(&req, rp);
	rc = emu_call(fs, fd >= 0 ? EMU_OP_FD2FID : EMU_OP_PATH2FID, &req,
		      &body, &len);
	emu_buf_free(&req);
	if (rc >= 0) {
		struct emu_rd rd = { .data = body, .len = len };

		emu_get_bytes(&rd, fid, sizeof(*fid));
		rc = rd.bad ? -EPROTO : 0;
	}
	free(body);
	return rc;
}

/*
 * The errno 2.16 gives for a file outside Lustre: it asks the kernel for a file handle, and a
 * handle that is not Lustre's sends it to the file's LMA xattr (a locally mounted target), which
 * an ordinary file lacks: ENODATA, or whatever the handle or xattr call fails with.
 */
static int emu_nonlustre_fid(const char *path, int fd)
{
	char buf[sizeof(struct file_handle) + MAX_HANDLE_SZ];
	struct file_handle *h = (struct file_handle *)buf;
	int mount_id, rc;

	h->handle_bytes = MAX_HANDLE_SZ;
	if (path != NULL)
		rc = name_to_handle_at(AT_FDCWD, path, h, &mount_id, 0);
	else
		rc = name_to_handle_at(fd, "", h, &mount_id, AT_EMPTY_PATH);
	if (rc != 0)
		return errno == EOVERFLOW ? -ENOTTY : -errno;
	if (path != NULL)
		rc = (int)lgetxattr(path, "trusted.lma", buf, sizeof(buf));
	else
		rc = (int)fgetxattr(fd, "trusted.lma", buf, sizeof(buf));
	return rc < 0 ? -errno : -ENOTTY;
}

int llapi_path2fid(const char *path, struct lu_fid *fid)
{
	char rp[PATH_MAX];
	struct emu_fs fs;
	int rc;

	if (path == NULL || fid == NULL)
		return -EINVAL;
	rc = emu_resolve(path, 0, 0, rp, &fs);
	if (rc < 0)
		return rc == -ENODEV ? emu_nonlustre_fid(path, -1) : rc;
	return emu_path2fid_real(&fs, rp, -1, fid);
}

int llapi_fd2fid(int fd, struct lu_fid *fid)
{
	char rp[PATH_MAX];
	struct emu_fs fs;
	int rc;

	if (fid == NULL)
		return -EINVAL;
	rc = emu_resolve_fd(fd, rp, &fs);
	if (rc < 0)
		return rc == -ENODEV ? emu_nonlustre_fid(NULL, fd) : rc;
	return emu_path2fid_real(&fs, rp, fd, fid);
}

static int emu_open_fid_fs(const struct emu_fs *fs, const struct lu_fid *fid,
			   int flags)
{
	char path[PATH_MAX];
	struct emu_buf req;
	uint8_t *body = NULL;
	size_t len = 0;
	int rc, fd;

	emu_buf_init(&req);
	emu_put_bytes(&req, fid, sizeof(*fid));
	rc = emu_call(fs, EMU_OP_FID_RESOLVE, &req, &body, &len);
	emu_buf_free(&req);
	if (rc >= 0) {
		struct emu_rd rd = { .data = body, .len = len };

		emu_get_str(&rd, path, sizeof(path));
		rc = rd.bad ? -EPROTO : 0;
	}
	free(body);
	if (rc < 0)
		return rc;
	fd = open(path, flags);
	return fd < 0 ? -errno : fd;
}

int llapi_open_by_fid(const char *dir, const struct lu_fid *fid, int open_flags)
{
	char rp[PATH_MAX];
	struct emu_fs fs;
	int rc;

	if (dir == NULL || fid == NULL)
		return -EINVAL;
	rc = emu_resolve(dir, 1, 0, rp, &fs);
	if (rc < 0)
		return rc;
	return emu_open_fid_fs(&fs, fid, open_flags);
}

int llapi_open_by_fid_at(int dirfd, const struct lu_fid *fid, int open_flags)
{
	char rp[PATH_MAX];
	struct emu_fs fs;
	int rc;

	if (fid == NULL)
		return -EINVAL;
	rc = emu_resolve_fd(dirfd, rp, &fs);
	if (rc < 0)
		return rc == -ENODEV ? -ENOTTY : rc;
	return emu_open_fid_fs(&fs, fid, open_flags);
}

int llapi_get_mdt_index_by_fid(int fd, const struct lu_fid *fid,
			       int *mdt_index)
{
	char rp[PATH_MAX];
	struct emu_fs fs;
	struct emu_buf req;
	struct stat st;
	int rc;

	if (fid == NULL)
		return -EINVAL;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTTY; /* a directory ioctl */
	rc = emu_resolve_fd(fd, rp, &fs);
	if (rc < 0)
		return rc == -ENODEV ? -ENOTTY : rc;
	emu_buf_init(&req);
	emu_put_bytes(&req, fid, sizeof(*fid));
	rc = emu_call_nobody(&fs, EMU_OP_FID2MDTIDX, &req);
	emu_buf_free(&req);
	if (rc >= 0 && mdt_index != NULL)
		*mdt_index = rc;
	return rc;
}
