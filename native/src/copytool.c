/* Copytool registration and reception (ABI spec 5.1, PROTOCOL.md 4). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ct_private.h"

#define EMU_RECV_BUF (HAL_MAXSIZE + sizeof(struct kuc_hdr))

static struct hsm_copytool_private *emu_cts;
static pthread_mutex_t emu_cts_lock = PTHREAD_MUTEX_INITIALIZER;

static int emu_ct_valid(const struct hsm_copytool_private *ct)
{
	return ct != NULL && ct->magic == EMU_CT_MAGIC;
}

const struct emu_fs *emu_ct_fs(const struct hsm_copytool_private *ct)
{
	return &ct->fs;
}

struct hsm_copytool_private *emu_ct_new(int fd, const char *mnt,
					const struct emu_fs *fs,
					int archive_count, const int *archives,
					const char *agent_uuid)
{
	struct hsm_copytool_private *ct = calloc(1, sizeof(*ct));

	if (ct == NULL)
		return NULL;
	ct->magic = EMU_CT_MAGIC;
	ct->fd = fd;
	ct->mnt_fd = -1;
	ct->fid_fd = -1;
	ct->mnt = strdup(mnt);
	ct->buf = malloc(EMU_RECV_BUF);
	if (archive_count > 0) {
		ct->archives = calloc((size_t)archive_count, sizeof(int));
		if (ct->archives != NULL) {
			memcpy(ct->archives, archives,
			       (size_t)archive_count * sizeof(int));
			ct->archive_count = archive_count;
		}
	}
	if (fs != NULL)
		ct->fs = *fs;
	snprintf(ct->uuid, sizeof(ct->uuid), "%s", agent_uuid);
	if (ct->mnt == NULL || ct->buf == NULL ||
	    (archive_count > 0 && ct->archives == NULL)) {
		ct->fd = -1;
		emu_ct_free(ct);
		return NULL;
	}
	pthread_mutex_lock(&emu_cts_lock);
	ct->next = emu_cts;
	emu_cts = ct;
	pthread_mutex_unlock(&emu_cts_lock);
	return ct;
}

void emu_ct_free(struct hsm_copytool_private *ct)
{
	struct hsm_copytool_private **pp;

	pthread_mutex_lock(&emu_cts_lock);
	for (pp = &emu_cts; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == ct) {
			*pp = ct->next;
			break;
		}
	}
	pthread_mutex_unlock(&emu_cts_lock);
	if (ct->fd >= 0)
		close(ct->fd);
	if (ct->mnt_fd >= 0)
		close(ct->mnt_fd);
	if (ct->fid_fd >= 0)
		close(ct->fid_fd);
	ct->magic = 0;
	free(ct->mnt);
	free(ct->archives);
	free(ct->buf);
	free(ct);
}

int emu_ct_cached_uuid(const char *mnt, char *buf, size_t bufsize)
{
	struct hsm_copytool_private *ct;
	int rc = -ENOENT;

	pthread_mutex_lock(&emu_cts_lock);
	for (ct = emu_cts; ct != NULL; ct = ct->next) {
		if (strcmp(ct->mnt, mnt) == 0) {
			rc = snprintf(buf, bufsize, "%s", ct->uuid) <
					     (int)bufsize ?
				     0 :
				     -EOVERFLOW;
			break;
		}
	}
	pthread_mutex_unlock(&emu_cts_lock);
	return rc;
}

/*
 * Opens a connection and registers on it; returns the event fd or -errno.
 * Retried (also when the daemon drops the connection mid-way) until the
 * reconnect timeout.
 */
