/* RPC framing of the library against the mock daemon, incl. a restart. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include "emu.h"
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

void test_mock_daemon(void)
{
	struct mock m;
	char mnt[300], file[300], real[300], buf[PATH_MAX];
	uint8_t body[8192];
	size_t len;
	struct emu_rd rd;
	struct lu_fid fid;
	struct hsm_user_state hus;
	struct hsm_user_request *hur;
	struct hsm_copytool_private *ct = NULL;
	struct hsm_copyaction_private *hcp = NULL;
	struct hsm_action_list *hal = NULL;
	struct hsm_action_item item;
	struct hsm_extent he;
	int ids[] = { 1, 2 };
	int fd, ctfd, idx = -1, before;

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

	/* path2fid sends the real path */
	CHECK_INT(llapi_path2fid(file, &fid), 0);
	CHECK_INT(fid.f_seq, 0x200000401ULL);
	CHECK_INT(mock_last(&m, body, &len), EMU_OP_PATH2FID);
	rd = (struct emu_rd){ .data = body, .len = len };
	check_str_at(&rd, real);

	/* state get: path + 32-byte answer */
	CHECK_INT(llapi_hsm_state_get(file, &hus), 0);
	CHECK_INT(hus.hus_states, HS_EXISTS | HS_ARCHIVED);
	CHECK_INT(hus.hus_archive_id, 3);
	CHECK_INT(mock_last(&m, body, &len), EMU_OP_STATE_GET);
	rd = (struct emu_rd){ .data = body, .len = len };
	check_str_at(&rd, real);
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
	hur->hur_request.hr_itemcount = 60; /* over the client size limit */
	CHECK_INT(llapi_hsm_request(file, hur), -E2BIG);
	free(hur);

	/* register: mount as given (normalised), pid, ids, empty prev uuid */
	snprintf(buf, sizeof(buf), "%s/./mnt/", m.dir);
	CHECK_INT(llapi_hsm_copytool_register(&ct, buf, 2, ids, O_NONBLOCK), 0);
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
	CHECK_INT(mock_last(&m, body, &len), EMU_OP_COPY_START);
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
	CHECK_INT(mock_last(&m, body, &len), EMU_OP_PROGRESS);
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

	/* canceled request: progress answers -ECANCELED */
	item.hai_cookie = 99;
	CHECK_INT(llapi_hsm_action_begin(&hcp, ct, &item, -1, 0, false), 0);
	CHECK_INT(llapi_hsm_action_progress(hcp, &he, 13, 0), -ECANCELED);
	CHECK_INT(llapi_hsm_action_end(&hcp, &item.hai_extent, 0, ECANCELED), 0);

	/* is_error: no RPC at begin, failure reported at end */
	before = m.requests;
	CHECK_INT(llapi_hsm_action_begin(&hcp, ct, &item, -1, 0, true), 0);
	CHECK_INT(m.requests, before);
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
	CHECK_STR(m.prev_uuid, "agent-uuid-1");
	CHECK_INT(m.registrations, 2);

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
	t_rmrf(m.dir);
	unsetenv("LHSM_EMU_RECONNECT_TIMEOUT");
}
