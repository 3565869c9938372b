/* llapi_parse_size: lfs size syntax. */
#include "emu.h"
#include "t.h"

static void size_ok(const char *s, unsigned long long units_in, int bytes_spec,
		    unsigned long long want, unsigned long long want_units)
{
	unsigned long long size = 0, units = units_in;

	CHECK_INT(llapi_parse_size(s, &size, &units, bytes_spec), 0);
	CHECK_INT(size, want);
	CHECK_INT(units, want_units);
}

static void size_bad(const char *s, int bytes_spec)
{
	unsigned long long size = 0, units = 1;

	CHECK_INT(llapi_parse_size(s, &size, &units, bytes_spec), -1);
}

void test_parse_size(void)
{
	const unsigned long long M = 1ULL << 20;

	size_ok("1", M, 0, M, M); /* default unit: the caller's */
	size_ok("7", 0, 0, 7, 1); /* 0 units: bytes */
	size_ok("512K", M, 0, 512 * 1024, 1024);
	size_ok("512k", M, 0, 512 * 1024, 1024);
	size_ok("2M", 1, 0, 2 * M, M);
	size_ok("1G", 1, 0, 1ULL << 30, 1ULL << 30);
	size_ok("3T", 1, 0, 3ULL << 40, 1ULL << 40);
	size_ok("1P", 1, 0, 1ULL << 50, 1ULL << 50);
	size_ok("2E", 1, 0, 2ULL << 60, 1ULL << 60);
	size_ok("100c", M, 0, 100, 1);
	size_ok("3b", M, 0, 3 * 512, 512); /* 512-byte blocks */
	size_ok("3b", M, 1, 3, 1);         /* bytes_spec: b = bytes */
	size_ok("1.5M", 1, 0, M + M / 2, M);
	size_ok("0.25", 1024, 0, 256, 1024);
	size_ok("0x10K", 1, 0, 16 * 1024, 1024);
	size_ok("4KiB", 1, 0, 4096, 1024);
	size_ok("4KB", 1, 0, 4096, 1024);

	size_bad("-1", 0);
	size_bad("", 0);
	size_bad("K", 0);
	size_bad("1x", 0);
	size_bad("1Kx", 0);
	size_bad("1KiBB", 0);
	size_bad("16E", 0);                    /* 2^64 overflows */
	size_bad("18446744073709551616", 0);   /* strtoull overflow */
	size_bad("17179869184G", 0);
	CHECK_INT(llapi_parse_size(NULL, NULL, NULL, 0), -1);
}
