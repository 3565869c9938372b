#!/usr/bin/env bash
# Stage 10: a Debian root tree (debootstrap, main + contrib) in the build cache.
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

mirror=$(vm_mirror)
vm_chroot_umount
vm_safe_rm "$VM_ROOTFS"          # a half-done debootstrap cannot be resumed: start over
mkdir -p "$VM_ROOTFS"
vm_log "debootstrap $LHSM_VM_SUITE from $mirror"
debootstrap --components=main,contrib --include=ca-certificates,locales \
  "$LHSM_VM_SUITE" "$VM_ROOTFS" "$mirror"

security=$(printf '%s\n' "$mirror" | sed 's#/debian/\?$#/debian-security#')
cat >"$VM_ROOTFS/etc/apt/sources.list" <<SOURCES
deb $mirror $LHSM_VM_SUITE main contrib
deb $mirror $LHSM_VM_SUITE-updates main contrib
deb $security $LHSM_VM_SUITE-security main contrib
SOURCES
# No service may start inside the chroot while packages install.
printf '#!/bin/sh\nexit 101\n' >"$VM_ROOTFS/usr/sbin/policy-rc.d"
chmod 755 "$VM_ROOTFS/usr/sbin/policy-rc.d"
test -x "$VM_ROOTFS/usr/bin/apt-get" || vm_die "debootstrap left no apt-get in $VM_ROOTFS"
