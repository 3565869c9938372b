/*
 * Fuzz of the emulation library's receive path (campaign "fuzz", part "kuc"): a fake coordinator
 * daemon on the emulator's socket feeds llapi_hsm_copytool_recv() random and mutated KUC frames,
 * each followed by a valid "sentinel" list; every recv must end with 0 or a typed error, never a
 * crash, a hang or an out-of-bounds access (built with -fsanitize=address,undefined), and the
 * sentinel must come through after every bad frame: the copytool keeps serving valid lists.
 *
 *   kuc-fuzz SEED COUNT [FIRST]     prints "N passed, N failed" and the figures; exit 1 on failures
 *
 * Frame i uses the seed SEED ^ (i * golden), so "kuc-fuzz SEED 1 I" replays frame I alone.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "lhsm_hsm_abi.h"
#include "lhsm_lustreapi.h"

#define OP_CT_REGISTER 10
#define OP_CT_UNREGISTER 11
#define MAX_FRAME 70000

static char dir[256], sock_path[300], mnt[300];
static int listen_fd = -1;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int event_fd = -1;
static int registrations;
static unsigned long long current_frame;

/* ---------------------------------------------------------------- rng */
static uint64_t rng;
static uint64_t next64(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}
static uint32_t below(uint32_t n)
{
	return n == 0 ? 0 : (uint32_t)(next64() % n);
}

