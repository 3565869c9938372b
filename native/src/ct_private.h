/* Layout of the opaque handles, shared by copytool.c and action.c. */
#ifndef LHSM_CT_PRIVATE_H
#define LHSM_CT_PRIVATE_H

#include <stdbool.h>
#include <time.h>

#include "emu.h"

#define EMU_CT_MAGIC 0x4c43544du /* handle sanity checks, as the real lib */
#define EMU_CA_MAGIC 0x4c43414du

struct hsm_copytool_private {
	__u32 magic;
	int fd;            /* event connection; stays the same number */
	int rfd_flags;
	int mnt_fd;        /* the mount and its .lustre/fid, open for life */
	int fid_fd;
	char *mnt;         /* normalised mount path as registered */
	struct emu_fs fs;
	int archive_count; /* 0 = every archive */
	int *archives;
	char uuid[UUID_MAX + 1];
	__u8 *buf;         /* HAL_MAXSIZE + kuc_hdr */
	struct hsm_copytool_private *next; /* registered handles list */
};

struct hsm_copyaction_private {
	__u32 magic;
	const struct hsm_copytool_private *ct;
	struct hsm_copy copy; /* hc_hai holds the fixed item, dfid updated */
	int data_fd;          /* ARCHIVE source, RESTORE volatile, REMOVE guard */
	bool have_times;      /* RESTORE: original times to put back */
	struct timespec times[2];
};

#endif
