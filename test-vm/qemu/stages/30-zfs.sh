#!/usr/bin/env bash
# Stage 30: ZFS modules for the guest kernel (dkms), and a second, configured ZFS tree that
# Lustre's configure can read (dkms deletes zfs_config.h and Module.symvers from its own).
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

kver=$(vm_guest_kernel)
zsrc=$(find "$VM_ROOTFS/usr/src" -maxdepth 1 -type d -name 'zfs-*' -printf '%f\n' | sort -V | tail -n 1)
[ -n "$zsrc" ] || vm_die "no /usr/src/zfs-* in the build tree: zfs-dkms is not installed"
zver=${zsrc#zfs-}
vm_chroot_mount
if ! vm_chroot dkms status -m zfs -v "$zver" -k "$kver" | grep -q installed; then
  vm_log "dkms install zfs/$zver for $kver"
  vm_chroot dkms install -m zfs -v "$zver" -k "$kver"
fi
find "$VM_ROOTFS/lib/modules/$kver" -name 'zfs.ko*' | grep -q . \
  || vm_die "dkms installed no zfs.ko for $kver"

vm_log "configuring /usr/src/zfs-lustre (ZFS $zver) against $kver"
vm_safe_rm "$VM_ROOTFS/usr/src/zfs-lustre"
cp -a "$VM_ROOTFS/usr/src/$zsrc" "$VM_ROOTFS/usr/src/zfs-lustre"
vm_chroot sh -c "cd /usr/src/zfs-lustre && ./configure --with-config=kernel \
  --with-linux=/usr/src/linux-headers-${kver%-amd64}-common \
  --with-linux-obj=/usr/src/linux-headers-$kver && make -j$LHSM_VM_JOBS"
symvers=$(find "$VM_ROOTFS/usr/src/zfs-lustre" -name Module.symvers | head -n 1)
[ -n "$symvers" ] || vm_die "the ZFS build left no Module.symvers"
cp "$symvers" "$VM_ROOTFS/usr/src/zfs-lustre/Module.symvers" 2>/dev/null || true
test -f "$VM_ROOTFS/usr/src/zfs-lustre/zfs_config.h" || vm_die "no zfs_config.h in /usr/src/zfs-lustre"
