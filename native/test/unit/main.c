/* Runs every suite; exit status 1 if any check failed. */
#include <stdlib.h>
#include <unistd.h>

#include "t.h"

int t_failures;
int t_checks;

void t_tmpdir(char *out, size_t outsz)
{
	const char *base = getenv("TMPDIR");

	snprintf(out, outsz, "%s/lhsm-unit-XXXXXX", base ? base : "/tmp");
	if (mkdtemp(out) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
}

void t_rmrf(const char *path)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", path);
}

static void run(const char *name, void (*fn)(void))
{
	int before = t_failures;

	fn();
	fprintf(stderr, "%-18s %s\n", name, t_failures == before ? "ok" : "FAILED");
}

int main(void)
{
	run("fid_parse", test_fid_parse);
	run("parse_size", test_parse_size);
	run("log", test_log);
	run("fifo", test_fifo);
	run("recv", test_recv);
	run("mock_daemon", test_mock_daemon);
	fprintf(stderr, "%d checks, %d failed\n", t_checks, t_failures);
	return t_failures == 0 ? 0 : 1;
}
