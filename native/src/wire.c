/* Request/response framing and daemon connections (PROTOCOL.md section 2). */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "emu.h"

void emu_buf_init(struct emu_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void emu_buf_free(struct emu_buf *b)
{
	free(b->data);
	emu_buf_init(b);
}

void emu_put_bytes(struct emu_buf *b, const void *p, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		uint8_t *d;

		while (cap < b->len + n)
			cap *= 2;
		d = realloc(b->data, cap);
		if (d == NULL) {
			b->failed = 1;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
}

void emu_put_u32(struct emu_buf *b, uint32_t v)
{
	uint8_t le[4] = { v, v >> 8, v >> 16, v >> 24 };

	emu_put_bytes(b, le, sizeof(le));
}

void emu_put_u64(struct emu_buf *b, uint64_t v)
{
	emu_put_u32(b, (uint32_t)v);
	emu_put_u32(b, (uint32_t)(v >> 32));
}

void emu_put_str(struct emu_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	emu_put_u32(b, (uint32_t)n);
	emu_put_bytes(b, s, n);
}

static const uint8_t *emu_take(struct emu_rd *r, size_t n)
{
	const uint8_t *p;

	if (r->bad || r->len - r->off < n) {
		r->bad = 1;
		return NULL;
	}
	p = r->data + r->off;
	r->off += n;
	return p;
}

uint32_t emu_get_u32(struct emu_rd *r)
{
	const uint8_t *p = emu_take(r, 4);

	if (p == NULL)
		return 0;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

uint64_t emu_get_u64(struct emu_rd *r)
{
	uint64_t lo = emu_get_u32(r);

	return lo | (uint64_t)emu_get_u32(r) << 32;
}

void emu_get_bytes(struct emu_rd *r, void *out, size_t n)
{
	const uint8_t *p = emu_take(r, n);

	if (p != NULL)
		memcpy(out, p, n);
	else
		memset(out, 0, n);
}

void emu_get_str(struct emu_rd *r, char *out, size_t outsz)
{
	uint32_t n = emu_get_u32(r);
	const uint8_t *p;

	if (outsz > 0)
		out[0] = '\0';
	if (r->bad)
		return;
	p = emu_take(r, n);
	if (p == NULL)
		return;
	if (n >= outsz || memchr(p, '\0', n) != NULL) {
		r->bad = 1;
		return;
	}
	memcpy(out, p, n);
	out[n] = '\0';
}

/* ---- connection ---------------------------------------------------------- */

double emu_reconnect_timeout(void)
{
	const char *s = getenv("LHSM_EMU_RECONNECT_TIMEOUT");
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return 60.0;
	v = strtod(s, &end);
	if (*end != '\0' || v < 0)
		return 60.0;
	return v;
}

double emu_frame_timeout(void)
{
	const char *s = getenv("LHSM_EMU_FRAME_TIMEOUT");
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return 10.0;
	v = strtod(s, &end);
	if (*end != '\0' || v < 0)
		return 10.0;
	return v;
}

static double emu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Back-off between attempts while the daemon is away (library, not tests). */
static void emu_backoff(int attempt)
{
	int ms = attempt < 5 ? 20 << attempt : 500;

	poll(NULL, 0, ms);
}

int emu_connect_once(const struct emu_fs *fs)
{
	struct sockaddr_un sa;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(fs->socket) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	strcpy(sa.sun_path, fs->socket);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int rc = -errno;

		close(fd);
		return rc;
	}
	return fd;
}

/* connect() errors that mean "daemon not there (yet)": worth retrying. */
static int emu_daemon_away(int rc)
{
	return rc == -ENOENT || rc == -ECONNREFUSED || rc == -EAGAIN ||
	       rc == -ECONNRESET;
}

int emu_connect(const struct emu_fs *fs)
{
	double deadline = emu_now() + emu_reconnect_timeout();
	int attempt = 0;

	for (;;) {
		int fd = emu_connect_once(fs);

		if (fd >= 0)
			return fd;
		if (!emu_daemon_away(fd))
			return fd;
		if (emu_now() >= deadline)
			return -ENOTCONN;
		emu_backoff(attempt++);
	}
}

static int emu_write_all(int fd, const void *p, size_t n)
{
	const uint8_t *c = p;

	while (n > 0) {
		ssize_t w = send(fd, c, n, MSG_NOSIGNAL);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * Reads n bytes of something that has begun arriving (the rest of a frame or
 * of a response): waits with poll() so that a non-blocking descriptor still
 * yields whole messages, but only for LHSM_EMU_FRAME_TIMEOUT seconds, so a
 * sender that stops half-way (a daemon gone wrong) gives -EPROTO, not a read
 * that never returns and cannot be woken.  -EPIPE on EOF.
 */
int emu_read_within(int fd, void *buf, size_t n)
{
	uint8_t *p = buf;
	double deadline = emu_now() + emu_frame_timeout();

	while (n > 0) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		double left = deadline - emu_now();
		ssize_t r;
		int rc;

		/* poll first: on a blocking descriptor read() would wait for ever */
		rc = poll(&pfd, 1, left <= 0 ? 0 : (int)(left * 1000) + 1);
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (rc == 0)
			return -EPROTO;
		r = read(fd, p, n);
		if (r > 0) {
			p += r;
			n -= (size_t)r;
			continue;
		}
		if (r == 0)
			return -EPIPE;
		if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
			continue;
		return errno == ECONNRESET ? -EPIPE : -errno;
	}
	return 0;
}

static int emu_read_all(int fd, void *p, size_t n)
{
	uint8_t *c = p;

	while (n > 0) {
		ssize_t r = read(fd, c, n);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (r == 0)
			return -EPIPE;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

int emu_exchange(int fd, uint32_t op, const struct emu_buf *req,
		 uint8_t **body, size_t *body_len)
{
	struct emu_buf head;
	struct emu_rd rd;
	uint8_t hdr[8];
	size_t n = req ? req->len : 0;
	uint32_t len;
	int32_t rc;
	int err;

	if (body != NULL)
		*body = NULL;
	if (body_len != NULL)
		*body_len = 0;
	if (req != NULL && req->failed)
		return -ENOMEM;

	emu_buf_init(&head);
	emu_put_u32(&head, (uint32_t)(8 + n));
	emu_put_u32(&head, op);
	emu_put_u32(&head, 0);
	if (n > 0)
		emu_put_bytes(&head, req->data, n);
	if (head.failed) {
		emu_buf_free(&head);
		return -ENOMEM;
	}
	err = emu_write_all(fd, head.data, head.len);
	emu_buf_free(&head);
	if (err < 0)
		return -EPIPE;

	err = emu_read_all(fd, hdr, sizeof(hdr));
	if (err < 0)
		return -EPIPE;
	rd = (struct emu_rd){ .data = hdr, .len = sizeof(hdr) };
	len = emu_get_u32(&rd);
	rc = (int32_t)emu_get_u32(&rd);
	if (len < 4 || len - 4 > EMU_MAX_FRAME)
		return -EPROTO;
	n = len - 4;
	if (n > 0) {
		uint8_t *b = malloc(n);

		if (b == NULL)
			return -ENOMEM;
		/* the header came: the rest follows at once from a sane daemon */
		err = emu_read_within(fd, b, n);
		if (err < 0 || rc < 0 || body == NULL) {
			free(b);
			if (err < 0)
				return err == -EPROTO ? -EPROTO : -EPIPE;
		} else {
			*body = b;
			if (body_len != NULL)
				*body_len = n;
		}
	}
	return rc;
}

/*
 * A fresh connection per call: begin/progress/end may run concurrently from
 * several threads, and a daemon restart only costs the call in flight.  A
 * request whose connection broke before the answer is sent again (the
 * daemon restarted; real ptlrpc resends too).
 */
int emu_call(const struct emu_fs *fs, uint32_t op, const struct emu_buf *req,
	     uint8_t **body, size_t *body_len)
{
	double deadline = emu_now() + emu_reconnect_timeout();
	int attempt = 0;

	for (;;) {
		int fd = emu_connect_once(fs);
		int rc;

		if (fd >= 0) {
			rc = emu_exchange(fd, op, req, body, body_len);
			close(fd);
			if (rc != -EPIPE)
				return rc;
		} else if (!emu_daemon_away(fd)) {
			return fd;
		}
		if (emu_now() >= deadline)
			return -ENOTCONN;
		emu_backoff(attempt++);
	}
}

int emu_call_nobody(const struct emu_fs *fs, uint32_t op,
		    const struct emu_buf *req)
{
	return emu_call(fs, op, req, NULL, NULL);
}
