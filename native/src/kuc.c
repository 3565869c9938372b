/* Reading KUC frames from the copytool's event connection (ABI spec 6). */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "emu.h"

static double emu_kuc_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Completes a partially received frame: waits with poll() so that a
 * non-blocking descriptor still yields whole messages (as master does), but
 * only for LHSM_EMU_FRAME_TIMEOUT seconds: a sender that stops in the middle
 * of a frame (a daemon gone wrong) makes it -EPROTO, not a receive that never
 * returns and cannot be woken.
 */
static int emu_read_rest(int fd, uint8_t *p, size_t n)
{
	double deadline = emu_kuc_now() + emu_frame_timeout();

	while (n > 0) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		double left = deadline - emu_kuc_now();
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

int emu_kuc_read(int fd, void *buf, size_t bufsize, size_t *msglen)
{
	struct kuc_hdr *kuch = buf;
	uint8_t *p = buf;
	ssize_t r;
	int rc;

	*msglen = 0;
	if (bufsize < sizeof(*kuch))
		return -EMSGSIZE;
	do {
		r = read(fd, p, sizeof(*kuch));
	} while (r < 0 && errno == EINTR);
	if (r < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return -EAGAIN;
		return errno == ECONNRESET ? -EPIPE : -errno;
	}
	if (r == 0)
		return -EPIPE;
	rc = emu_read_rest(fd, p + r, sizeof(*kuch) - (size_t)r);
	if (rc < 0)
		return rc;

	if (kuch->kuc_magic != KUC_MAGIC)
		return -EPROTO;
	if (kuch->kuc_msglen < sizeof(*kuch))
		return -EPROTO;
	if (kuch->kuc_msglen > bufsize)
		return -EMSGSIZE;
	rc = emu_read_rest(fd, p + sizeof(*kuch),
			   kuch->kuc_msglen - sizeof(*kuch));
	if (rc < 0)
		return rc;
	*msglen = kuch->kuc_msglen;
	return 0;
}
