/* Message levels, llapi_error/llapi_printf and their callbacks (spec 5.7). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu.h"

static int emu_msg_level = LLAPI_MSG_MAX;

static const char *const emu_level_names[] = {
	"OFF", "FATAL", "ERROR", "WARNING", "NORMAL", "INFO", "DEBUG",
};

const char *emu_level_name(int level)
{
	level &= LLAPI_MSG_MASK;
	if (level >= (int)(sizeof(emu_level_names) / sizeof(emu_level_names[0])))
		return "MAX";
	return emu_level_names[level];
}

/* stderr: "<program>: <message>[: <strerror> (<err>)]\n" */
static void emu_error_default(enum llapi_message_level level, int err,
			      const char *fmt, va_list ap)
{
	char msg[4096];
	size_t n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	if (!(level & LLAPI_MSG_NO_ERRNO)) {
		/* The errno text goes on the message's own line. */
		if (n > 0 && msg[n - 1] == '\n')
			msg[--n] = '\0';
		fprintf(stderr, "%s: %s: %s (%d)\n",
			program_invocation_short_name, msg, strerror(err), err);
	} else {
		fprintf(stderr, "%s: %s%s", program_invocation_short_name, msg,
			n > 0 && msg[n - 1] == '\n' ? "" : "\n");
	}
}

static void emu_info_default(enum llapi_message_level level, int err,
			     const char *fmt, va_list ap)
{
	(void)level;
	(void)err;
	vfprintf(stdout, fmt, ap);
}

static llapi_log_callback_t emu_error_cb = emu_error_default;
static llapi_log_callback_t emu_info_cb = emu_info_default;

void llapi_msg_set_level(int level)
{
	if (level < LLAPI_MSG_OFF)
		level = LLAPI_MSG_OFF;
	if (level > LLAPI_MSG_MAX)
		level = LLAPI_MSG_MAX;
	emu_msg_level = level;
}

int llapi_msg_get_level(void)
{
	return emu_msg_level;
}

llapi_log_callback_t llapi_error_callback_set(llapi_log_callback_t cb)
{
	llapi_log_callback_t old = emu_error_cb;

	emu_error_cb = cb != NULL ? cb : emu_error_default;
	return old;
}

llapi_log_callback_t llapi_info_callback_set(llapi_log_callback_t cb)
{
	llapi_log_callback_t old = emu_info_cb;

	emu_info_cb = cb != NULL ? cb : emu_info_default;
	return old;
}

void llapi_error(enum llapi_message_level level, int err, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	if ((int)(level & LLAPI_MSG_MASK) > emu_msg_level)
		return;
	va_start(ap, fmt);
	emu_error_cb(level, abs(err), fmt, ap);
	va_end(ap);
	errno = saved;
}

void llapi_printf(enum llapi_message_level level, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	if ((int)(level & LLAPI_MSG_MASK) > emu_msg_level)
		return;
	va_start(ap, fmt);
	emu_info_cb(level, 0, fmt, ap);
	va_end(ap);
	errno = saved;
}
