/* Hand-made KUC frames carrying an hsm_action_list, for recv tests. */
#ifndef LHSM_FRAMES_H
#define LHSM_FRAMES_H

#include <string.h>

#include "lhsm_lustreapi.h"

/* Writes a frame into buf; returns its total length (kuc_msglen). */
static inline size_t frame_hal(void *buf, __u8 transport, __u16 msgtype,
			       __u32 archive_id, const char *fsname,
			       int nitems, __u64 first_cookie)
{
	struct kuc_hdr *kuch = buf;
	struct hsm_action_list *hal = (struct hsm_action_list *)(kuch + 1);
	struct hsm_action_item *hai;
	int i;

	memset(buf, 0, 8 + sizeof(*hal) + 64 + (size_t)nitems * 80);
	hal->hal_version = HAL_VERSION;
	hal->hal_count = (__u32)nitems;
	hal->hal_archive_id = archive_id;
	strcpy(hal->hal_fsname, fsname);
	hai = hai_first(hal);
	for (i = 0; i < nitems; i++) {
		hai->hai_len = sizeof(*hai);
		hai->hai_action = HSMA_ARCHIVE;
		hai->hai_fid = (struct lu_fid){ 0x200000401ULL, (__u32)(i + 1), 0 };
		hai->hai_dfid = hai->hai_fid;
		hai->hai_extent = (struct hsm_extent){ 0, LUSTRE_EOF };
		hai->hai_cookie = first_cookie + (__u64)i;
		hai = hai_next(hai);
	}
	kuch->kuc_magic = KUC_MAGIC;
	kuch->kuc_transport = transport;
	kuch->kuc_msgtype = msgtype;
	kuch->kuc_msglen = (__u16)((char *)hai - (char *)buf);
	return kuch->kuc_msglen;
}

static inline size_t frame_shutdown(void *buf)
{
	struct kuc_hdr *kuch = buf;

	memset(kuch, 0, sizeof(*kuch));
	kuch->kuc_magic = KUC_MAGIC;
	kuch->kuc_transport = KUC_TRANSPORT_GENERIC;
	kuch->kuc_msgtype = KUC_MSG_SHUTDOWN;
	kuch->kuc_msglen = sizeof(*kuch);
	return sizeof(*kuch);
}

#endif
