/* Per-action API: begin / progress / end (ABI spec 5.2, PROTOCOL.md 3). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ct_private.h"

static int emu_ca_valid(const struct hsm_copyaction_private *hcp)
{
	return hcp != NULL && hcp->magic == EMU_CA_MAGIC &&
	       hcp->ct != NULL && hcp->ct->magic == EMU_CT_MAGIC;
}

static void emu_put_copy(struct emu_buf *b, const struct hsm_copy *hc)
{
	emu_put_bytes(b, hc, sizeof(*hc));
}

/* Absolute real path of a FID (FID_RESOLVE). */
static int emu_fid_resolve(const struct emu_fs *fs, const struct lu_fid *fid,
			   char *path, size_t pathsz)
{
	struct emu_buf req;
	uint8_t *body = NULL;
	size_t len = 0;
	int rc;

	emu_buf_init(&req);
	emu_put_bytes(&req, fid, sizeof(*fid));
	rc = emu_call(fs, EMU_OP_FID_RESOLVE, &req, &body, &len);
	emu_buf_free(&req);
	if (rc >= 0) {
		struct emu_rd rd = { .data = body, .len = len };

		emu_get_str(&rd, path, pathsz);
		rc = rd.bad ? -EPROTO : 0;
	}
	free(body);
	return rc;
}

/* fid2path for JSON events, relative to the mount; NULL-free on error. */
static int emu_event_path(const struct hsm_copytool_private *ct,
			  const struct lu_fid *fid, char *path, int pathlen)
{
	int rc = llapi_fid2path_at(ct->mnt_fd, fid, path, pathlen, NULL, NULL);

	if (rc < 0) {
		char f[FID_LEN + 1];

		emu_fid_nobrace(fid, f, sizeof(f));
		llapi_error(LLAPI_MSG_ERROR, -rc,
			    "cannot get path of FID %s for the event", f);
	}
	return rc;
}

static int emu_copy_start(struct hsm_copyaction_private *hcp, char *data_path,
			  size_t data_path_sz)
{
	struct emu_buf req;
	uint8_t *body = NULL;
	size_t len = 0;
	int rc;

	emu_buf_init(&req);
	emu_put_copy(&req, &hcp->copy);
	rc = emu_call(&hcp->ct->fs, EMU_OP_COPY_START, &req, &body, &len);
	emu_buf_free(&req);
	if (rc >= 0) {
		struct emu_rd rd = { .data = body, .len = len };

		hcp->copy.hc_data_version = emu_get_u64(&rd);
		emu_get_str(&rd, data_path, data_path_sz);
		rc = rd.bad ? -EPROTO : 0;
	}
	free(body);
	return rc;
}

static int emu_begin_archive(struct hsm_copyaction_private *hcp)
{
	char path[PATH_MAX];
	int rc, fd;

	rc = emu_copy_start(hcp, path, sizeof(path));
	if (rc < 0)
		return rc;
	fd = open(path, O_RDONLY | O_NOATIME | O_NOFOLLOW | O_NONBLOCK |
				O_CLOEXEC);
	if (fd < 0 && errno == EPERM) /* O_NOATIME needs ownership */
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		llapi_error(LLAPI_MSG_ERROR, -rc, "cannot open '%s' for read",
			    path);
		return rc;
	}
	hcp->data_fd = fd;
	return 0;
}

