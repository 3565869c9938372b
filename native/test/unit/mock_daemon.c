/* In-process mock daemon speaking PROTOCOL.md framing (tests only). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "emu.h"
#include "frames.h"
#include "mock_daemon.h"
#include "t.h"

#define MOCK_MAX_CONN 16

static int read_full(int fd, void *p, size_t n)
{
	uint8_t *c = p;

	while (n > 0) {
		ssize_t r = read(fd, c, n);

		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

static void reply(int fd, int32_t rc, const struct emu_buf *body)
{
	struct emu_buf out;

	emu_buf_init(&out);
	emu_put_u32(&out, (uint32_t)(4 + (body ? body->len : 0)));
	emu_put_u32(&out, (uint32_t)rc);
	if (body != NULL)
		emu_put_bytes(&out, body->data, body->len);
	if (write(fd, out.data, out.len) != (ssize_t)out.len)
		fprintf(stderr, "mock: short reply\n");
	emu_buf_free(&out);
}

/* Handles one request; returns 1 if fd became the event connection. */
static int mock_handle(struct mock *m, int fd, uint32_t op, uint8_t *body,
		       size_t len)
{
	struct emu_rd rd = { .data = body, .len = len };
	struct emu_buf out;
	char path[PATH_MAX];
	int32_t rc = 0;
	int became_event = 0;

	emu_buf_init(&out);
	pthread_mutex_lock(&m->lock);
	m->last_op = op;
	m->last_len = len < sizeof(m->last_body) ? len : sizeof(m->last_body);
	memcpy(m->last_body, body, m->last_len);
	if (op < 64) {
		m->op_len[op] = len < sizeof(m->op_body[op]) ? len :
							     sizeof(m->op_body[op]);
		memcpy(m->op_body[op], body, m->op_len[op]);
	}
	pthread_mutex_unlock(&m->lock);

	switch (op) {
	case EMU_OP_CT_REGISTER: {
		char mnt[PATH_MAX];
		uint32_t count, i;

		emu_get_str(&rd, mnt, sizeof(mnt));
		emu_get_u32(&rd);
		count = emu_get_u32(&rd);
		for (i = 0; i < count && !rd.bad; i++)
			emu_get_u32(&rd);
		pthread_mutex_lock(&m->lock);
		emu_get_str(&rd, m->prev_uuid, sizeof(m->prev_uuid));
		pthread_mutex_unlock(&m->lock);
		if (rd.bad) {
			rc = -EPROTO;
			break;
		}
		emu_put_str(&out, "agent-uuid-1");
		became_event = 1;
		break;
	}
	case EMU_OP_COPY_START:
		snprintf(path, sizeof(path), "%s/fs/file", m->dir);
		emu_put_u64(&out, 42);
		emu_put_str(&out, path);
		break;
	case EMU_OP_PROGRESS: {
		struct hsm_progress hp;

		emu_get_bytes(&rd, &hp, sizeof(hp));
		rc = hp.hp_cookie == 99 ? -ECANCELED : 0;
		break;
	}
	case EMU_OP_CT_UNREGISTER:
	case EMU_OP_COPY_END:
	case EMU_OP_REQUEST:
		break;
	case EMU_OP_FID2PATH:
		emu_put_str(&out, "file");
		emu_put_u32(&out, 0);
		break;
	case EMU_OP_FID_RESOLVE:
		snprintf(path, sizeof(path), "%s/fs/file", m->dir);
		emu_put_str(&out, path);
		break;
	case EMU_OP_STATE_GET: {
		struct hsm_user_state hus;

		memset(&hus, 0, sizeof(hus));
		hus.hus_states = HS_EXISTS | HS_ARCHIVED;
		hus.hus_archive_id = 3;
		emu_put_bytes(&out, &hus, sizeof(hus));
		break;
	}
	case EMU_OP_PATH2FID: {
		struct lu_fid fid = { 0x200000401ULL, 1, 0 };

		emu_put_bytes(&out, &fid, sizeof(fid));
		break;
	}
	case EMU_OP_FID2MDTIDX:
		rc = 2;
		break;
	default:
		rc = -EPROTO;
	}
	/* Counted before the reply: a caller that got its answer sees it. */
	pthread_mutex_lock(&m->lock);
	m->requests++;
	if (became_event && rc == 0) {
		m->event_fd = fd;
		m->registrations++;
	}
	pthread_cond_broadcast(&m->cond);
	if (op != 0 && op == m->stall_op) {
		/* a daemon gone wrong: 64 body bytes announced, none sent */
		uint8_t hdr[8];
		uint32_t blen = 4 + 64;

		m->stall_op = 0; /* once */
		pthread_mutex_unlock(&m->lock);
		memcpy(hdr, &blen, 4);
		memset(hdr + 4, 0, 4);
		if (write(fd, hdr, sizeof(hdr)) != (ssize_t)sizeof(hdr))
			fprintf(stderr, "mock: short stalled reply\n");
		emu_buf_free(&out);
		return 0;
	}
	pthread_mutex_unlock(&m->lock);
	reply(fd, rc, rc < 0 ? NULL : &out);
	emu_buf_free(&out);
	if (became_event && rc == 0 && m->prev_uuid[0] != '\0' &&
	    m->reregister_cookie)
		mock_send_list(m, 1, m->reregister_cookie);
	return became_event && rc == 0;
}

