/* Minimal test harness for the C unit tests (one runner, many suites). */
#ifndef LHSM_T_H
#define LHSM_T_H

#include <stdio.h>
#include <string.h>

extern int t_failures;
extern int t_checks;

#define CHECK(cond)                                                        \
	do {                                                               \
		t_checks++;                                                \
		if (!(cond)) {                                             \
			t_failures++;                                      \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, \
				__LINE__, #cond);                          \
		}                                                          \
	} while (0)

#define CHECK_INT(got, want)                                               \
	do {                                                               \
		long long g_ = (long long)(got), w_ = (long long)(want);   \
		t_checks++;                                                \
		if (g_ != w_) {                                            \
			t_failures++;                                      \
			fprintf(stderr, "%s:%d: %s = %lld, expected %lld\n", \
				__FILE__, __LINE__, #got, g_, w_);         \
		}                                                          \
	} while (0)

#define CHECK_STR(got, want)                                               \
	do {                                                               \
		const char *g_ = (got), *w_ = (want);                      \
		t_checks++;                                                \
		if (g_ == NULL || strcmp(g_, w_) != 0) {                   \
			t_failures++;                                      \
			fprintf(stderr, "%s:%d: %s = \"%s\", expected \"%s\"\n", \
				__FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_); \
		}                                                          \
	} while (0)

void test_fid_parse(void);
void test_parse_size(void);
void test_log(void);
void test_fifo(void);
void test_recv(void);
void test_mock_daemon(void);

/* Reads one JSON event line from the FIFO read end rfd, checks the
 * event_time member and returns what follows its value (test_fifo.c). */
void next_event(int rfd, char *rest, size_t restsz);

/* A fresh temporary directory (mkdtemp) and its recursive removal. */
void t_tmpdir(char *out, size_t outsz);
void t_rmrf(const char *path);

#endif
