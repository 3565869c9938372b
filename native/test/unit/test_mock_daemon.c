/* RPC framing of the library against the mock daemon, incl. a restart. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "emu.h"
#include "frames.h"
#include "mock_daemon.h"
#include "t.h"

/* Waits (poll, bounded) for the copytool fd and receives one list. */
static int recv_one(struct hsm_copytool_private *ct,
		    struct hsm_action_list **hal)
{
	int msgsize, rc, tries;

	for (tries = 0; tries < 50; tries++) {
		struct pollfd pfd = { .fd = llapi_hsm_copytool_get_fd(ct),
				      .events = POLLIN };

		if (poll(&pfd, 1, 10000) <= 0)
			return -ETIMEDOUT;
		rc = llapi_hsm_copytool_recv(ct, hal, &msgsize);
		if (rc != -EAGAIN)
			return rc;
	}
	return -ETIMEDOUT;
}

static void check_str_at(struct emu_rd *rd, const char *want)
{
	char got[PATH_MAX];

	emu_get_str(rd, got, sizeof(got));
	CHECK(!rd->bad);
	CHECK_STR(got, want);
}

struct worker {
	struct hsm_copytool_private *ct;
	struct hsm_action_item item;
	int failures;
};

/* begin/progress/end from several threads at once (ABI spec 5.2). */
static void *worker_run(void *arg)
{
	struct worker *w = arg;
	int i;

	for (i = 0; i < 20; i++) {
		struct hsm_copyaction_private *hcp = NULL;
		struct hsm_extent he = { 0, 1 };

		w->item.hai_cookie++;
		if (llapi_hsm_action_begin(&hcp, w->ct, &w->item, -1, 0, false) != 0 ||
		    llapi_hsm_action_progress(hcp, &he, 1, 0) != 0 ||
		    llapi_hsm_action_end(&hcp, &he, 0, 0) != 0 || hcp != NULL)
			w->failures++;
	}
	return NULL;
}

