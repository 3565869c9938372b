/* llapi_fid_parse: accepted forms, errors and endptr (ABI spec 2). */
#include <errno.h>

#include "emu.h"
#include "t.h"

static void parse_ok(const char *s, __u64 seq, __u32 oid, __u32 ver,
		     const char *rest)
{
	struct lu_fid fid = { 0, 0, 0 };
	char *end = NULL;

	CHECK_INT(llapi_fid_parse(s, &fid, &end), 0);
	CHECK_INT(fid.f_seq, seq);
	CHECK_INT(fid.f_oid, oid);
	CHECK_INT(fid.f_ver, ver);
	CHECK_STR(end, rest);
}

static void parse_err(const char *s, int rc, const char *rest)
{
	struct lu_fid fid = { 7, 7, 7 };
	char *end = NULL;

	CHECK_INT(llapi_fid_parse(s, &fid, &end), rc);
	CHECK_STR(end, rest);
	CHECK_INT(fid.f_seq, 7); /* untouched on error */
}

void test_fid_parse(void)
{
	struct lu_fid fid;
	char txt[FID_NOBRACE_LEN + 1];

	parse_ok("[0x200000401:0x5:0x0]", 0x200000401ULL, 5, 0, "");
	parse_ok("0x200000401:0x5:0x0", 0x200000401ULL, 5, 0, "");
	parse_ok("  [[0x1:0x2:0x3]]tail", 1, 2, 3, "]tail");
	parse_ok("0x1:0x2:0x3]", 1, 2, 3, "]"); /* ] only after a [ */
	parse_ok("12:010:0x10", 12, 8, 16, "");   /* any strtoull base */
	parse_ok("0xfffffffffffffffe:0xffffffff:0xffffffff",
		 0xfffffffffffffffeULL, 0xffffffffU, 0xffffffffU, "");
	parse_ok("[0x2:0x3:0x4] more", 2, 3, 4, " more");

	parse_err("", -EINVAL, "");
	parse_err("[", -EINVAL, "");
	parse_err("zz:0x1:0x2", -EINVAL, "zz:0x1:0x2");
	parse_err("0x1:0x2", -EINVAL, "");
	parse_err("0x1;0x2:0x3", -EINVAL, ";0x2:0x3");
	parse_err("0x1::0x3", -EINVAL, ":0x3");
	parse_err("0xffffffffffffffff:0x1:0x0", -ERANGE, ":0x1:0x0");
	parse_err("0x99999999999999999:0x1:0x0", -ERANGE, ":0x1:0x0");
	parse_err("0x1:0x100000000:0x0", -ERANGE, ":0x0");
	parse_err("0x1:0x1:0x100000000", -ERANGE, "");
	parse_err("0x1:-1:0x0", -ERANGE, ":0x0");

	CHECK_INT(llapi_fid_parse(NULL, &fid, NULL), -EINVAL);
	CHECK_INT(llapi_fid_parse("0x1:0x2:0x3", NULL, NULL), -EINVAL);
	CHECK_INT(llapi_fid_parse("0x1:0x2:0x3", &fid, NULL), 0);

	/* DFID_NOBRACE text, incl. the %#llx zero sequence */
	fid = (struct lu_fid){ 0x200000401ULL, 0x5, 0 };
	emu_fid_nobrace(&fid, txt, sizeof(txt));
	CHECK_STR(txt, "0x200000401:0x5:0x0");
	fid = (struct lu_fid){ 0, 0x1, 0x2 };
	emu_fid_nobrace(&fid, txt, sizeof(txt));
	CHECK_STR(txt, "0:0x1:0x2");
}
