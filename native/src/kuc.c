/* Reading KUC frames from the copytool's event connection (ABI spec 6). */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "emu.h"

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
	rc = emu_read_within(fd, p + r, sizeof(*kuch) - (size_t)r);
	if (rc < 0)
		return rc;

	if (kuch->kuc_magic != KUC_MAGIC)
		return -EPROTO;
	if (kuch->kuc_msglen < sizeof(*kuch))
		return -EPROTO;
	if (kuch->kuc_msglen > bufsize)
		return -EMSGSIZE;
	rc = emu_read_within(fd, p + sizeof(*kuch),
			     kuch->kuc_msglen - sizeof(*kuch));
	if (rc < 0)
		return rc;
	*msglen = kuch->kuc_msglen;
	return 0;
}
