/* llapi_error / llapi_printf routing, levels and the default stderr format. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include "emu.h"
#include "t.h"

static int seen_calls;
static int seen_level;
static int seen_err;
static char seen_text[512];

static void capture(enum llapi_message_level level, int err, const char *fmt,
		    va_list ap)
{
	seen_calls++;
	seen_level = level;
	seen_err = err;
	vsnprintf(seen_text, sizeof(seen_text), fmt, ap);
	errno = EBADF; /* the library must restore the caller's errno */
}

/* Runs fn with stderr redirected to a temp file and returns what it wrote. */
static void stderr_of(void (*fn)(void), char *out, size_t outsz)
{
	char path[] = "/tmp/lhsm-stderr-XXXXXX";
	int fd = mkstemp(path), saved = dup(2);
	ssize_t n;

	fflush(stderr);
	dup2(fd, 2);
	fn();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	n = pread(fd, out, outsz - 1, 0);
	out[n < 0 ? 0 : n] = '\0';
	close(fd);
	unlink(path);
}

static void emit_with_errno(void)
{
	llapi_error(LLAPI_MSG_ERROR, -EIO, "cannot copy '%s'", "f1");
}

static void emit_with_newline(void)
{
	llapi_error(LLAPI_MSG_ERROR, ENOENT, "gone\n");
}

static void emit_no_errno(void)
{
	llapi_error(LLAPI_MSG_WARN | LLAPI_MSG_NO_ERRNO, 0, "plain %d", 7);
}

void test_log(void)
{
	char out[1024], want[1024];
	llapi_log_callback_t prev;

	/* default error callback: program name, message, strerror (err) */
	llapi_msg_set_level(LLAPI_MSG_MAX);
	stderr_of(emit_with_errno, out, sizeof(out));
	snprintf(want, sizeof(want), "%s: cannot copy 'f1': %s (%d)\n",
		 program_invocation_short_name, strerror(EIO), EIO);
	CHECK_STR(out, want);
	stderr_of(emit_with_newline, out, sizeof(out));
	snprintf(want, sizeof(want), "%s: gone: %s (%d)\n",
		 program_invocation_short_name, strerror(ENOENT), ENOENT);
	CHECK_STR(out, want);
	stderr_of(emit_no_errno, out, sizeof(out));
	snprintf(want, sizeof(want), "%s: plain 7\n",
		 program_invocation_short_name);
	CHECK_STR(out, want);

	/* a callback gets |err| and the unformatted fmt + args */
	prev = llapi_error_callback_set(capture);
	CHECK(prev != NULL);
	errno = EAGAIN;
	llapi_error(LLAPI_MSG_ERROR, -EPERM, "x=%d y=%s", 3, "z");
	CHECK_INT(errno, EAGAIN);
	CHECK_INT(seen_calls, 1);
	CHECK_INT(seen_level, LLAPI_MSG_ERROR);
	CHECK_INT(seen_err, EPERM);
	CHECK_STR(seen_text, "x=3 y=z");

	/* messages above the level are dropped, flags do not count */
	llapi_msg_set_level(LLAPI_MSG_WARN);
	CHECK_INT(llapi_msg_get_level(), LLAPI_MSG_WARN);
	llapi_error(LLAPI_MSG_INFO, 0, "dropped");
	CHECK_INT(seen_calls, 1);
	llapi_error(LLAPI_MSG_WARN | LLAPI_MSG_NO_ERRNO, 0, "kept");
	CHECK_INT(seen_calls, 2);
	CHECK_INT(seen_level, LLAPI_MSG_WARN | LLAPI_MSG_NO_ERRNO);
	llapi_msg_set_level(-4);
	CHECK_INT(llapi_msg_get_level(), LLAPI_MSG_OFF);
	llapi_msg_set_level(99);
	CHECK_INT(llapi_msg_get_level(), LLAPI_MSG_MAX);

	/* llapi_printf goes to the info callback, not the error one */
	CHECK(llapi_info_callback_set(capture) != NULL);
	llapi_printf(LLAPI_MSG_NORMAL, "info %s", "line");
	CHECK_INT(seen_calls, 3);
	CHECK_STR(seen_text, "info line");
	CHECK_INT(seen_err, 0);
	CHECK(llapi_info_callback_set(NULL) == capture);

	/* NULL restores the default; the previous one is returned */
	CHECK(llapi_error_callback_set(NULL) == capture);
	llapi_error(LLAPI_MSG_ERROR | LLAPI_MSG_NO_ERRNO, 0, "%s", "");
	CHECK_INT(seen_calls, 3);
	CHECK(llapi_error_callback_set(prev) == prev); /* default == default */

	CHECK_STR(emu_level_name(LLAPI_MSG_WARN), "WARNING");
	CHECK_STR(emu_level_name(LLAPI_MSG_ERROR | LLAPI_MSG_NO_ERRNO), "ERROR");
	CHECK(liblustreapi_initialized);
}