void test_mock_daemon(void)
{
	struct mock m;
	char mnt[300], file[300], real[300], buf[PATH_MAX];
	uint8_t body[8192];
	size_t len;
	struct emu_rd rd;
	struct lu_fid fid;
	struct hsm_user_state hus;
	struct stat st;
	struct hsm_user_request *hur;
	struct hsm_copytool_private *ct = NULL;
	struct hsm_copyaction_private *hcp = NULL;
	struct hsm_action_list *hal = NULL;
	struct hsm_action_item item;
	struct hsm_extent he;
	int ids[] = { 1, 2 };
	char fifo[300], ev[4096], want[1024];
	int fd, ctfd, idx = -1, before, rfd;

	setenv("LHSM_EMU_RECONNECT_TIMEOUT", "20", 1);
	mock_start(&m);
	snprintf(mnt, sizeof(mnt), "%s/mnt", m.dir);
	snprintf(file, sizeof(file), "%s/mnt/file", m.dir);
	snprintf(real, sizeof(real), "%s/fs/file", m.dir);

	/* local discovery */
	CHECK_INT(llapi_search_fsname(file, buf), 0);
	CHECK_STR(buf, "lustre");
	CHECK_INT(llapi_search_mounts(file, 0, buf, NULL), 0);
	CHECK_STR(buf, mnt);
	CHECK_INT(llapi_getname(file, buf, sizeof(buf)), 0);
	CHECK(strncmp(buf, "lustre-", 7) == 0 && strlen(buf) == 7 + 16);
	CHECK_INT(llapi_getname(file, buf, 10), -ENAMETOOLONG);
	snprintf(buf, sizeof(buf), "%s/state", m.dir);
	CHECK_INT(llapi_search_fsname(buf, (char *)body), -ENODEV);

	/* agent UUIDs from D/state/mounts, per mount */
	snprintf(buf, sizeof(buf), "%s/mnt2/file", m.dir);
	CHECK_INT(llapi_get_agent_uuid(buf, (char *)body, 64), 0);
	CHECK_STR((char *)body, "agent-uuid-2");
	CHECK_INT(llapi_get_agent_uuid(mnt, (char *)body, 64), 0);
	CHECK_STR((char *)body, "agent-uuid-1");
	CHECK_INT(llapi_get_agent_uuid(mnt, (char *)body, 5), -EOVERFLOW);
	snprintf(buf, sizeof(buf), "%s/fs/file", m.dir);
	CHECK_INT(llapi_get_agent_uuid(buf, (char *)body, 64), -ENODEV);
	CHECK_INT(llapi_getname(mnt, buf, sizeof(buf)), 0);
	{
		char other[64], p2[300];

		snprintf(p2, sizeof(p2), "%s/mnt2", m.dir);
		CHECK_INT(llapi_getname(p2, other, sizeof(other)), 0);
		CHECK(strcmp(buf, other) != 0); /* distinct client instances */
	}

	/* parameters: lctl-style pattern over D/state/params */
	{
		glob_t g;
		char pdir[1024];

		snprintf(pdir, sizeof(pdir),
			 "mkdir -p %s/state/params/mdt/lustre-MDT0000/hsm && "
			 "echo 0 > %s/state/params/mdt/lustre-MDT0000/hsm/agents",
			 m.dir, m.dir);
		CHECK_INT(system(pdir), 0);
		setenv("LHSM_EMU_FS", mnt, 1);
		CHECK_INT(llapi_param_get_paths("mdt.*.hsm.agents", &g, 0), 0);
		CHECK_INT(g.gl_pathc, 1);
		snprintf(pdir, sizeof(pdir),
			 "%s/state/params/mdt/lustre-MDT0000/hsm/agents", m.dir);
		CHECK(g.gl_pathc == 1 && strcmp(g.gl_pathv[0], pdir) == 0);
		llapi_param_paths_free(&g);
		CHECK_INT(llapi_param_get_paths("mdt.*.hsm.nothing", &g, 0),
			  -ENOENT);
		unsetenv("LHSM_EMU_FS");
	}

	/* path2fid sends the real path */
	CHECK_INT(llapi_path2fid(file, &fid), 0);
	CHECK_INT(fid.f_seq, 0x200000401ULL);
	CHECK_INT(mock_last(&m, body, &len), EMU_OP_PATH2FID);
	rd = (struct emu_rd){ .data = body, .len = len };
	check_str_at(&rd, real);

	/* state get: the open file (path, inode, birth time) + 32-byte answer */
	CHECK_INT(llapi_hsm_state_get(file, &hus), 0);
	CHECK_INT(hus.hus_states, HS_EXISTS | HS_ARCHIVED);
	CHECK_INT(hus.hus_archive_id, 3);
	CHECK_INT(mock_last(&m, body, &len), EMU_OP_STATE_GET);
	rd = (struct emu_rd){ .data = body, .len = len };
	check_str_at(&rd, real);
	CHECK_INT(stat(real, &st), 0);
	CHECK_INT(emu_get_u64(&rd), st.st_ino);
	emu_get_u64(&rd); /* birth time: 0 where the filesystem keeps none */
	CHECK_INT(rd.off, len);

	/* request: fs root, then the raw hsm_user_request bytes */
	hur = llapi_hsm_user_request_alloc(1, 3);
	hur->hur_request.hr_action = HUA_ARCHIVE;
	hur->hur_request.hr_archive_id = 2;
	hur->hur_request.hr_itemcount = 1;
	hur->hur_request.hr_data_len = 3;
	hur->hur_user_item[0].hui_fid = fid;
	hur->hur_user_item[0].hui_extent = (struct hsm_extent){ 0, LUSTRE_EOF };
	memcpy(&hur->hur_user_item[1], "abc", 3);
	CHECK_INT(llapi_hsm_request(file, hur), 0);
	CHECK_INT(mock_last(&m, body, &len), EMU_OP_REQUEST);
	rd = (struct emu_rd){ .data = body, .len = len };
	snprintf(buf, sizeof(buf), "%s/fs", m.dir);
	check_str_at(&rd, buf);
	CHECK_INT(len - rd.off, 24 + 32 + 3);
	CHECK(memcmp(body + rd.off, hur, 24 + 32 + 3) == 0);
	CHECK_INT(llapi_hsm_request("lustre", hur), 0); /* by fsname */
	CHECK_INT(mock_last(&m, body, &len), EMU_OP_REQUEST);
	rd = (struct emu_rd){ .data = body, .len = len };
	check_str_at(&rd, buf);
	hur->hur_request.hr_itemcount = 60; /* over the client size limit */
	CHECK_INT(llapi_hsm_request(file, hur), -E2BIG);
	free(hur);

	/* JSON events of the copytool calls go to a registered FIFO */
	snprintf(fifo, sizeof(fifo), "%s/events", m.dir);
	CHECK_INT(llapi_hsm_register_event_fifo(fifo), 0);
	rfd = open(fifo, O_RDONLY | O_NONBLOCK);
	CHECK(rfd >= 0);

	/* register: mount as given (normalised), pid, ids, empty prev uuid */
	snprintf(buf, sizeof(buf), "%s/./mnt/", m.dir);
	CHECK_INT(llapi_hsm_copytool_register(&ct, buf, 2, ids, O_NONBLOCK), 0);
	next_event(rfd, ev, sizeof(ev));
	snprintf(want, sizeof(want),
		 "\", \"event_type\": \"REGISTER\", \"archive\": 2, "
		 "\"mount_point\": \"%s\", \"uuid\": \"agent-uuid-1\"}", mnt);
	CHECK_STR(ev, want);
	CHECK(ct != NULL);
	if (ct == NULL)
		goto out;
	CHECK_INT(mock_last(&m, body, &len), EMU_OP_CT_REGISTER);
	rd = (struct emu_rd){ .data = body, .len = len };
	check_str_at(&rd, mnt);
	CHECK_INT(emu_get_u32(&rd), getpid());
	CHECK_INT(emu_get_u32(&rd), 2);
	CHECK_INT(emu_get_u32(&rd), 1);
	CHECK_INT(emu_get_u32(&rd), 2);
	check_str_at(&rd, "");
	CHECK_INT(rd.off, len);
	CHECK_INT(llapi_get_agent_uuid(mnt, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "agent-uuid-1");
	CHECK_INT(llapi_hsm_copytool_register(&ct, mnt, 1, NULL, 0), -EINVAL);
	ids[1] = -4;
	CHECK_INT(llapi_hsm_copytool_register(&ct, mnt, 2, ids, 0), -EINVAL);
	CHECK(ct != NULL); /* argument errors leave *priv alone */
	ctfd = llapi_hsm_copytool_get_fd(ct);

	/* one list through the event connection */
	CHECK_INT(mock_send_list(&m, 1, 5), 0);
	CHECK_INT(recv_one(ct, &hal), 0);
	CHECK(hal != NULL);
	if (hal == NULL)
		goto out_ct;
	item = *hai_first(hal);
	CHECK_INT(item.hai_cookie, 5);

	/* archive: COPY_START with the fixed item, source fd, progress, end */
	CHECK_INT(llapi_hsm_action_begin(&hcp, ct, &item, -1, 0, false), 0);
	CHECK(mock_last_of(&m, EMU_OP_COPY_START, body, &len));
	CHECK_INT(len, sizeof(struct hsm_copy));
	{
		struct hsm_copy hc;

		memcpy(&hc, body, sizeof(hc));
		CHECK_INT(hc.hc_hai.hai_len, 72);
		CHECK_INT(hc.hc_hai.hai_action, HSMA_ARCHIVE);
		CHECK_INT(hc.hc_hai.hai_cookie, 5);
		CHECK(memcmp(&hc.hc_hai.hai_dfid, &item.hai_dfid,
			     sizeof(item.hai_dfid)) == 0);
	}
	next_event(rfd, ev, sizeof(ev));
	CHECK_STR(ev, "\", \"event_type\": \"ARCHIVE_START\", \"total_bytes\": 0, "
		      "\"lustre_path\": \"file\", "
		      "\"source_fid\": \"0x200000401:0x1:0x0\", "
		      "\"data_fid\": \"0x200000401:0x1:0x0\"}");
	fd = llapi_hsm_action_get_fd(hcp);
	CHECK(fd >= 0);
	memset(buf, 0, sizeof(buf));
	CHECK_INT(read(fd, buf, sizeof(buf)), 13);
	CHECK_STR(buf, "hello archive");
	close(fd);
	CHECK_INT(llapi_hsm_action_get_dfid(hcp, &fid), 0);
	CHECK(memcmp(&fid, &item.hai_fid, sizeof(fid)) == 0);
	he = (struct hsm_extent){ 0, 13 };
	CHECK_INT(llapi_hsm_action_progress(hcp, &he, 13, 0), 0);
	CHECK(mock_last_of(&m, EMU_OP_PROGRESS, body, &len));
	CHECK_INT(len, sizeof(struct hsm_progress));
	{
		struct hsm_progress hp;

		memcpy(&hp, body, sizeof(hp));
		CHECK_INT(hp.hp_cookie, 5);
		CHECK_INT(hp.hp_extent.length, 13);
		CHECK_INT(hp.hp_flags, 0);
		CHECK_INT(hp.hp_errval, 0);
		CHECK(memcmp(&hp.hp_fid, &item.hai_dfid, sizeof(fid)) == 0);
	}
	next_event(rfd, ev, sizeof(ev));
	CHECK_STR(ev, "\", \"event_type\": \"ARCHIVE_RUNNING\", "
		      "\"current_bytes\": 13, \"total_bytes\": 13, "
		      "\"lustre_path\": \"file\", "
		      "\"source_fid\": \"0x200000401:0x1:0x0\", "
		      "\"data_fid\": \"0x200000401:0x1:0x0\"}");
	CHECK_INT(llapi_hsm_action_progress(hcp, NULL, 13, 0), -EINVAL);
	CHECK_INT(llapi_hsm_action_end(&hcp, NULL, 0, 0), -EINVAL);
	CHECK_INT(llapi_hsm_action_end(&hcp, &he, HP_FLAG_RETRY, -EIO), 0);
	CHECK(hcp == NULL);
	CHECK_INT(mock_last(&m, body, &len), EMU_OP_COPY_END);
	{
		struct hsm_copy hc;

		memcpy(&hc, body, sizeof(hc));
		CHECK_INT(hc.hc_errval, EIO);
		CHECK_INT(hc.hc_flags, HP_FLAG_RETRY);
		CHECK_INT(hc.hc_hai.hai_extent.length, 13);
		CHECK_INT(hc.hc_data_version, 42);
	}
	next_event(rfd, ev, sizeof(ev));
	snprintf(want, sizeof(want),
		 "\", \"event_type\": \"ARCHIVE_ERROR\", \"error\": \"%s\", "
		 "\"errno\": %d, \"source_fid\": \"0x200000401:0x1:0x0\", "
		 "\"data_fid\": \"0x200000401:0x1:0x0\"}",
		 strerror(EIO), EIO);
	CHECK_STR(ev, want);
	CHECK_INT(llapi_hsm_unregister_event_fifo(fifo), 0);
	close(rfd);

	/* canceled request: progress answers -ECANCELED */
	item.hai_cookie = 99;
	CHECK_INT(llapi_hsm_action_begin(&hcp, ct, &item, -1, 0, false), 0);
	CHECK_INT(llapi_hsm_action_progress(hcp, &he, 13, 0), -ECANCELED);
	CHECK_INT(llapi_hsm_action_end(&hcp, &item.hai_extent, 0, ECANCELED), 0);

	/* is_error: no RPC at begin, failure reported at end */
	before = mock_count(&m, NULL, NULL, 0);
	CHECK_INT(llapi_hsm_action_begin(&hcp, ct, &item, -1, 0, true), 0);
	CHECK_INT(mock_count(&m, NULL, NULL, 0), before);
	CHECK_INT(llapi_hsm_action_get_fd(hcp), -EBADF);
	CHECK_INT(llapi_hsm_action_end(&hcp, &item.hai_extent, 0, ENOSPC), 0);
	CHECK_INT(mock_last(&m, body, &len), EMU_OP_COPY_END);
	CHECK_INT(((struct hsm_copy *)body)->hc_errval, ENOSPC);

	/* daemon restart: recv registers again (same uuid), same fd */
	mock_stop(&m);
	m.reregister_cookie = 777;
	mock_restart(&m);
	CHECK_INT(recv_one(ct, &hal), 0);
	CHECK(hal != NULL && hai_first(hal)->hai_cookie == 777);
	CHECK_INT(llapi_hsm_copytool_get_fd(ct), ctfd);
	{
		char prev[64];
		int regs;

		mock_count(&m, &regs, prev, sizeof(prev));
		CHECK_STR(prev, "agent-uuid-1");
		CHECK_INT(regs, 2);
	}

	/*
	 * A frame that stops half-way (a daemon gone wrong): recv gives up on
	 * it after LHSM_EMU_FRAME_TIMEOUT with -EPROTO instead of waiting for
	 * ever, and registers again on a fresh connection, where the next list
	 * arrives in step (found by the faults campaign kuc-fuzz 7, frame 1).
	 */
	{
		__u8 frame[512];
		size_t n;
		int regs_before, regs;
		char prev[64];
		struct timespec t0, t1;

		setenv("LHSM_EMU_FRAME_TIMEOUT", "0.3", 1);
		pthread_mutex_lock(&m.lock);
		m.reregister_cookie = 0;
		pthread_mutex_unlock(&m.lock);
		mock_count(&m, &regs_before, NULL, 0);
		n = frame_hal(frame, KUC_TRANSPORT_HSM, HMT_ACTION_LIST, 1, "lustre", 2, 5);
		pthread_mutex_lock(&m.lock);
		CHECK_INT(write(m.event_fd, frame, n / 2), (long long)(n / 2));
		pthread_mutex_unlock(&m.lock);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		CHECK_INT(recv_one(ct, &hal), -EPROTO);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		CHECK(t1.tv_sec - t0.tv_sec < 5);
		mock_count(&m, &regs, prev, sizeof(prev));
		CHECK_INT(regs, regs_before + 1);
		CHECK_STR(prev, "agent-uuid-1");
		CHECK_INT(llapi_hsm_copytool_get_fd(ct), ctfd);
		CHECK_INT(mock_send_list(&m, 1, 4242), 0);
		CHECK_INT(recv_one(ct, &hal), 0);
		CHECK(hal != NULL && hai_first(hal)->hai_cookie == 4242);
		unsetenv("LHSM_EMU_FRAME_TIMEOUT");
	}

	/*
	 * A response whose body never follows its header (a daemon gone wrong,
	 * or a peer that wrote an event frame where the registration's answer
	 * belonged: faults campaign fuzz, seed 0x2 trial 30000057, where
	 * jhsmtool then hung in the re-registration and ignored SIGTERM): the
	 * call gives -EPROTO after LHSM_EMU_FRAME_TIMEOUT instead of blocking
	 * for ever, and the next call works; a registration answered so is
	 * tried again on a fresh connection.
	 */
	{
		struct timespec t0, t1;
		int regs_before, regs;

		setenv("LHSM_EMU_FRAME_TIMEOUT", "0.3", 1);
		pthread_mutex_lock(&m.lock);
		m.stall_op = EMU_OP_PATH2FID;
		pthread_mutex_unlock(&m.lock);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		CHECK_INT(llapi_path2fid(file, &fid), -EPROTO);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		CHECK(t1.tv_sec - t0.tv_sec < 5);
		CHECK_INT(llapi_path2fid(file, &fid), 0);

		mock_count(&m, &regs_before, NULL, 0);
		mock_stop(&m);
		m.stall_op = EMU_OP_CT_REGISTER;
		m.reregister_cookie = 4343;
		mock_restart(&m);
		CHECK_INT(recv_one(ct, &hal), 0);
		CHECK(hal != NULL && hai_first(hal)->hai_cookie == 4343);
		mock_count(&m, &regs, NULL, 0);
		CHECK_INT(regs, regs_before + 2); /* the stalled answer, then the retry */
		CHECK_INT(llapi_hsm_copytool_get_fd(ct), ctfd);
		pthread_mutex_lock(&m.lock);
		m.reregister_cookie = 0;
		pthread_mutex_unlock(&m.lock);
		unsetenv("LHSM_EMU_FRAME_TIMEOUT");
	}

	/* concurrent actions: every call arrives exactly once */
	{
		struct worker w[4];
		pthread_t th[4];
		int i;

		before = mock_count(&m, NULL, NULL, 0);
		for (i = 0; i < 4; i++) {
			w[i] = (struct worker){ .ct = ct, .item = item };
			w[i].item.hai_cookie = 1000 + 100 * (unsigned)i;
			CHECK_INT(pthread_create(&th[i], NULL, worker_run, &w[i]), 0);
		}
		for (i = 0; i < 4; i++) {
			pthread_join(th[i], NULL);
			CHECK_INT(w[i].failures, 0);
		}
		CHECK_INT(mock_count(&m, NULL, NULL, 0) - before, 4 * 20 * 3);
	}

	/* fid utilities */
	CHECK_INT(llapi_fid2path("lustre", "[0x200000401:0x1:0x0]", buf,
				 sizeof(buf), NULL, NULL), 0);
	CHECK_STR(buf, "file");
	CHECK_INT(llapi_fid2path(mnt, "0x200000401:0x1:0x0", buf, 4, NULL,
				 NULL), -ERANGE);
	CHECK_INT(llapi_fid2path(mnt, "nonsense", buf, sizeof(buf), NULL,
				 NULL), -EINVAL);
	CHECK_INT(llapi_fid2path("nosuchfs", "0x1:0x1:0x0", buf, sizeof(buf),
				 NULL, NULL), -ENODEV);
	fd = open(mnt, O_RDONLY | O_DIRECTORY);
	CHECK_INT(llapi_get_mdt_index_by_fid(fd, &fid, &idx), 2);
	CHECK_INT(idx, 2);
	close(fd);
	fd = open(file, O_RDONLY);
	CHECK_INT(llapi_get_mdt_index_by_fid(fd, &fid, &idx), -ENOTTY);
	close(fd);
	fd = llapi_open_by_fid(mnt, &fid, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_INT(read(fd, buf, 5), 5);
	close(fd);

	/* clean unregister */
out_ct:
	CHECK_INT(llapi_hsm_copytool_unregister(&ct), 0);
	CHECK(ct == NULL);
	CHECK_INT(mock_last(&m, body, &len), EMU_OP_CT_UNREGISTER);
	rd = (struct emu_rd){ .data = body, .len = len };
	check_str_at(&rd, "agent-uuid-1");
	CHECK_INT(llapi_hsm_copytool_unregister(&ct), -EINVAL);
out:
	mock_stop(&m);
	/* no daemon: retried until the (here zero) timeout, then -ENOTCONN */
	setenv("LHSM_EMU_RECONNECT_TIMEOUT", "0", 1);
	CHECK_INT(llapi_hsm_state_get(file, &hus), -ENOTCONN);
	t_rmrf(m.dir);
	unsetenv("LHSM_EMU_RECONNECT_TIMEOUT");
}
