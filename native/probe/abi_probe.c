/*
 * ABI probe: reports sizeof/offsetof/constant values of the HSM ABI as
 * newline-separated "key=value" lines (decimal).  Compiled twice from the
 * same key table (abi_keys.def):
 *   default                   against the project's include/lhsm_hsm_abi.h
 *   -DLHSM_PROBE_REAL_HEADERS against installed Lustre headers
 * so a Java test (or a human with lhsm-abi-probe) can diff the two.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

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
/* 2.14+ declare the path inside union gf_u; override for older headers. */
#ifndef LHSM_GF_PATH
#ifdef gf_path
#define LHSM_GF_PATH gf_path
#else
#define LHSM_GF_PATH gf_u.gf_path
#endif
#endif
#else
#include "lhsm_hsm_abi.h"
#define LHSM_PROBE_HAVE_IDL 1
#define LHSM_GF_PATH gf_path
#endif

#include "abi_probe.h"

/* Upper bound of the text: keys are < 64 chars, values < 24. */
#define LHSM_PROBE_BUF 16384

static char probe_text[LHSM_PROBE_BUF];
static pthread_once_t probe_once = PTHREAD_ONCE_INIT;

static size_t probe_append(size_t at, const char *key, long long value)
{
	int n;

	if (at >= sizeof(probe_text))
		return at;
	n = snprintf(probe_text + at, sizeof(probe_text) - at, "%s=%lld\n",
		     key, value);
	return n < 0 ? at : at + (size_t)n;
}

static void probe_build(void)
{
	size_t at = 0;

#define LHSM_S(tag) \
	at = probe_append(at, "sizeof." #tag, (long long)sizeof(struct tag));
#define LHSM_FX(tag, key, expr)                    \
	at = probe_append(at, "offsetof." #tag "." #key, \
			  (long long)offsetof(struct tag, expr));
#define LHSM_F(tag, field) LHSM_FX(tag, field, field)
#define LHSM_K(name) at = probe_append(at, "const." #name, (long long)(name));
#ifdef LHSM_PROBE_HAVE_IDL
#define LHSM_IDL_S(tag) LHSM_S(tag)
#define LHSM_IDL_F(tag, field) LHSM_F(tag, field)
#else
#define LHSM_IDL_S(tag)
#define LHSM_IDL_F(tag, field)
#endif
#include "abi_keys.def"
#undef LHSM_S
#undef LHSM_FX
#undef LHSM_F
#undef LHSM_K
#undef LHSM_IDL_S
#undef LHSM_IDL_F

	/* Truncation would be a table bug: make it visible rather than silent. */
	if (at >= sizeof(probe_text))
		strcpy(probe_text, "error=probe buffer too small\n");
}

const char *lhsm_abi_probe(void)
{
	pthread_once(&probe_once, probe_build);
	return probe_text;
}