static int emu_begin_restore(struct hsm_copyaction_private *hcp, int mdt_index,
			     int open_flags)
{
	const struct emu_fs *fs = &hcp->ct->fs;
	struct hsm_action_item *hai = &hcp->copy.hc_hai;
	char orig[PATH_MAX], vpath[PATH_MAX], unused[PATH_MAX];
	struct lu_fid vfid;
	struct emu_buf req;
	uint8_t *body = NULL;
	size_t len = 0;
	struct stat st;
	int rc, fd, flags;

	/* Owner and times of the file being restored, as the MDT has them. */
	rc = emu_fid_resolve(fs, &hai->hai_fid, orig, sizeof(orig));
	if (rc < 0)
		return rc;
	if (stat(orig, &st) < 0)
		return -errno;

	emu_buf_init(&req);
	emu_put_bytes(&req, &hai->hai_fid, sizeof(hai->hai_fid));
	emu_put_u32(&req, (__u32)mdt_index);
	rc = emu_call(fs, EMU_OP_CREATE_VOLATILE, &req, &body, &len);
	emu_buf_free(&req);
	if (rc >= 0) {
		struct emu_rd rd = { .data = body, .len = len };

		emu_get_bytes(&rd, &vfid, sizeof(vfid));
		emu_get_str(&rd, vpath, sizeof(vpath));
		rc = rd.bad ? -EPROTO : 0;
	}
	free(body);
	if (rc < 0)
		return rc;

	/* The daemon created the file: open it, never create another. */
	flags = (open_flags & ~(O_ACCMODE | O_CREAT | O_EXCL)) | O_RDWR |
		O_NOFOLLOW | O_CLOEXEC;
	fd = open(vpath, flags);
	if (fd < 0) {
		rc = -errno;
		llapi_error(LLAPI_MSG_ERROR, -rc, "cannot open volatile '%s'",
			    vpath);
		return rc;
	}
	if (fchown(fd, st.st_uid, st.st_gid) < 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	hcp->data_fd = fd;
	hcp->times[0] = st.st_atim;
	hcp->times[1] = st.st_mtim;
	hcp->have_times = true;
	hai->hai_dfid = vfid;

	return emu_copy_start(hcp, unused, sizeof(unused));
}

static int emu_begin_remove(struct hsm_copyaction_private *hcp)
{
	char path[PATH_MAX];
	int rc, fd;

	/* Held open until end; a file already gone is fine. */
	rc = emu_fid_resolve(&hcp->ct->fs, &hcp->copy.hc_hai.hai_fid, path,
			     sizeof(path));
	if (rc == -ENOENT)
		return 0;
	if (rc < 0)
		return rc;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	hcp->data_fd = fd;
	return 0;
}

int llapi_hsm_action_begin(struct hsm_copyaction_private **phcp,
			   const struct hsm_copytool_private *ct,
			   const struct hsm_action_item *hai,
			   int restore_mdt_index, int restore_open_flags,
			   bool is_error)
{
	struct hsm_copyaction_private *hcp;
	char unused[PATH_MAX];
	int rc;

	if (phcp == NULL || ct == NULL || ct->magic != EMU_CT_MAGIC ||
	    hai == NULL)
		return -EINVAL;
	hcp = calloc(1, sizeof(*hcp));
	if (hcp == NULL)
		return -ENOMEM;
	hcp->magic = EMU_CA_MAGIC;
	hcp->ct = ct;
	hcp->data_fd = -1;
	memcpy(&hcp->copy.hc_hai, hai, sizeof(*hai));
	hcp->copy.hc_hai.hai_len = sizeof(*hai);

	if (is_error) {
		*phcp = hcp;
		return 0;
	}

	switch (hai->hai_action) {
	case HSMA_ARCHIVE:
		rc = emu_begin_archive(hcp);
		break;
	case HSMA_RESTORE:
		rc = emu_begin_restore(hcp, restore_mdt_index,
				       restore_open_flags);
		break;
	case HSMA_REMOVE:
		rc = emu_begin_remove(hcp);
		break;
	default:
		rc = emu_copy_start(hcp, unused, sizeof(unused));
		break;
	}
	if (rc < 0) {
		if (hcp->data_fd >= 0)
			close(hcp->data_fd);
		hcp->magic = 0;
		free(hcp);
		return rc;
	}

	if (emu_fifo_active() && (hai->hai_action == HSMA_ARCHIVE ||
				  hai->hai_action == HSMA_RESTORE ||
				  hai->hai_action == HSMA_REMOVE)) {
		char path[PATH_MAX];

		/* START reports the caller's item (restore: both the file). */
		if (emu_event_path(ct, &hai->hai_dfid, path, sizeof(path)) == 0)
			emu_event_action(EMU_CT_START, hai->hai_action,
					 &hai->hai_fid, &hai->hai_dfid, path,
					 0, 0, 0);
	}
	*phcp = hcp;
	return 0;
}

int llapi_hsm_action_progress(struct hsm_copyaction_private *hcp,
			      const struct hsm_extent *he, __u64 total,
			      int hp_flags)
{
	struct hsm_action_item *hai;
	struct hsm_progress hp;
	struct emu_buf req;
	int rc;

	if (!emu_ca_valid(hcp) || he == NULL)
		return -EINVAL;
	hai = &hcp->copy.hc_hai;

	if (emu_fifo_active() && (hai->hai_action == HSMA_ARCHIVE ||
				  hai->hai_action == HSMA_RESTORE ||
				  hai->hai_action == HSMA_REMOVE)) {
		char path[PATH_MAX];

		if (emu_event_path(hcp->ct, &hai->hai_dfid, path,
				   sizeof(path)) == 0)
			emu_event_action(EMU_CT_RUNNING, hai->hai_action,
					 &hai->hai_fid, &hai->hai_dfid, path,
					 he->length, total, 0);
	}

	memset(&hp, 0, sizeof(hp));
	hp.hp_fid = hai->hai_dfid;
	hp.hp_cookie = hai->hai_cookie;
	hp.hp_extent = *he;
	hp.hp_flags = (__u16)hp_flags;
	emu_buf_init(&req);
	emu_put_bytes(&req, &hp, sizeof(hp));
	rc = emu_call_nobody(&hcp->ct->fs, EMU_OP_PROGRESS, &req);
	emu_buf_free(&req);
	return rc < 0 ? rc : 0;
}

/* Restore: data on disk and the original times on the volatile file. */
static int emu_restore_finish(struct hsm_copyaction_private *hcp)
{
	if (hcp->data_fd < 0)
		return EBADF;
	if (fsync(hcp->data_fd) < 0)
		return errno;
	if (hcp->have_times && futimens(hcp->data_fd, hcp->times) < 0)
		return errno;
	return 0;
}

int llapi_hsm_action_end(struct hsm_copyaction_private **phcp,
			 const struct hsm_extent *he, int hp_flags, int errval)
{
	struct hsm_copyaction_private *hcp;
	struct hsm_action_item *hai;
	struct emu_buf req;
	int rc;

	if (phcp == NULL || !emu_ca_valid(*phcp) || he == NULL)
		return -EINVAL;
	hcp = *phcp;
	hai = &hcp->copy.hc_hai;
	if (errval < 0)
		errval = -errval;

	if (hai->hai_action == HSMA_RESTORE && errval == 0)
		errval = emu_restore_finish(hcp);
	if (hai->hai_action == HSMA_ARCHIVE || hai->hai_action == HSMA_RESTORE)
		hai->hai_fid = hai->hai_dfid;

	hcp->copy.hc_hai.hai_extent = *he;
	hcp->copy.hc_flags = (__u16)hp_flags;
	hcp->copy.hc_errval = (__u16)errval;
	emu_buf_init(&req);
	emu_put_copy(&req, &hcp->copy);
	rc = emu_call_nobody(&hcp->ct->fs, EMU_OP_COPY_END, &req);
	emu_buf_free(&req);
	if (rc > 0)
		rc = 0;

	if (rc == 0 && (hai->hai_action == HSMA_ARCHIVE ||
			hai->hai_action == HSMA_RESTORE ||
			hai->hai_action == HSMA_REMOVE)) {
		enum emu_ct_event ev = errval == 0 ? EMU_CT_FINISH :
				       errval == ECANCELED ? EMU_CT_CANCEL :
							     EMU_CT_ERROR;

		emu_event_action(ev, hai->hai_action, &hai->hai_fid,
				 &hai->hai_dfid, NULL, 0, 0, errval);
	}

	if (hcp->data_fd >= 0)
		close(hcp->data_fd);
	hcp->magic = 0;
	free(hcp);
	*phcp = NULL;
	return rc;
}

int llapi_hsm_action_get_dfid(const struct hsm_copyaction_private *hcp,
			      struct lu_fid *fid)
{
	if (!emu_ca_valid(hcp) || fid == NULL)
		return -EINVAL;
	if (hcp->copy.hc_hai.hai_action != HSMA_ARCHIVE &&
	    hcp->copy.hc_hai.hai_action != HSMA_RESTORE)
		return -EINVAL;
	*fid = hcp->copy.hc_hai.hai_dfid;
	return 0;
}

int llapi_hsm_action_get_fd(const struct hsm_copyaction_private *hcp)
{
	int fd;

	if (!emu_ca_valid(hcp))
		return -EINVAL;
	if (hcp->copy.hc_hai.hai_action != HSMA_ARCHIVE &&
	    hcp->copy.hc_hai.hai_action != HSMA_RESTORE)
		return -EINVAL;
	fd = fcntl(hcp->data_fd, F_DUPFD_CLOEXEC, 0);
	return fd < 0 ? -errno : fd;
}