static void *mock_loop(void *arg)
{
	struct mock *m = arg;
	struct pollfd pfd[MOCK_MAX_CONN + 2];
	int conns[MOCK_MAX_CONN], nconn = 0, i;

	for (;;) {
		pfd[0] = (struct pollfd){ .fd = m->stop[0], .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = m->lfd, .events = POLLIN };
		for (i = 0; i < nconn; i++)
			pfd[i + 2] = (struct pollfd){ .fd = conns[i],
						      .events = POLLIN };
		if (poll(pfd, (nfds_t)nconn + 2, -1) < 0)
			continue;
		if (pfd[0].revents)
			break;
		if ((pfd[1].revents & POLLIN) && nconn < MOCK_MAX_CONN) {
			int c = accept(m->lfd, NULL, NULL);

			if (c >= 0)
				conns[nconn++] = c;
		}
		for (i = nconn - 1; i >= 0; i--) {
			uint8_t hdr[12], *body = NULL;
			uint32_t len, op;
			int drop = 0;

			if (!(pfd[i + 2].revents & (POLLIN | POLLHUP)))
				continue;
			if (read_full(conns[i], hdr, 12) < 0) {
				close(conns[i]);
				drop = 1;
			} else {
				len = (uint32_t)hdr[0] | (uint32_t)hdr[1] << 8 |
				      (uint32_t)hdr[2] << 16 | (uint32_t)hdr[3] << 24;
				op = (uint32_t)hdr[4] | (uint32_t)hdr[5] << 8;
				body = malloc(len - 8 + 1);
				if (read_full(conns[i], body, len - 8) < 0) {
					close(conns[i]);
					drop = 1;
				} else if (mock_handle(m, conns[i], op, body,
						       len - 8)) {
					drop = 1; /* event fd: write-only now */
				}
				free(body);
			}
			if (drop)
				conns[i] = conns[--nconn];
		}
	}
	for (i = 0; i < nconn; i++)
		close(conns[i]);
	return NULL;
}

