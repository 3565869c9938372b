/*
 * hsm-api-client: exercises one file's whole HSM life cycle through the
 * liblustreapi HSM API only (works against real Lustre or the emulator):
 *
 *   hsm-api-client <mount> <file under mount> <archive dir> [archive id]
 *
 * registers a copytool on <mount>, then archive -> release -> restore ->
 * remove of <file>, serving each action itself by copying to/from
 * <archive dir>/<FID>; a descriptor opened before the restore must name the
 * file after it (fd2fid, state).  Exit status 0 only if every step succeeded;
 * otherwise the number of the failed step (see enum step) and a message.
 * $HSM_API_CLIENT_TIMEOUT (seconds, default 60) bounds each wait.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lhsm_lustreapi.h"

enum step {
	STEP_USAGE = 2,
	STEP_REGISTER = 3,
	STEP_REQUEST = 4,
	STEP_SERVE = 5,
	STEP_STATE = 6,
	STEP_CONTENT = 7,
	STEP_UNREGISTER = 8,
};

static const char *archive_dir;

static int fail(int step, const char *what, int rc)
{
	fprintf(stderr, "hsm-api-client: %s: %s (%d)\n", what, strerror(-rc),
		rc);
	exit(step);
}

static void archive_path(const struct lu_fid *fid, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s/%#llx:0x%x:0x%x", archive_dir,
		 (unsigned long long)fid->f_seq, fid->f_oid, fid->f_ver);
}

/* Copies src to dst, reporting progress on hcp; returns bytes or -errno. */
static long long copy_fd(struct hsm_copyaction_private *hcp, int src, int dst)
{
	char buf[65536];
	long long done = 0;

	for (;;) {
		ssize_t r = read(src, buf, sizeof(buf)), w = 0;
		struct hsm_extent he;
		int rc;

		if (r < 0)
			return -errno;
		if (r == 0)
			return done;
		while (w < r) {
			ssize_t n = write(dst, buf + w, (size_t)(r - w));

			if (n < 0)
				return -errno;
			w += n;
		}
		he.offset = (__u64)done;
		he.length = (__u64)r;
		done += r;
		rc = llapi_hsm_action_progress(hcp, &he, (__u64)done, 0);
		if (rc < 0)
			return rc;
	}
}

/* Performs one item; returns the errno reported to the coordinator. */
static int serve_item(struct hsm_copytool_private *ct,
		      struct hsm_action_item *hai)
{
	struct hsm_copyaction_private *hcp = NULL;
	char apath[4200];
	int rc, err = 0, data_fd, afd;

	archive_path(&hai->hai_fid, apath, sizeof(apath));
	rc = llapi_hsm_action_begin(&hcp, ct, hai, -1, 0, false);
	if (rc < 0) {
		fprintf(stderr, "hsm-api-client: begin: %s\n", strerror(-rc));
		if (llapi_hsm_action_begin(&hcp, ct, hai, -1, 0, true) < 0)
			return -rc;
		llapi_hsm_action_end(&hcp, &hai->hai_extent, 0, -rc);
		return -rc;
	}
	switch (hai->hai_action) {
	case HSMA_ARCHIVE:
	case HSMA_RESTORE: {
		int archiving = hai->hai_action == HSMA_ARCHIVE;
		long long n;

		data_fd = llapi_hsm_action_get_fd(hcp);
		afd = archiving ? open(apath, O_WRONLY | O_CREAT | O_TRUNC, 0600) :
				  open(apath, O_RDONLY);
		if (data_fd < 0 || afd < 0) {
			err = data_fd < 0 ? -data_fd : errno;
		} else {
			n = archiving ? copy_fd(hcp, data_fd, afd) :
					copy_fd(hcp, afd, data_fd);
			if (n < 0)
				err = (int)-n;
			else if (archiving && fsync(afd) < 0)
				err = errno;
		}
		if (afd >= 0)
			close(afd);
		if (data_fd >= 0)
			close(data_fd);
		break;
	}
	case HSMA_REMOVE:
		if (unlink(apath) < 0 && errno != ENOENT)
			err = errno;
		break;
	default:
		err = ENOTSUP;
	}
	rc = llapi_hsm_action_end(&hcp, &hai->hai_extent, 0, err);
	if (rc < 0)
		fprintf(stderr, "hsm-api-client: end: %s\n", strerror(-rc));
	return err != 0 ? err : -rc;
}

