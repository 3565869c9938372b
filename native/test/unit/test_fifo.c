/* Event FIFO: creation rules and the JSON lines read back (ABI spec 5.7). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emu.h"
#include "t.h"

/* Reads one event line; checks and strips the event_time member (t.h). */
void next_event(int rfd, char *rest, size_t restsz)
{
	static char pending[8192];
	static size_t have;
	const char *pfx = "{\"event_time\": \"";
	char *nl;
	ssize_t n;

	rest[0] = '\0';
	n = read(rfd, pending + have, sizeof(pending) - 1 - have);
	if (n > 0)
		have += (size_t)n;
	pending[have] = '\0';
	nl = strchr(pending, '\n');
	CHECK(nl != NULL);
	if (nl == NULL)
		return;
	*nl = '\0';
	/* {"event_time": "YYYY-MM-DD HH:MM:SS +zzzz", ... */
	CHECK(strncmp(pending, pfx, strlen(pfx)) == 0);
	{
		const char *t = pending + strlen(pfx);
		const char *shape = "dddd-dd-dd dd:dd:dd sdddd";
		size_t i;

		for (i = 0; i < strlen(shape); i++) {
			int ok = shape[i] == 'd' ? isdigit((unsigned char)t[i]) :
				 shape[i] == 's' ? (t[i] == '+' || t[i] == '-') :
						   t[i] == shape[i];
			if (!ok)
				break;
		}
		CHECK_INT(i, strlen(shape));
		snprintf(rest, restsz, "%s", t + strlen(shape));
	}
	have -= (size_t)(nl + 1 - pending);
	memmove(pending, nl + 1, have);
}

static void log_through(enum llapi_message_level level, int err,
			const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	llapi_hsm_log_error(level, err, fmt, ap);
	va_end(ap);
}

