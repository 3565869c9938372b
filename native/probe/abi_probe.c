/*
 * ABI probe: reports sizeof/offsetof/constant values of the HSM ABI, and the
 * libc values the Java side uses, as newline-separated "key=value" lines
 * (decimal, or "absent" for a name the headers do not declare).  Compiled
 * twice from the same key table (abi_keys.def):
 *   default                   against the project's include/lhsm_hsm_abi.h
 *   -DLHSM_PROBE_REAL_HEADERS against Lustre headers; their version must be
 *                             given as -DLHSM_LUSTRE_MAJOR=2
 *                             -DLHSM_LUSTRE_MINOR=15 -DLHSM_LUSTRE_PATCH=7
 *                             (installed headers do not carry it)
 * so a Java test (or a human with lhsm-abi-probe) can compare them with
 * native/test/abi_expected.txt, which knows the values of every version.
 * Besides the ABI keys the text has probe.* lines: the Lustre version the
 * headers are of and whether they are the real ones.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/limits.h>
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef LHSM_PROBE_REAL_HEADERS
#include <lustre/lustreapi.h>
#include <linux/lustre/lustre_user.h>
#if defined(__has_include)
#if __has_include(<linux/lustre/lustre_kernelcomm.h>)
#include <linux/lustre/lustre_kernelcomm.h>
#endif
#if __has_include(<linux/lustre/lustre_idl.h>)
#include <linux/lustre/lustre_idl.h>
#define LHSM_PROBE_HAVE_IDL 1
#endif
#endif
#if !defined(LHSM_LUSTRE_MAJOR) || !defined(LHSM_LUSTRE_MINOR) || \
	!defined(LHSM_LUSTRE_PATCH)
#error "real-header probe: state the Lustre version of the headers, e.g. make probe-real LUSTRE_VERSION=2.15.7"
#endif
#define LHSM_PROBE_REAL 1
/* Every supported version (2.12+) declares the path inside union gf_u. */
#ifndef LHSM_GF_PATH
#define LHSM_GF_PATH gf_u.gf_path
#endif
#else
#include "lhsm_hsm_abi.h"
#define LHSM_PROBE_HAVE_IDL 1
#define LHSM_PROBE_REAL 0
#define LHSM_GF_PATH gf_path
#define LHSM_LUSTRE_MAJOR LHSM_HSM_ABI_LUSTRE_MAJOR
#define LHSM_LUSTRE_MINOR LHSM_HSM_ABI_LUSTRE_MINOR
#define LHSM_LUSTRE_PATCH 0
#endif

#define LHSM_LUSTRE_AT_LEAST(major, minor)  \
	(LHSM_LUSTRE_MAJOR > (major) ||      \
	 (LHSM_LUSTRE_MAJOR == (major) && LHSM_LUSTRE_MINOR >= (minor)))

#if !LHSM_LUSTRE_AT_LEAST(2, 12)
#error "Lustre headers older than 2.12 are not supported"
#endif

#include "abi_probe.h"

/* Upper bound of the text: about 450 keys of < 64 chars, values < 24. */
#define LHSM_PROBE_BUF 32768

static char probe_text[LHSM_PROBE_BUF];
static pthread_once_t probe_once = PTHREAD_ONCE_INIT;

static size_t probe_append_text(size_t at, const char *key, const char *value)
{
	int n;

	if (at >= sizeof(probe_text))
		return at;
	n = snprintf(probe_text + at, sizeof(probe_text) - at, "%s=%s\n", key,
		     value);
	return n < 0 ? at : at + (size_t)n;
}

static size_t probe_append(size_t at, const char *key, long long value)
{
	char text[24];

	snprintf(text, sizeof(text), "%lld", value);
	return probe_append_text(at, key, text);
}

static void probe_build(void)
{
	size_t at = 0;

	at = probe_append(at, "probe.real_headers", LHSM_PROBE_REAL);
	at = probe_append(at, "probe.lustre_major", LHSM_LUSTRE_MAJOR);
	at = probe_append(at, "probe.lustre_minor", LHSM_LUSTRE_MINOR);
	at = probe_append(at, "probe.lustre_patch", LHSM_LUSTRE_PATCH);

#define LHSM_S(tag) \
	at = probe_append(at, "sizeof." #tag, (long long)sizeof(struct tag));
#define LHSM_FX(tag, key, expr)                    \
	at = probe_append(at, "offsetof." #tag "." #key, \
			  (long long)offsetof(struct tag, expr));
#define LHSM_F(tag, field) LHSM_FX(tag, field, field)
#define LHSM_K(name) at = probe_append(at, "const." #name, (long long)(name));
#define LHSM_K_ABSENT(name) at = probe_append_text(at, "const." #name, "absent");
/* Spelled out, not forwarded: a forwarded argument would be macro-expanded
 * before # turns it into the key (FID_SEQ_ROOT is a macro in our header). */
#ifdef LHSM_PROBE_HAVE_IDL
#define LHSM_IDL_S(tag) \
	at = probe_append(at, "sizeof." #tag, (long long)sizeof(struct tag));
#define LHSM_IDL_F(tag, field)                        \
	at = probe_append(at, "offsetof." #tag "." #field, \
			  (long long)offsetof(struct tag, field));
#define LHSM_IDL_K(name) \
	at = probe_append(at, "const." #name, (long long)(name));
#else
#define LHSM_IDL_S(tag) at = probe_append_text(at, "sizeof." #tag, "absent");
#define LHSM_IDL_F(tag, field) \
	at = probe_append_text(at, "offsetof." #tag "." #field, "absent");
#define LHSM_IDL_K(name) \
	at = probe_append_text(at, "const." #name, "absent");
#endif
#include "abi_keys.def"
#undef LHSM_S
#undef LHSM_FX
#undef LHSM_F
#undef LHSM_K
#undef LHSM_K_ABSENT
#undef LHSM_IDL_S
#undef LHSM_IDL_F
#undef LHSM_IDL_K

	/* Truncation would be a table bug: make it visible rather than silent. */
	if (at >= sizeof(probe_text))
		strcpy(probe_text, "error=probe buffer too small\n");
}

const char *lhsm_abi_probe(void)
{
	pthread_once(&probe_once, probe_build);
	return probe_text;
}