static void mock_listen(struct mock *m)
{
	struct sockaddr_un sa;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, m->sock);
	unlink(m->sock);
	m->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	CHECK(m->lfd >= 0);
	CHECK_INT(bind(m->lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	CHECK_INT(listen(m->lfd, 16), 0);
	CHECK_INT(pipe(m->stop), 0);
	CHECK_INT(pthread_create(&m->th, NULL, mock_loop, m), 0);
}

void mock_start(struct mock *m)
{
	char p[PATH_MAX];
	FILE *f;

	memset(m, 0, sizeof(*m));
	pthread_mutex_init(&m->lock, NULL);
	pthread_cond_init(&m->cond, NULL);
	m->event_fd = -1;
	t_tmpdir(m->dir, sizeof(m->dir));
	snprintf(m->sock, sizeof(m->sock), "%s/state/emulator.sock", m->dir);
	snprintf(p, sizeof(p), "%s/fs", m->dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/fs/.lustre", m->dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/fs/.lustre/fid", m->dir);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/state", m->dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/fs/.lustre/lhsm-emulator.conf", m->dir);
	f = fopen(p, "w");
	fprintf(f, "socket=%s\nfsname=lustre\nfsroot=%s/fs\n", m->sock, m->dir);
	fclose(f);
	snprintf(p, sizeof(p), "%s/fs/file", m->dir);
	f = fopen(p, "w");
	fputs("hello archive", f);
	fclose(f);
	snprintf(p, sizeof(p), "%s/mnt", m->dir);
	CHECK_INT(symlink("fs", p), 0);
	snprintf(p, sizeof(p), "%s/mnt2", m->dir);
	CHECK_INT(symlink("fs", p), 0);
	snprintf(p, sizeof(p), "%s/state/mounts", m->dir);
	f = fopen(p, "w");
	fprintf(f, "%s/mnt agent-uuid-1\n%s/mnt2 agent-uuid-2\n", m->dir, m->dir);
	fclose(f);
	mock_listen(m);
}

void mock_stop(struct mock *m)
{
	if (write(m->stop[1], "x", 1) != 1)
		fprintf(stderr, "mock: cannot stop\n");
	pthread_join(m->th, NULL);
	close(m->stop[0]);
	close(m->stop[1]);
	close(m->lfd);
	unlink(m->sock);
	pthread_mutex_lock(&m->lock);
	if (m->event_fd >= 0)
		close(m->event_fd);
	m->event_fd = -1;
	pthread_mutex_unlock(&m->lock);
}

void mock_restart(struct mock *m)
{
	mock_listen(m);
}

int mock_send_list(struct mock *m, uint32_t archive_id, uint64_t cookie)
{
	__u8 frame[512];
	size_t n = frame_hal(frame, KUC_TRANSPORT_HSM, HMT_ACTION_LIST,
			     archive_id, "lustre", 1, cookie);
	int rc;

	pthread_mutex_lock(&m->lock);
	rc = m->event_fd >= 0 && write(m->event_fd, frame, n) == (ssize_t)n ?
		     0 :
		     -1;
	pthread_mutex_unlock(&m->lock);
	return rc;
}

uint32_t mock_last(struct mock *m, uint8_t *body, size_t *len)
{
	uint32_t op;

	pthread_mutex_lock(&m->lock);
	op = m->last_op;
	memcpy(body, m->last_body, m->last_len);
	*len = m->last_len;
	pthread_mutex_unlock(&m->lock);
	return op;
}

int mock_last_of(struct mock *m, uint32_t op, uint8_t *body, size_t *len)
{
	int seen;

	pthread_mutex_lock(&m->lock);
	seen = op < 64 && m->op_len[op] > 0;
	if (seen) {
		memcpy(body, m->op_body[op], m->op_len[op]);
		*len = m->op_len[op];
	}
	pthread_mutex_unlock(&m->lock);
	return seen;
}

int mock_count(struct mock *m, int *registrations, char *prev, size_t prevsz)
{
	int n;

	pthread_mutex_lock(&m->lock);
	n = m->requests;
	if (registrations != NULL)
		*registrations = m->registrations;
	if (prev != NULL)
		snprintf(prev, prevsz, "%s", m->prev_uuid);
	pthread_mutex_unlock(&m->lock);
	return n;
}