void test_fifo(void)
{
	char dir[256], path[300], other[300], ev[8192];
	struct lu_fid fid = { 0x200000401ULL, 5, 0 };
	struct lu_fid vol = { 0x200000402ULL, 9, 0 };
	struct stat st;
	int rfd;

	t_tmpdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/events", dir);

	/* nothing registered: unregister is a no-op, log_error writes nothing */
	CHECK_INT(llapi_hsm_unregister_event_fifo(path), 0);
	CHECK_INT(emu_fifo_active(), 0);

	/* an existing file that is not a FIFO, or a FIFO with another mode */
	snprintf(other, sizeof(other), "%s/plain", dir);
	close(open(other, O_CREAT | O_WRONLY, 0644));
	CHECK_INT(llapi_hsm_register_event_fifo(other), -EINVAL);
	snprintf(other, sizeof(other), "%s/fifo600", dir);
	CHECK_INT(mkfifo(other, 0600), 0);
	CHECK_INT(llapi_hsm_register_event_fifo(other), -EINVAL);

	/* created with mode 0644 */
	CHECK_INT(llapi_hsm_register_event_fifo(path), 0);
	CHECK_INT(stat(path, &st), 0);
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_INT(st.st_mode & 07777, 0644);
	CHECK_INT(emu_fifo_active(), 1);

	/* no reader yet: events are lost, not an error */
	emu_event_registration("REGISTER", 0, "/lost", "u");

	rfd = open(path, O_RDONLY | O_NONBLOCK);
	CHECK(rfd >= 0);

	emu_event_registration("REGISTER", 2, "/mnt/lustre", "uuid-1");
	next_event(rfd, ev, sizeof(ev));
	CHECK_STR(ev, "\", \"event_type\": \"REGISTER\", \"archive\": 2, "
		      "\"mount_point\": \"/mnt/lustre\", \"uuid\": \"uuid-1\"}");

	emu_event_action(EMU_CT_START, HSMA_ARCHIVE, &fid, &fid, "d/f", 0, 0, 0);
	next_event(rfd, ev, sizeof(ev));
	CHECK_STR(ev, "\", \"event_type\": \"ARCHIVE_START\", \"total_bytes\": 0, "
		      "\"lustre_path\": \"d/f\", "
		      "\"source_fid\": \"0x200000401:0x5:0x0\", "
		      "\"data_fid\": \"0x200000401:0x5:0x0\"}");

	emu_event_action(EMU_CT_RUNNING, HSMA_RESTORE, &fid, &vol, "d/f",
			 4096, 5000000000ULL, 0);
	next_event(rfd, ev, sizeof(ev));
	CHECK_STR(ev, "\", \"event_type\": \"RESTORE_RUNNING\", "
		      "\"current_bytes\": 4096, \"total_bytes\": 5000000000, "
		      "\"lustre_path\": \"d/f\", "
		      "\"source_fid\": \"0x200000401:0x5:0x0\", "
		      "\"data_fid\": \"0x200000402:0x9:0x0\"}");

	emu_event_action(EMU_CT_FINISH, HSMA_REMOVE, &fid, &fid, NULL, 0, 0, 0);
	next_event(rfd, ev, sizeof(ev));
	CHECK_STR(ev, "\", \"event_type\": \"REMOVE_FINISH\", "
		      "\"source_fid\": \"0x200000401:0x5:0x0\", "
		      "\"data_fid\": \"0x200000401:0x5:0x0\"}");

	emu_event_action(EMU_CT_CANCEL, HSMA_ARCHIVE, &fid, &fid, NULL, 0, 0,
			 ECANCELED);
	next_event(rfd, ev, sizeof(ev));
	CHECK_STR(ev, "\", \"event_type\": \"ARCHIVE_CANCEL\", "
		      "\"source_fid\": \"0x200000401:0x5:0x0\", "
		      "\"data_fid\": \"0x200000401:0x5:0x0\"}");

	emu_event_action(EMU_CT_ERROR, HSMA_RESTORE, &vol, &vol, NULL, 0, 0,
			 EIO);
	next_event(rfd, ev, sizeof(ev));
	{
		char want[512];

		snprintf(want, sizeof(want),
			 "\", \"event_type\": \"RESTORE_ERROR\", \"error\": \"%s\", "
			 "\"errno\": %d, \"source_fid\": \"0x200000402:0x9:0x0\", "
			 "\"data_fid\": \"0x200000402:0x9:0x0\"}",
			 strerror(EIO), EIO);
		CHECK_STR(ev, want);

		/* llapi_hsm_log_error as the error callback */
		llapi_error_callback_set(llapi_hsm_log_error);
		llapi_error(LLAPI_MSG_ERROR, -ENOENT, "no \"%s\"", "f");
		llapi_error_callback_set(NULL);
		next_event(rfd, ev, sizeof(ev));
		snprintf(want, sizeof(want),
			 "\", \"event_type\": \"LOGGED_MESSAGE\", \"level\": \"ERROR\", "
			 "\"message\": \"no \\\"f\\\"\", \"error\": \"%s\", "
			 "\"errno\": %d}",
			 strerror(ENOENT), ENOENT);
		CHECK_STR(ev, want);
	}
	log_through(LLAPI_MSG_INFO | LLAPI_MSG_NO_ERRNO, 0, "n=%d", 3);
	next_event(rfd, ev, sizeof(ev));
	CHECK_STR(ev, "\", \"event_type\": \"LOGGED_MESSAGE\", \"level\": \"INFO\", "
		      "\"message\": \"n=3\"}");

	/* unregister removes a FIFO this process created */
	CHECK_INT(llapi_hsm_unregister_event_fifo(path), 0);
	CHECK_INT(emu_fifo_active(), 0);
	CHECK(access(path, F_OK) != 0);
	close(rfd);

	/* ...but keeps one that already existed */
	CHECK_INT(mkfifo(path, 0644), 0);
	CHECK_INT(chmod(path, 0644), 0);
	CHECK_INT(llapi_hsm_register_event_fifo(path), 0);
	CHECK_INT(llapi_hsm_unregister_event_fifo(path), 0);
	CHECK_INT(access(path, F_OK), 0);

	t_rmrf(dir);
}