static double now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Receives and serves lists until an item of `action` on `fid` is done. */
static void serve_until(struct hsm_copytool_private *ct, __u32 action,
			const struct lu_fid *fid, double timeout)
{
	double deadline = now_sec() + timeout;

	for (;;) {
		struct pollfd pfd = { .fd = llapi_hsm_copytool_get_fd(ct),
				      .events = POLLIN };
		struct hsm_action_list *hal;
		struct hsm_action_item *hai;
		int msgsize, rc, left = (int)((deadline - now_sec()) * 1000);
		__u32 i;

		if (left <= 0)
			fail(STEP_SERVE, "no action arrived in time", -ETIMEDOUT);
		rc = poll(&pfd, 1, left);
		if (rc < 0 && errno != EINTR)
			fail(STEP_SERVE, "poll", -errno);
		if (rc <= 0)
			continue;
		rc = llapi_hsm_copytool_recv(ct, &hal, &msgsize);
		if (rc == -EAGAIN)
			continue;
		if (rc < 0)
			fail(STEP_SERVE, "llapi_hsm_copytool_recv", rc);
		hai = hai_first(hal);
		for (i = 0; i < hal->hal_count; i++, hai = hai_next(hai)) {
			struct hsm_action_item item = *hai; /* the list is reused */
			int err;

			if ((char *)hai + sizeof(*hai) > (char *)hal + msgsize)
				fail(STEP_SERVE, "item beyond the message", -EPROTO);
			err = serve_item(ct, &item);
			if (item.hai_action == action &&
			    memcmp(&item.hai_fid, fid, sizeof(*fid)) == 0) {
				if (err != 0)
					fail(STEP_SERVE, "serving the action", -err);
				return;
			}
		}
	}
}

static void request(const char *file, __u32 action, __u32 archive_id,
		    const struct lu_fid *fid)
{
	struct hsm_user_request *hur = llapi_hsm_user_request_alloc(1, 0);
	int rc;

	if (hur == NULL)
		fail(STEP_REQUEST, "llapi_hsm_user_request_alloc", -ENOMEM);
	hur->hur_request.hr_action = action;
	hur->hur_request.hr_archive_id = archive_id;
	hur->hur_request.hr_itemcount = 1;
	hur->hur_user_item[0].hui_fid = *fid;
	hur->hur_user_item[0].hui_extent.offset = 0;
	hur->hur_user_item[0].hui_extent.length = LUSTRE_EOF;
	rc = llapi_hsm_request(file, hur);
	free(hur);
	if (rc < 0)
		fail(STEP_REQUEST, "llapi_hsm_request", rc);
}

static __u32 states_of(const char *file)
{
	struct hsm_user_state hus;
	int rc = llapi_hsm_state_get(file, &hus);

	if (rc < 0)
		fail(STEP_STATE, "llapi_hsm_state_get", rc);
	return hus.hus_states;
}

static void expect_states(const char *file, __u32 set, __u32 clear,
			  const char *when)
{
	__u32 st = states_of(file);

	if ((st & set) != set || (st & clear) != 0) {
		fprintf(stderr,
			"hsm-api-client: after %s: states 0x%x, wanted set 0x%x clear 0x%x\n",
			when, st, set, clear);
		exit(STEP_STATE);
	}
	printf("%s: states 0x%x\n", when, st);
}

/*
 * A descriptor opened before an action names the same file after it (the FID
 * is the inode's on Lustre, whatever the action did to the layout).
 */
static void expect_held_fd(int fd, const struct lu_fid *fid, __u32 set,
			   __u32 clear, const char *when)
{
	struct hsm_user_state hus;
	struct lu_fid now;
	int rc = llapi_fd2fid(fd, &now);

	if (rc < 0)
		fail(STEP_STATE, "llapi_fd2fid", rc);
	if (memcmp(&now, fid, sizeof(now)) != 0)
		fail(STEP_STATE, "llapi_fd2fid gave another FID", -ESTALE);
	rc = llapi_hsm_state_get_fd(fd, &hus);
	if (rc < 0)
		fail(STEP_STATE, "llapi_hsm_state_get_fd", rc);
	if ((hus.hus_states & set) != set || (hus.hus_states & clear) != 0) {
		fprintf(stderr,
			"hsm-api-client: after %s: states 0x%x, wanted set 0x%x clear 0x%x\n",
			when, hus.hus_states, set, clear);
		exit(STEP_STATE);
	}
	printf("%s: states 0x%x\n", when, hus.hus_states);
}