/* ---------------------------------------------------------------- fake daemon */
static int read_all(int fd, void *p, size_t n)
{
	uint8_t *c = p;

	while (n > 0) {
		ssize_t r = read(fd, c, n);

		if (r <= 0) {
			if (r < 0 && errno == EINTR)
				continue;
			return -1;
		}
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

static int write_all(int fd, const void *p, size_t n)
{
	const uint8_t *c = p;

	while (n > 0) {
		ssize_t w = send(fd, c, n, MSG_NOSIGNAL);

		if (w <= 0) {
			if (w < 0 && errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

/* One request per connection: CT_REGISTER makes it the event connection. */
static void *daemon_loop(void *arg)
{
	(void)arg;
	for (;;) {
		int fd = accept(listen_fd, NULL, NULL);
		uint8_t hdr[12], *body, reply[64];
		uint32_t len, op;
		const char *uuid = "fuzz-agent-uuid";
		size_t n;

		if (fd < 0) {
			if (errno == EINTR)
				continue;
			return NULL;
		}
		if (read_all(fd, hdr, sizeof(hdr)) < 0) {
			close(fd);
			continue;
		}
		len = hdr[0] | hdr[1] << 8 | hdr[2] << 16 | (uint32_t)hdr[3] << 24;
		op = hdr[4] | hdr[5] << 8 | hdr[6] << 16 | (uint32_t)hdr[7] << 24;
		if (len < 8 || len > (1u << 20)) {
			close(fd);
			continue;
		}
		body = malloc(len - 8 + 1);
		if (body == NULL || read_all(fd, body, len - 8) < 0) {
			free(body);
			close(fd);
			continue;
		}
		free(body);
		if (op == OP_CT_REGISTER) {
			n = strlen(uuid);
			put32(reply, (uint32_t)(4 + 4 + n));
			put32(reply + 4, 0);
			put32(reply + 8, (uint32_t)n);
			memcpy(reply + 12, uuid, n);
			/* published before the answer: once register returns, frames go here */
			pthread_mutex_lock(&lock);
			if (event_fd >= 0)
				close(event_fd);
			event_fd = fd;
			registrations++;
			pthread_cond_broadcast(&cond);
			pthread_mutex_unlock(&lock);
			write_all(fd, reply, 12 + n);
			continue;
		}
		put32(reply, 4);
		put32(reply + 4, op == OP_CT_UNREGISTER ? 0 : (uint32_t)-ENOENT);
		write_all(fd, reply, 8);
		close(fd);
	}
}

static void setup(void)
{
	char p[600];
	struct sockaddr_un sa;
	FILE *f;
	pthread_t th;

	snprintf(dir, sizeof(dir), "/tmp/kuc-fuzz-XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	snprintf(p, sizeof(p), "%s/fs", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/fs/.lustre", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/fs/.lustre/fid", dir);
	mkdir(p, 0700);
	snprintf(sock_path, sizeof(sock_path), "%s/sock", dir);
	snprintf(p, sizeof(p), "%s/fs/.lustre/lhsm-emulator.conf", dir);
	f = fopen(p, "w");
	fprintf(f, "socket=%s\nfsname=fuzz\nfsroot=%s/fs\n", sock_path, dir);
	fclose(f);
	snprintf(mnt, sizeof(mnt), "%s/mnt", dir);
	if (symlink("fs", mnt) < 0) {
		perror("symlink");
		exit(2);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(sock_path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "kuc-fuzz: %s too long\n", sock_path);
		exit(2);
	}
	memcpy(sa.sun_path, sock_path, strlen(sock_path) + 1);
	listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(listen_fd, 16) < 0) {
		perror("listen");
		exit(2);
	}
	pthread_create(&th, NULL, daemon_loop, NULL);
	pthread_detach(th);
}

static void teardown(void)
{
	char p[600];

	snprintf(p, sizeof(p), "%s/mnt", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/fs/.lustre/lhsm-emulator.conf", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/fs/.lustre/fid", dir);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/fs/.lustre", dir);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/fs", dir);
	rmdir(p);
	unlink(sock_path);
	rmdir(dir);
}

/* ---------------------------------------------------------------- frames */
/* A valid list frame (KUC header + hal + items); returns its length. */
static size_t valid_frame(uint8_t *f, uint64_t cookie0, int count)
{
	struct kuc_hdr *k = (struct kuc_hdr *)f;
	struct hsm_action_list *hal = (struct hsm_action_list *)(f + sizeof(*k));
	size_t off = sizeof(*k) + sizeof(*hal);
	int i;

	memset(f, 0, MAX_FRAME);
	hal->hal_version = HAL_VERSION;
	hal->hal_count = (__u32)count;
	hal->hal_compound_id = next64();
	hal->hal_flags = below(4) == 0 ? next64() : 0;
	hal->hal_archive_id = 1 + below(3);
	memcpy(f + off, "fuzz", 5);
	off += 8;
	for (i = 0; i < count; i++) {
		struct hsm_action_item *hai = (struct hsm_action_item *)(f + off);
		uint32_t data = below(4) == 0 ? below(64) : 0;

		hai->hai_len = (__u32)(sizeof(*hai) + data);
		hai->hai_action = HSMA_ARCHIVE + below(4);
		hai->hai_fid.f_seq = 0x200000400ULL + below(100);
		hai->hai_fid.f_oid = (__u32)next64();
		hai->hai_dfid = hai->hai_fid;
		hai->hai_extent.offset = 0;
		hai->hai_extent.length = ~0ULL;
		hai->hai_cookie = cookie0 + (uint64_t)i;
		hai->hai_gid = 0;
		off += (hai->hai_len + 7) & ~7u;
	}
	k->kuc_magic = KUC_MAGIC;
	k->kuc_transport = KUC_TRANSPORT_HSM;
	k->kuc_flags = 0;
	k->kuc_msgtype = HMT_ACTION_LIST;
	k->kuc_msglen = (__u16)off;
	return off;
}

static const uint32_t interesting[] = { 0, 1, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000,
					0x7fffffff, 0x80000000u, 0xfffffff8u, 0xffffffffu };

/* Mutates a valid frame; returns the length to send. */
static size_t mutate(uint8_t *f, size_t n, int *kind)
{
	uint32_t v;
	size_t at;
	int i, rounds;

	*kind = (int)below(9);
	switch (*kind) {
	case 0: /* bit flips */
		rounds = 1 + (int)below(8);
		for (i = 0; i < rounds; i++)
			f[below((uint32_t)n)] ^= (uint8_t)(1u << below(8));
		return n;
	case 1: /* an interesting 32-bit value at a random aligned offset */
		at = (below((uint32_t)(n / 4))) * 4;
		v = interesting[below(sizeof(interesting) / sizeof(interesting[0]))];
		memcpy(f + at, &v, 4);
		return n;
	case 2: /* header fields */
		v = interesting[below(sizeof(interesting) / sizeof(interesting[0]))];
		switch (below(5)) {
		case 0: ((struct kuc_hdr *)f)->kuc_magic = (__u16)v; break;
		case 1: ((struct kuc_hdr *)f)->kuc_transport = (__u8)v; break;
		case 2: ((struct kuc_hdr *)f)->kuc_msgtype = (__u16)v; break;
		case 3: ((struct kuc_hdr *)f)->kuc_msglen = (__u16)v; break;
		default: ((struct kuc_hdr *)f)->kuc_msglen = (__u16)(n - below(16)); break;
		}
		return n;
	case 3: /* hal fields */
		v = interesting[below(sizeof(interesting) / sizeof(interesting[0]))];
		memcpy(f + sizeof(struct kuc_hdr) + (below(2) ? 0 : 4), &v, 4);
		return n;
	case 4: /* the first item's hai_len */
		if (n >= sizeof(struct kuc_hdr) + sizeof(struct hsm_action_list) + 8 + 4) {
			v = interesting[below(sizeof(interesting) / sizeof(interesting[0]))];
			memcpy(f + sizeof(struct kuc_hdr) + sizeof(struct hsm_action_list) + 8, &v, 4);
		}
		return n;
	case 5: /* truncated: fewer bytes than kuc_msglen says */
		return n > 1 ? 1 + below((uint32_t)(n - 1)) : n;
	case 6: /* random bytes, a random length */
		n = below(600);
		for (at = 0; at < n; at++)
			f[at] = (uint8_t)next64();
		return n;
	case 7: /* the fsname without its NUL */
		memset(f + sizeof(struct kuc_hdr) + sizeof(struct hsm_action_list), 'x', 8);
		return n;
	default: /* a shutdown or another transport's frame */
		((struct kuc_hdr *)f)->kuc_transport = below(2) ? KUC_TRANSPORT_GENERIC : 7;
		((struct kuc_hdr *)f)->kuc_msgtype = below(2) ? KUC_MSG_SHUTDOWN : 3;
		return n;
	}
}

/* ---------------------------------------------------------------- checks */
static volatile sig_atomic_t in_recv;

static void on_alarm(int sig)
{
	static const char msg[] = "kuc-fuzz: HANG: recv did not return within the watchdog\n";

	(void)sig;
	if (in_recv) {
		(void)!write(2, msg, sizeof(msg) - 1);
		fprintf(stderr, "kuc-fuzz: frame %llu\n", current_frame);
		_exit(3);
	}
}

/* Walks the list as a careful copytool does; returns the cookie of its first item, 0 if none. */
static uint64_t walk(struct hsm_action_list *hal, int msgsize, int *bad)
{
	const uint8_t *base = (const uint8_t *)hal, *end = base + msgsize;
	size_t fslen;
	const uint8_t *p;
	uint64_t first = 0;
	unsigned int i;

	*bad = 0;
	if (msgsize < (int)sizeof(*hal)) {
		*bad = 1;
		return 0;
	}
	p = memchr(hal->hal_fsname, 0, (size_t)(end - (const uint8_t *)hal->hal_fsname));
	if (p == NULL)
		return 0;
	fslen = (size_t)(p - (const uint8_t *)hal->hal_fsname);
	p = base + ((sizeof(*hal) + fslen + 1 + 7) & ~(size_t)7);
	for (i = 0; i < hal->hal_count && i < 10000; i++) {
		const struct hsm_action_item *hai = (const void *)p;

		if (p + sizeof(*hai) > end || hai->hai_len < sizeof(*hai) ||
		    hai->hai_len > (size_t)(end - p))
			break;
		if (i == 0)
			first = hai->hai_cookie;
		p += (hai->hai_len + 7) & ~7u;
	}
	return first;
}

static int allowed(int rc)
{
	return rc == 0 || rc == -EPROTO || rc == -EMSGSIZE || rc == -ESHUTDOWN ||
	       rc == -EAGAIN || rc == -ENOTCONN || rc == -EINTR;
}

static int send_on_event(const uint8_t *f, size_t n)
{
	int fd, rc;

	pthread_mutex_lock(&lock);
	fd = event_fd;
	pthread_mutex_unlock(&lock);
	if (fd < 0)
		return -1;
	rc = write_all(fd, f, n);
	return rc;
}

int main(int argc, char **argv)
{
	static uint8_t frame[MAX_FRAME], sentinel[MAX_FRAME];
	struct hsm_copytool_private *ct = NULL;
	unsigned long long seed, count, first = 0, i;
	unsigned long passed = 0, failed = 0, by_rc[8] = { 0 }, reconnects0, shutdowns = 0;
	unsigned long kinds[9] = { 0 };
	struct sigaction sa;
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: kuc-fuzz SEED COUNT [FIRST]\n");
		return 2;
	}
	seed = strtoull(argv[1], NULL, 0);
	count = strtoull(argv[2], NULL, 0);
	if (argc > 3)
		first = strtoull(argv[3], NULL, 0);
	setenv("LHSM_EMU_RECONNECT_TIMEOUT", "5", 0);
	setenv("LHSM_EMU_FRAME_TIMEOUT", "0.2", 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	setup();
	llapi_msg_set_level(LLAPI_MSG_OFF);
	rc = llapi_hsm_copytool_register(&ct, mnt, 0, NULL, 0);
	if (rc < 0) {
		fprintf(stderr, "kuc-fuzz: register: %d\n", rc);
		return 2;
	}
	reconnects0 = (unsigned long)registrations;
	for (i = first; i < first + count; i++) {
		int kind, attempts, got = 0, problem = 0;
		size_t n, sn;
		uint64_t cookie = 0x5e000000ULL + i;

		current_frame = i;
		rng = seed ^ (i * 0x9E3779B97F4A7C15ULL);
		n = valid_frame(frame, 1000 + i * 16, (int)below(5));
		n = mutate(frame, n, &kind);
		kinds[kind]++;
		sn = valid_frame(sentinel, cookie, 1);
		if (getenv("KUC_FUZZ_DEBUG") != NULL)
			fprintf(stderr, "frame %llu kind %d length %zu\n", i, kind, n);
		send_on_event(frame, n);
		send_on_event(sentinel, sn);
		for (attempts = 0; attempts < 8 && !got; attempts++) {
			struct hsm_action_list *hal = NULL;
			int msgsize = 0, bad;
			uint64_t c;

			if (attempts > 0) {
				/* the sentinel may have been swallowed by a frame that claimed
				 * more bytes than it had: nothing pending means send it again */
				struct pollfd pfd = { .fd = llapi_hsm_copytool_get_fd(ct),
						      .events = POLLIN };

				if (poll(&pfd, 1, 100) == 0)
					send_on_event(sentinel, sn);
			}
			in_recv = 1;
			alarm(10);
			rc = llapi_hsm_copytool_recv(ct, &hal, &msgsize);
			alarm(0);
			if (getenv("KUC_FUZZ_DEBUG") != NULL)
				fprintf(stderr, "  recv %d size %d\n", rc, msgsize);
			in_recv = 0;
			by_rc[rc == 0 ? 0 : rc == -EPROTO ? 1 : rc == -EMSGSIZE ? 2 : rc == -ESHUTDOWN ? 3 :
			      rc == -EAGAIN ? 4 : 5]++;
			if (!allowed(rc)) {
				fprintf(stderr, "kuc-fuzz: frame %llu (kind %d): recv returned %d\n",
					i, kind, rc);
				problem = 1;
				break;
			}
			if (rc == -ESHUTDOWN)
				shutdowns++;
			if (rc < 0) {
				/* a reconnect lost what was queued on the old connection */
				int regs;

				pthread_mutex_lock(&lock);
				regs = registrations;
				pthread_mutex_unlock(&lock);
				if (regs > (int)reconnects0) {
					reconnects0 = (unsigned long)regs;
					send_on_event(sentinel, sn);
				}
				continue;
			}
			if (hal == NULL || msgsize <= 0 || msgsize > MAX_FRAME) {
				fprintf(stderr, "kuc-fuzz: frame %llu: rc 0 with hal %p size %d\n", i,
					(void *)hal, msgsize);
				problem = 1;
				break;
			}
			c = walk(hal, msgsize, &bad);
			if (c == cookie)
				got = 1;
		}
		if (!got && !problem) {
			fprintf(stderr, "kuc-fuzz: frame %llu (kind %d): the valid list after it never came"
				" through\n", i, kind);
			problem = 1;
		}
		if (problem) {
			failed++;
			fprintf(stderr, "kuc-fuzz: replay: kuc-fuzz 0x%llx 1 %llu\n", seed, i);
			if (failed > 20)
				break;
		} else {
			passed++;
		}
	}
	llapi_hsm_copytool_unregister(&ct);
	printf("kuc: %lu passed, %lu failed\n", passed, failed);
	printf("  recv results: ok %lu, EPROTO %lu, EMSGSIZE %lu, ESHUTDOWN %lu, EAGAIN %lu, other %lu\n",
	       by_rc[0], by_rc[1], by_rc[2], by_rc[3], by_rc[4], by_rc[5]);
	printf("  registrations (1 + reconnects) %d\n", registrations);
	printf("  mutations: flips %lu, values %lu, kuc header %lu, hal %lu, hai_len %lu, truncated %lu,"
	       " random %lu, fsname %lu, other transport %lu\n",
	       kinds[0], kinds[1], kinds[2], kinds[3], kinds[4], kinds[5], kinds[6], kinds[7], kinds[8]);
	(void)shutdowns;
	teardown();
	return failed == 0 ? 0 : 1;
}