static int emu_register_conn(const struct emu_fs *fs, const char *mnt,
			     int count, const int *ids, const char *prev,
			     char *uuid, size_t uuidsz)
{
	struct emu_buf req;
	int i, attempts = 0, garbled = 0, rc;

	emu_buf_init(&req);
	emu_put_str(&req, mnt);
	emu_put_u32(&req, (__u32)getpid());
	emu_put_u32(&req, (__u32)count);
	for (i = 0; i < count; i++)
		emu_put_u32(&req, (__u32)ids[i]);
	emu_put_str(&req, prev);

	for (;;) {
		int fd = emu_connect(fs);
		uint8_t *body = NULL;
		size_t len = 0;

		if (fd < 0) {
			rc = fd;
			break;
		}
		rc = emu_exchange(fd, EMU_OP_CT_REGISTER, &req, &body, &len);
		if (rc >= 0) {
			struct emu_rd rd = { .data = body, .len = len };

			emu_get_str(&rd, uuid, uuidsz);
			free(body);
			if (rd.bad) {
				close(fd);
				rc = -EPROTO;
				break;
			}
			rc = fd;
			break;
		}
		close(fd);
		/*
		 * Daemon went away between connect and answer, or the answer
		 * was garbled (not a response, or one that stopped half-way,
		 * each costing up to the frame timeout): a fresh connection
		 * may fare better.
		 */
		if (rc == -EPROTO) {
			if (++garbled > 3)
				break;
		} else if (rc != -EPIPE || ++attempts > 100) {
			break;
		}
	}
	emu_buf_free(&req);
	return rc == -EPIPE ? -ENOTCONN : rc;
}

