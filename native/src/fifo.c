/* JSON event FIFO (ABI spec 5.7): one JSON object per write(). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "emu.h"

#define EMU_EVENT_MAX 4096 /* PIPE_BUF: a write of this size is atomic */

static pthread_mutex_t emu_fifo_lock = PTHREAD_MUTEX_INITIALIZER;
static int emu_fifo_fd = -1;
static int emu_fifo_created;

struct emu_json {
	char buf[EMU_EVENT_MAX];
	size_t len;
	int members;
	int overflow;
};

static void emu_json_raw(struct emu_json *j, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void emu_json_raw(struct emu_json *j, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (j->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(j->buf + j->len, sizeof(j->buf) - j->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(j->buf) - j->len)
		j->overflow = 1;
	else
		j->len += (size_t)n;
}

static void emu_json_key(struct emu_json *j, const char *key)
{
	emu_json_raw(j, "%s\"%s\": ", j->members++ ? ", " : "", key);
}

static void emu_json_str(struct emu_json *j, const char *key, const char *v)
{
	const unsigned char *c;

	emu_json_key(j, key);
	emu_json_raw(j, "\"");
	for (c = (const unsigned char *)v; *c != '\0' && !j->overflow; c++) {
		if (*c == '"' || *c == '\\')
			emu_json_raw(j, "\\%c", *c);
		else if (*c == '\n')
			emu_json_raw(j, "\\n");
		else if (*c == '\t')
			emu_json_raw(j, "\\t");
		else if (*c < 0x20)
			emu_json_raw(j, "\\u%04x", *c);
		else
			emu_json_raw(j, "%c", *c);
	}
	emu_json_raw(j, "\"");
}

static void emu_json_int(struct emu_json *j, const char *key, int v)
{
	emu_json_key(j, key);
	emu_json_raw(j, "%d", v);
}

static void emu_json_u64(struct emu_json *j, const char *key, __u64 v)
{
	emu_json_key(j, key);
	emu_json_raw(j, "%llu", (unsigned long long)v);
}

/* Starts an event: "{" event_time, event_type. */
static void emu_json_begin(struct emu_json *j, const char *type)
{
	char when[64];
	time_t now = time(NULL);
	struct tm tm;

	j->len = 0;
	j->members = 0;
	j->overflow = 0;
	localtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
	emu_json_raw(j, "{");
	emu_json_str(j, "event_time", when);
	emu_json_str(j, "event_type", type);
}

/* Ends the event and writes it; lost when nobody reads or the pipe is full. */
static int emu_json_send(struct emu_json *j)
{
	ssize_t w;
	int rc = 0;

	emu_json_raw(j, "}\n");
	if (j->overflow)
		return -EOVERFLOW;
	pthread_mutex_lock(&emu_fifo_lock);
	if (emu_fifo_fd >= 0) {
		w = write(emu_fifo_fd, j->buf, j->len);
		if (w < 0 && errno != EPIPE)
			rc = -errno;
	}
	pthread_mutex_unlock(&emu_fifo_lock);
	return rc;
}

int emu_fifo_active(void)
{
	int active;

	pthread_mutex_lock(&emu_fifo_lock);
	active = emu_fifo_fd >= 0;
	pthread_mutex_unlock(&emu_fifo_lock);
	return active;
}

int llapi_hsm_register_event_fifo(const char *path)
{
	struct stat st;
	int created = 0, rfd, wfd, rc;

	if (path == NULL)
		return -EINVAL;
	if (mkfifo(path, 0644) == 0) {
		created = 1;
		if (chmod(path, 0644) < 0) { /* umask must not change it */
			rc = -errno;
			unlink(path);
			return rc;
		}
	} else if (errno != EEXIST) {
		rc = -errno;
		llapi_error(LLAPI_MSG_ERROR, -rc, "cannot create FIFO '%s'",
			    path);
		return rc;
	}
	if (!created) {
		if (stat(path, &st) < 0)
			return -errno;
		if (!S_ISFIFO(st.st_mode) || (st.st_mode & 07777) != 0644) {
			llapi_error(LLAPI_MSG_ERROR, EINVAL,
				    "'%s' exists but is not a FIFO with mode 0644",
				    path);
			return -EINVAL;
		}
	}
	/* A read end must exist for a non-blocking write open to succeed. */
	rfd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (rfd < 0) {
		rc = -errno;
		goto fail;
	}
	wfd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	rc = wfd < 0 ? -errno : 0;
	close(rfd);
	if (rc < 0)
		goto fail;
	signal(SIGPIPE, SIG_IGN);

	pthread_mutex_lock(&emu_fifo_lock);
	if (emu_fifo_fd >= 0)
		close(emu_fifo_fd);
	emu_fifo_fd = wfd;
	emu_fifo_created = created;
	pthread_mutex_unlock(&emu_fifo_lock);
	return 0;
fail:
	llapi_error(LLAPI_MSG_ERROR, -rc, "cannot open FIFO '%s'", path);
	if (created)
		unlink(path);
	return rc;
}

int llapi_hsm_unregister_event_fifo(const char *path)
{
	int created;

	if (path == NULL)
		return -EINVAL;
	pthread_mutex_lock(&emu_fifo_lock);
	if (emu_fifo_fd < 0) {
		pthread_mutex_unlock(&emu_fifo_lock);
		return 0;
	}
	close(emu_fifo_fd);
	emu_fifo_fd = -1;
	created = emu_fifo_created;
	emu_fifo_created = 0;
	pthread_mutex_unlock(&emu_fifo_lock);
	if (created && unlink(path) < 0)
		return -errno;
	return 0;
}

void llapi_hsm_log_error(enum llapi_message_level level, int _rc,
			 const char *fmt, va_list args)
{
	struct emu_json j;
	char msg[3072];
	int err = _rc < 0 ? -_rc : _rc;

	if (!emu_fifo_active())
		return;
	vsnprintf(msg, sizeof(msg), fmt, args);
	emu_json_begin(&j, "LOGGED_MESSAGE");
	emu_json_str(&j, "level", emu_level_name(level));
	emu_json_str(&j, "message", msg);
	if (!(level & LLAPI_MSG_NO_ERRNO)) {
		emu_json_str(&j, "error", strerror(err));
		emu_json_int(&j, "errno", err);
	}
	emu_json_send(&j);
}

void emu_event_registration(const char *type, int archive_count,
			    const char *mnt, const char *uuid)
{
	struct emu_json j;

	if (!emu_fifo_active())
		return;
	emu_json_begin(&j, type);
	emu_json_int(&j, "archive", archive_count);
	emu_json_str(&j, "mount_point", mnt);
	emu_json_str(&j, "uuid", uuid);
	emu_json_send(&j);
}

static const char *emu_action_prefix(__u32 action)
{
	switch (action) {
	case HSMA_ARCHIVE:
		return "ARCHIVE";
	case HSMA_RESTORE:
		return "RESTORE";
	case HSMA_REMOVE:
		return "REMOVE";
	default:
		return NULL;
	}
}

void emu_event_action(enum emu_ct_event ev, __u32 action,
		      const struct lu_fid *fid, const struct lu_fid *dfid,
		      const char *lustre_path, __u64 current, __u64 total,
		      int err)
{
	static const char *const suffix[] = {
		[EMU_CT_START] = "START",   [EMU_CT_RUNNING] = "RUNNING",
		[EMU_CT_FINISH] = "FINISH", [EMU_CT_CANCEL] = "CANCEL",
		[EMU_CT_ERROR] = "ERROR",
	};
	const char *prefix = emu_action_prefix(action);
	char type[32], sfid[FID_NOBRACE_LEN + 1], dfidtxt[FID_NOBRACE_LEN + 1];
	struct emu_json j;

	if (prefix == NULL || !emu_fifo_active())
		return;
	snprintf(type, sizeof(type), "%s_%s", prefix, suffix[ev]);
	emu_fid_nobrace(fid, sfid, sizeof(sfid));
	emu_fid_nobrace(dfid, dfidtxt, sizeof(dfidtxt));

	emu_json_begin(&j, type);
	switch (ev) {
	case EMU_CT_START:
		emu_json_u64(&j, "total_bytes", 0);
		emu_json_str(&j, "lustre_path", lustre_path);
		break;
	case EMU_CT_RUNNING:
		emu_json_u64(&j, "current_bytes", current);
		emu_json_u64(&j, "total_bytes", total);
		emu_json_str(&j, "lustre_path", lustre_path);
		break;
	case EMU_CT_ERROR:
		emu_json_str(&j, "error", strerror(err));
		emu_json_int(&j, "errno", err);
		break;
	default:
		break;
	}
	emu_json_str(&j, "source_fid", sfid);
	emu_json_str(&j, "data_fid", dfidtxt);
	emu_json_send(&j);
}
