/* llapi_hsm_copytool_recv on a socketpair fed with hand-made KUC frames. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "emu.h"
#include "frames.h"
#include "t.h"

static struct hsm_copytool_private *ct_on(int fd, int count, const int *ids)
{
	struct emu_fs fs;

	memset(&fs, 0, sizeof(fs));
	strcpy(fs.root, "/nonexistent-lhsm-fs");
	strcpy(fs.socket, "/nonexistent-lhsm-fs/emulator.sock");
	strcpy(fs.fsname, "lustre");
	return emu_ct_new(fd, "/nonexistent-lhsm-mnt", &fs, count, ids, "u-1");
}

static void put(int fd, const void *p, size_t n)
{
	CHECK_INT(write(fd, p, n), (long long)n);
}

struct recv_job {
	struct hsm_copytool_private *ct;
	struct hsm_action_list *hal;
	int msgsize;
	int rc;
};

static void *recv_thread(void *arg)
{
	struct recv_job *job = arg;

	job->rc = llapi_hsm_copytool_recv(job->ct, &job->hal, &job->msgsize);
	return NULL;
}

void test_recv(void)
{
	static __u8 frame[8192];
	const int ids[] = { 1, 3 };
	struct hsm_copytool_private *ct;
	struct hsm_action_list *hal = (void *)1;
	struct hsm_action_item *hai;
	struct kuc_hdr *kuch = (struct kuc_hdr *)frame;
	struct recv_job job;
	pthread_t th;
	int sv[2], msgsize = -1;
	size_t n;

	setenv("LHSM_EMU_RECONNECT_TIMEOUT", "0", 1);
	CHECK_INT(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ct = ct_on(sv[0], 2, ids);
	CHECK(ct != NULL);
	CHECK_INT(llapi_hsm_copytool_get_fd(ct), sv[0]);
	CHECK_INT(llapi_hsm_copytool_get_fd(NULL), -EINVAL);
	CHECK_INT(llapi_hsm_copytool_recv(ct, NULL, &msgsize), -EINVAL);
	CHECK_INT(llapi_hsm_copytool_recv(NULL, &hal, &msgsize), -EINVAL);
	CHECK(hal == NULL);
	CHECK_INT(msgsize, 0);

	/* non-blocking with nothing queued */
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	CHECK_INT(llapi_hsm_copytool_recv(ct, &hal, &msgsize), -EAGAIN);

	/* a good list for archive 1: pointer into the handle's buffer */
	n = frame_hal(frame, KUC_TRANSPORT_HSM, HMT_ACTION_LIST, 1, "lustre", 2,
		      100);
	put(sv[1], frame, n);
	CHECK_INT(llapi_hsm_copytool_recv(ct, &hal, &msgsize), 0);
	CHECK_INT(msgsize, n - 8);
	CHECK(hal != NULL);
	if (hal != NULL) {
		CHECK_INT(hal->hal_count, 2);
		CHECK_STR(hal->hal_fsname, "lustre");
		hai = hai_first(hal);
		CHECK_INT(hai->hai_cookie, 100);
		CHECK_INT(hai_next(hai)->hai_cookie, 101);
		CHECK_INT((char *)hai_next(hai_next(hai)) - (char *)hal, msgsize);
	}

	/* archive 2 is not ours: dropped; another transport: dropped;
	 * the archive-3 list after them is returned */
	n = frame_hal(frame, KUC_TRANSPORT_HSM, HMT_ACTION_LIST, 2, "lustre", 1,
		      200);
	put(sv[1], frame, n);
	n = frame_hal(frame, 7, HMT_ACTION_LIST, 1, "lustre", 1, 300);
	put(sv[1], frame, n);
	n = frame_hal(frame, KUC_TRANSPORT_HSM, HMT_ACTION_LIST, 3, "fs2", 1,
		      400);
	put(sv[1], frame, n);
	CHECK_INT(llapi_hsm_copytool_recv(ct, &hal, &msgsize), 0);
	CHECK(hal != NULL && hai_first(hal)->hai_cookie == 400);
	CHECK(hal != NULL && strcmp(hal->hal_fsname, "fs2") == 0);
	/* only a filtered list queued: nothing for us */
	n = frame_hal(frame, KUC_TRANSPORT_HSM, HMT_ACTION_LIST, 2, "lustre", 1,
		      500);
	put(sv[1], frame, n);
	CHECK_INT(llapi_hsm_copytool_recv(ct, &hal, &msgsize), -EAGAIN);
	CHECK(hal == NULL);

	/* malformed: generic non-shutdown, HSM non-list, short payload,
	 * length below the header */
	n = frame_hal(frame, KUC_TRANSPORT_GENERIC, 5, 1, "lustre", 1, 1);
	put(sv[1], frame, n);
	CHECK_INT(llapi_hsm_copytool_recv(ct, &hal, &msgsize), -EPROTO);
	n = frame_hal(frame, KUC_TRANSPORT_HSM, 101, 1, "lustre", 1, 1);
	put(sv[1], frame, n);
	CHECK_INT(llapi_hsm_copytool_recv(ct, &hal, &msgsize), -EPROTO);
	frame_hal(frame, KUC_TRANSPORT_HSM, HMT_ACTION_LIST, 1, "lustre", 0, 1);
	kuch->kuc_msglen = 8 + 16;
	put(sv[1], frame, kuch->kuc_msglen);
	CHECK_INT(llapi_hsm_copytool_recv(ct, &hal, &msgsize), -EPROTO);
	frame_shutdown(frame);
	kuch->kuc_msglen = 4;
	put(sv[1], frame, 8);
	CHECK_INT(llapi_hsm_copytool_recv(ct, &hal, &msgsize), -EPROTO);

	/* shutdown frame */
	n = frame_shutdown(frame);
	put(sv[1], frame, n);
	CHECK_INT(llapi_hsm_copytool_recv(ct, &hal, &msgsize), -ESHUTDOWN);
	CHECK(hal == NULL);

	/* a frame arriving in pieces is completed (blocking reader) */
	fcntl(sv[0], F_SETFL, 0);
	n = frame_hal(frame, KUC_TRANSPORT_HSM, HMT_ACTION_LIST, 1, "lustre", 3,
		      600);
	put(sv[1], frame, 5);
	job = (struct recv_job){ .ct = ct };
	CHECK_INT(pthread_create(&th, NULL, recv_thread, &job), 0);
	put(sv[1], frame + 5, 40);
	put(sv[1], frame + 45, n - 45);
	pthread_join(th, NULL);
	CHECK_INT(job.rc, 0);
	CHECK_INT(job.msgsize, n - 8);
	CHECK(job.hal != NULL && job.hal->hal_count == 3);

	/* bad magic */
	n = frame_hal(frame, KUC_TRANSPORT_HSM, HMT_ACTION_LIST, 1, "lustre", 1,
		      1);
	kuch->kuc_magic = 0x1234;
	put(sv[1], frame, 8);
	CHECK_INT(llapi_hsm_copytool_recv(ct, &hal, &msgsize), -EPROTO);

	/* EOF: reconnecting fails fast here (no daemon, timeout 0) */
	close(sv[1]);
	CHECK_INT(llapi_hsm_copytool_recv(ct, &hal, &msgsize), -ENOTCONN);
	emu_ct_free(ct);

	/* archive_count 0: every archive is served */
	CHECK_INT(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ct = ct_on(sv[0], 0, NULL);
	n = frame_hal(frame, KUC_TRANSPORT_HSM, HMT_ACTION_LIST, 77, "lustre", 1,
		      9);
	put(sv[1], frame, n);
	CHECK_INT(llapi_hsm_copytool_recv(ct, &hal, &msgsize), 0);
	CHECK(hal != NULL && hal->hal_archive_id == 77);
	emu_ct_free(ct);
	close(sv[1]);

	/* kuc_read directly: a message longer than the buffer */
	CHECK_INT(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	n = frame_hal(frame, KUC_TRANSPORT_HSM, HMT_ACTION_LIST, 1, "lustre", 4,
		      1);
	put(sv[1], frame, n);
	{
		__u8 small[64];
		size_t len;

		CHECK_INT(emu_kuc_read(sv[0], small, sizeof(small), &len),
			  -EMSGSIZE);
	}
	close(sv[0]);
	close(sv[1]);
	unsetenv("LHSM_EMU_RECONNECT_TIMEOUT");
}
