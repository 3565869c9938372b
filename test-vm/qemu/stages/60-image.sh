#!/usr/bin/env bash
# Stage 60: the cached image — the build tree as a sparse ext4 root disk, and the kernel and
# initramfs for direct boot. A run never writes it (it boots from an overlay).
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

kver=$(vm_guest_kernel)
vm_chroot_umount
findmnt -rn -o TARGET | grep -qF "$VM_ROOTFS/" && vm_die "something is still mounted under $VM_ROOTFS"
mkdir -p "$VM_IMAGE"
tmp="$VM_IMAGE/root.img.tmp"
rm -f "$tmp"
vm_log "writing the root disk ($LHSM_VM_ROOT_SIZE, sparse) from $VM_ROOTFS"
truncate -s "$LHSM_VM_ROOT_SIZE" "$tmp"
mkfs.ext4 -q -F -L labroot -d "$VM_ROOTFS" "$tmp"
cp "$VM_ROOTFS/boot/vmlinuz-$kver" "$VM_IMAGE/vmlinuz"
cp "$VM_ROOTFS/boot/initrd.img-$kver" "$VM_IMAGE/initrd.img"
mv -f "$tmp" "$VM_IMAGE/root.img"
{
  printf 'kernel=%s\n' "$kver"
  printf 'lustre=%s\n' "$(sed 's/^LUSTRE_VERSION = //' \
    "$VM_ROOTFS/usr/src/lustre-release/LUSTRE-VERSION-FILE" 2>/dev/null)"
  printf 'lustre_commit=%s\n' "$(cat "$VM_BUILD/lustre-commit")"
  printf 'zfs=%s\n' "$(find "$VM_ROOTFS/usr/src" -maxdepth 1 -name 'zfs-[0-9]*' -printf '%f\n' | sort -V | tail -n 1)"
  printf 'built=%s\n' "$(date -u +%FT%TZ)"
} >"$VM_IMAGE/image.info"
