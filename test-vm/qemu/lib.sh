# shellcheck shell=bash disable=SC2034  # settings below are read by the scripts that source this
# Settings and helpers of the QEMU Lustre VM (test-vm/qemu/). Sourced, never executed.
#
# Every setting is an LHSM_VM_* environment variable with a default here. The cache (image,
# build tree, logs, ssh key, run state) lives outside the work tree, so a fresh clone on the
# same machine reuses it.

: "${LHSM_VM_CACHE:=/var/cache/lhsm-test-vm}"
: "${LHSM_VM_SUITE:=bookworm}"            # Debian release of the guest
: "${LHSM_VM_MIRROR:=}"                   # empty: the mirror the host's apt uses
: "${LHSM_VM_LUSTRE_REF:=v2_16_1}"        # tag (or commit) built from the given source
: "${LHSM_VM_ROOT_SIZE:=16G}"             # guest root filesystem (sparse)
: "${LHSM_VM_MDTS:=2}"                    # MDT count (MDT0 also holds the MGS)
: "${LHSM_VM_OSTS:=2}"
: "${LHSM_VM_MDT_SIZE:=3G}"               # one sparse virtio disk (one zpool) per target
: "${LHSM_VM_OST_SIZE:=8G}"
: "${LHSM_VM_MEMORY:=6144}"               # MiB
: "${LHSM_VM_CPUS:=2}"
: "${LHSM_VM_ACCEL:=tcg}"                 # tcg (default: /dev/kvm here is PVM) or kvm
: "${LHSM_VM_TCG_THREAD:=single}"         # single or multi vCPU threads under tcg: see run.sh
: "${LHSM_VM_SSH_PORT:=10022}"            # forwarded from 127.0.0.1 to the guest's sshd
: "${LHSM_VM_JOBS:=$(nproc)}"             # make -j for ZFS and Lustre
: "${LHSM_VM_BOOT_TIMEOUT:=900}"          # seconds until Lustre must be mounted

VM_FSNAME=lustre
VM_HOSTNAME=lustre-vm
VM_LNET_IP=192.168.77.10                  # on the guest's dummy interface lnet0 (never routed)
VM_NID="${VM_LNET_IP}@tcp"

VM_BUILD="$LHSM_VM_CACHE/build"
VM_ROOTFS="$VM_BUILD/rootfs"
VM_STAGES="$VM_BUILD/stages"
VM_LOGS="$LHSM_VM_CACHE/logs"
VM_IMAGE="$LHSM_VM_CACHE/image"
VM_RUN="$LHSM_VM_CACHE/run"
VM_SSH_KEY="$LHSM_VM_CACHE/ssh/id_ed25519"
VM_QEMU_PID="$VM_RUN/qemu.pid"

vm_log() { printf '[lustre-vm %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
vm_die() {
  printf '[lustre-vm] ERROR: %s\n' "$*" >&2
  exit "${VM_DIE_STATUS:-1}"
}

# The Debian mirror the host's apt uses (deb822 or one-line sources), unless LHSM_VM_MIRROR.
vm_mirror() {
  if [ -n "$LHSM_VM_MIRROR" ]; then
    printf '%s\n' "$LHSM_VM_MIRROR"
    return
  fi
  local url
  url=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n 1 | tr -d ' ')
  printf '%s\n' "${url:-http://deb.debian.org/debian}"
}

# The guest kernel version installed in the build tree (one linux-image-*-amd64).
vm_guest_kernel() {
  local k
  k=$(find "$VM_ROOTFS/lib/modules" -mindepth 1 -maxdepth 1 -type d -name '*-amd64' -printf '%f\n' \
    | sort -V | tail -n 1)
  [ -n "$k" ] || vm_die "no guest kernel under $VM_ROOTFS/lib/modules: stage 20-packages has not run"
  printf '%s\n' "$k"
}

# Mounts the chroot needs, and their removal (also on any exit of a stage).
vm_chroot_mount() {
  local d
  for d in dev dev/pts proc sys; do
    mkdir -p "$VM_ROOTFS/$d"
    mountpoint -q "$VM_ROOTFS/$d" || mount --bind "/$d" "$VM_ROOTFS/$d"
  done
  trap vm_chroot_umount EXIT
}
vm_chroot_umount() {
  local m
  # Deepest first; a lazy unmount so a process left in the chroot cannot keep /dev bound.
  { findmnt -rn -o TARGET | grep -F "$VM_ROOTFS/" || true; } | sort -r | while read -r m; do
    umount -l "$m" || true
  done
}
# Run a command in the build tree, with apt non-interactive and no service starts.
vm_chroot() {
  chroot "$VM_ROOTFS" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"
}

# Refuse to delete a tree that still has something mounted under it (it could be the host's /dev).
vm_safe_rm() {
  local dir=$1
  [ -e "$dir" ] || return 0
  if findmnt -rn -o TARGET | grep -qF "$dir/"; then
    vm_die "refusing to delete $dir: something is still mounted under it"
  fi
  rm -rf --one-file-system "$dir"
}

vm_ssh_opts=(-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR
  -o ConnectTimeout=10 -o ServerAliveInterval=15 -o ServerAliveCountMax=8 -o BatchMode=yes)
# Run a command in the running guest as root.
vm_ssh() {
  ssh "${vm_ssh_opts[@]}" -i "$VM_SSH_KEY" -p "$LHSM_VM_SSH_PORT" root@127.0.0.1 "$@"
}

vm_running() {
  [ -r "$VM_QEMU_PID" ] && kill -0 "$(cat "$VM_QEMU_PID")" 2>/dev/null
}

# The project files stage 50 bakes into the image (the boot unit and its scripts): their digest is
# kept in the stage's stamp so that a tree that changed them rebuilds stages 50-60 (2-6 minutes)
# instead of booting an image that runs the old ones.
VM_BOOT_INPUTS=(stages/50-configure.sh guest/lhsm-lustre-up guest/lhsm-lustre-down guest/lhsm-lustre.service)
vm_boot_inputs_digest() {
  (cd "$(dirname "${BASH_SOURCE[0]}")" && cat "${VM_BOOT_INPUTS[@]}") | sha256sum | cut -c1-16
}
# True when the image was built from other boot files than the tree's (or by a version of this
# script that did not record them).
vm_boot_inputs_stale() {
  [ -f "$VM_STAGES/50-configure.done" ] || return 1
  ! grep -qx "boot-inputs $(vm_boot_inputs_digest)" "$VM_STAGES/50-configure.done"
}