int llapi_hsm_copytool_register(struct hsm_copytool_private **priv,
				const char *mnt, int archive_count,
				int *archives, int rfd_flags)
{
	struct hsm_copytool_private *ct;
	char norm[PATH_MAX], rp[PATH_MAX], fidpath[PATH_MAX + 16];
	char uuid[UUID_MAX + 1];
	struct emu_fs fs;
	int i, rc, fd, mnt_fd, fid_fd, count = archive_count;

	if (priv == NULL || mnt == NULL || archive_count < 0 ||
	    (archive_count > 0 && archives == NULL))
		return -EINVAL;
	for (i = 0; i < archive_count; i++) {
		if (archives[i] < 0) {
			llapi_error(LLAPI_MSG_ERROR, EINVAL,
				    "%d requested archive id is invalid",
				    archives[i]);
			return -EINVAL;
		}
		if (archives[i] == 0)
			count = 0; /* 0 among the ids: serve every archive */
	}

	rc = emu_normalise(mnt, norm, sizeof(norm));
	if (rc < 0)
		return rc;
	mnt_fd = open(norm, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (mnt_fd < 0) {
		rc = -errno;
		llapi_error(LLAPI_MSG_ERROR, -rc, "cannot open '%s'", norm);
		return rc;
	}
	snprintf(fidpath, sizeof(fidpath), "%s/.lustre/fid", norm);
	fid_fd = open(fidpath, O_RDONLY | O_CLOEXEC);
	if (fid_fd < 0) {
		rc = -errno;
		llapi_error(LLAPI_MSG_ERROR, -rc, "cannot open '%s'", fidpath);
		close(mnt_fd);
		return rc;
	}
	rc = emu_resolve(norm, 1, 0, rp, &fs);
	if (rc < 0) {
		rc = rc == -ENODEV ? -ENOTTY : rc;
		goto out_close;
	}

	fd = emu_register_conn(&fs, norm, count, archives, "", uuid,
			       sizeof(uuid));
	if (fd < 0) {
		rc = fd;
		llapi_error(LLAPI_MSG_ERROR, -rc,
			    "cannot start copytool interface on '%s'", norm);
		goto out_close;
	}
	if (fcntl(fd, F_SETFL, rfd_flags) < 0) {
		rc = -errno;
		close(fd);
		goto out_close;
	}
	ct = emu_ct_new(fd, norm, &fs, count, archives, uuid);
	if (ct == NULL) {
		close(fd);
		rc = -ENOMEM;
		goto out_close;
	}
	ct->mnt_fd = mnt_fd;
	ct->fid_fd = fid_fd;
	ct->rfd_flags = rfd_flags;
	emu_event_registration("REGISTER", count, norm, uuid);
	*priv = ct;
	return 0;

out_close:
	close(fid_fd);
	close(mnt_fd);
	return rc;
}

int llapi_hsm_copytool_unregister(struct hsm_copytool_private **priv)
{
	struct hsm_copytool_private *ct;
	struct emu_buf req;
	int fd;

	if (priv == NULL || !emu_ct_valid(*priv))
		return -EINVAL;
	ct = *priv;

	/* One attempt: if the daemon is gone, the closed event connection
	 * tells it the same thing when it comes back. */
	emu_buf_init(&req);
	emu_put_str(&req, ct->uuid);
	fd = emu_connect_once(&ct->fs);
	if (fd >= 0) {
		emu_exchange(fd, EMU_OP_CT_UNREGISTER, &req, NULL, NULL);
		close(fd);
	}
	emu_buf_free(&req);

	emu_event_registration("UNREGISTER", ct->archive_count, ct->mnt,
			       ct->uuid);
	emu_ct_free(ct);
	*priv = NULL;
	return 0;
}

int llapi_hsm_copytool_get_fd(struct hsm_copytool_private *ct)
{
	if (!emu_ct_valid(ct))
		return -EINVAL;
	return ct->fd;
}

/* Daemon restart: register again under the same agent UUID, same fd. */
static int emu_ct_reconnect(struct hsm_copytool_private *ct)
{
	char uuid[UUID_MAX + 1];
	int fd;

	fd = emu_register_conn(&ct->fs, ct->mnt, ct->archive_count,
			       ct->archives, ct->uuid, uuid, sizeof(uuid));
	if (fd < 0)
		return fd;
	if (fcntl(fd, F_SETFL, ct->rfd_flags) < 0 ||
	    dup3(fd, ct->fd, O_CLOEXEC) < 0) {
		int rc = -errno;

		close(fd);
		return rc;
	}
	close(fd);
	snprintf(ct->uuid, sizeof(ct->uuid), "%s", uuid);
	llapi_error(LLAPI_MSG_INFO | LLAPI_MSG_NO_ERRNO, 0,
		    "copytool on '%s' registered again after daemon restart",
		    ct->mnt);
	return 0;
}

static int emu_ct_wants(const struct hsm_copytool_private *ct, __u32 id)
{
	int i;

	if (ct->archive_count == 0)
		return 1;
	for (i = 0; i < ct->archive_count; i++)
		if ((__u32)ct->archives[i] == id)
			return 1;
	return 0;
}

int llapi_hsm_copytool_recv(struct hsm_copytool_private *ct,
			    struct hsm_action_list **halh, int *msgsize)
{
	if (halh != NULL)
		*halh = NULL;
	if (msgsize != NULL)
		*msgsize = 0;
	if (!emu_ct_valid(ct) || halh == NULL || msgsize == NULL)
		return -EINVAL;

	for (;;) {
		struct kuc_hdr *kuch = (struct kuc_hdr *)ct->buf;
		struct hsm_action_list *hal;
		size_t len;
		int rc;

		rc = emu_kuc_read(ct->fd, ct->buf, EMU_RECV_BUF, &len);
		if (rc == -EPIPE) {
			rc = emu_ct_reconnect(ct);
			if (rc < 0)
				return rc;
			continue;
		}
		if (rc == -EPROTO || rc == -EMSGSIZE) {
			/*
			 * A frame that is not one (bad magic or length, or
			 * one that stopped half-way): the rest of the stream
			 * cannot be trusted to start at a frame boundary, so
			 * the event connection is replaced, as after a daemon
			 * restart, and the error reported for this call.
			 */
			int r2 = emu_ct_reconnect(ct);

			if (r2 < 0)
				llapi_error(LLAPI_MSG_WARN, -r2,
					    "malformed message on the event connection of '%s'; cannot register again",
					    ct->mnt);
			else
				llapi_error(LLAPI_MSG_WARN, -rc,
					    "malformed message on the event connection of '%s': registered again",
					    ct->mnt);
			return rc;
		}
		if (rc < 0)
			return rc;

		if (kuch->kuc_transport == KUC_TRANSPORT_GENERIC &&
		    kuch->kuc_msgtype == KUC_MSG_SHUTDOWN)
			return -ESHUTDOWN;
		if (kuch->kuc_transport != KUC_TRANSPORT_GENERIC &&
		    kuch->kuc_transport != KUC_TRANSPORT_HSM)
			continue; /* another transport: not for us */
		if (kuch->kuc_transport != KUC_TRANSPORT_HSM ||
		    kuch->kuc_msgtype != HMT_ACTION_LIST ||
		    len - sizeof(*kuch) < sizeof(*hal))
			return -EPROTO;

		hal = (struct hsm_action_list *)(kuch + 1);
		if (!emu_ct_wants(ct, hal->hal_archive_id))
			continue;
		*halh = hal;
		*msgsize = (int)(len - sizeof(*kuch));
		return 0;
	}
}
