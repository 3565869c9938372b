#!/usr/bin/env bash
# Stage 20: the guest kernel, ZFS (dkms), Lustre's build dependencies, and what the tests
# need in the guest (JDK, Maven, gawk for sanity-hsm 606, pdsh/ssh for test-framework).
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

vm_chroot_mount
vm_chroot apt-get update -q
vm_chroot apt-get install -y -q --no-install-recommends \
  linux-image-amd64 linux-headers-amd64 initramfs-tools systemd-sysv udev dbus kmod \
  openssh-server iproute2 procps less vim-tiny psmisc file \
  build-essential autoconf automake libtool pkg-config m4 bison flex bzip2 rsync git \
  libyaml-dev libnl-genl-3-dev libselinux1-dev libssl-dev libmount-dev libkeyutils-dev \
  libreadline-dev zlib1g-dev libpython3-dev swig ed python3 module-assistant quilt \
  libjson-c-dev uuid-dev libblkid-dev libudev-dev libaio-dev libattr1-dev libelf-dev \
  dkms zfs-dkms zfsutils-linux \
  openjdk-17-jdk-headless maven gawk attr acl bc pdsh rsync strace dbench \
  e2fsprogs xfsprogs net-tools iputils-ping hostname sudo time uuid-runtime
kver=$(vm_guest_kernel)
test -d "$VM_ROOTFS/usr/src/linux-headers-$kver" || vm_die "headers for $kver are missing"
vm_log "guest kernel $kver"