/* Whole content of a file (malloc'd), or exits. */
static char *slurp(const char *file, size_t *len)
{
	struct stat st;
	char *buf;
	int fd = open(file, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) < 0)
		fail(STEP_CONTENT, "reading the file", -errno);
	buf = malloc((size_t)st.st_size + 1);
	*len = 0;
	while (buf != NULL && *len < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + *len, (size_t)st.st_size - *len);

		if (r <= 0)
			fail(STEP_CONTENT, "reading the file", r < 0 ? -errno : -EIO);
		*len += (size_t)r;
	}
	close(fd);
	if (buf == NULL)
		fail(STEP_CONTENT, "reading the file", -ENOMEM);
	return buf;
}

int main(int argc, char **argv)
{
	struct hsm_copytool_private *ct = NULL;
	const char *mnt, *file, *env = getenv("HSM_API_CLIENT_TIMEOUT");
	double timeout = env != NULL ? atof(env) : 60;
	int archive_id = argc > 4 ? atoi(argv[4]) : 1;
	char apath[4200], *before, *after;
	size_t len_before, len_after;
	struct lu_fid fid;
	struct stat st;
	int rc, held;

	if (argc < 4 || archive_id <= 0) {
		fprintf(stderr,
			"usage: hsm-api-client <mount> <file> <archive dir> [archive id > 0]\n");
		return STEP_USAGE;
	}
	mnt = argv[1];
	file = argv[2];
	archive_dir = argv[3];

	rc = llapi_hsm_copytool_register(&ct, mnt, 1, &archive_id, O_NONBLOCK);
	if (rc < 0)
		fail(STEP_REGISTER, "llapi_hsm_copytool_register", rc);
	rc = llapi_path2fid(file, &fid);
	if (rc < 0)
		fail(STEP_REQUEST, "llapi_path2fid", rc);
	archive_path(&fid, apath, sizeof(apath));
	before = slurp(file, &len_before);

	request(file, HUA_ARCHIVE, (__u32)archive_id, &fid);
	serve_until(ct, HSMA_ARCHIVE, &fid, timeout);
	expect_states(file, HS_EXISTS | HS_ARCHIVED, HS_DIRTY | HS_RELEASED,
		      "archive");
	if (stat(apath, &st) < 0 || (size_t)st.st_size != len_before)
		fail(STEP_CONTENT, "archive copy missing or wrong size", -EIO);

	request(file, HUA_RELEASE, 0, &fid);
	expect_states(file, HS_RELEASED | HS_ARCHIVED, 0, "release");

	held = open(file, O_RDONLY | O_NONBLOCK);
	if (held < 0)
		fail(STEP_STATE, "opening the released file", -errno);
	request(file, HUA_RESTORE, 0, &fid);
	serve_until(ct, HSMA_RESTORE, &fid, timeout);
	expect_states(file, HS_ARCHIVED, HS_RELEASED, "restore");
	expect_held_fd(held, &fid, HS_ARCHIVED, HS_RELEASED,
		       "restore, fd opened before");
	close(held);
	after = slurp(file, &len_after);
	if (len_after != len_before || memcmp(before, after, len_before) != 0)
		fail(STEP_CONTENT, "restored data differs", -EIO);
	free(before);
	free(after);

	request(file, HUA_REMOVE, (__u32)archive_id, &fid);
	serve_until(ct, HSMA_REMOVE, &fid, timeout);
	expect_states(file, 0, HS_EXISTS | HS_ARCHIVED | HS_RELEASED, "remove");
	if (access(apath, F_OK) == 0)
		fail(STEP_CONTENT, "archive copy still present after remove",
		     -EEXIST);

	rc = llapi_hsm_copytool_unregister(&ct);
	if (rc < 0)
		fail(STEP_UNREGISTER, "llapi_hsm_copytool_unregister", rc);
	printf("hsm-api-client: archive, release, restore, remove: ok\n");
	return 0;
}
