#!/usr/bin/env bash
# Stage 40: Lustre from the user's lustre-release source (a git repository — local path,
# bare or not, or URL — checked out at LHSM_VM_LUSTRE_REF, or a plain source tree), built
# for the guest kernel with ZFS OSDs and installed into the guest.
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

src=${LHSM_VM_SOURCE:?the lustre-release source (path or git URL) is not set}
kver=$(vm_guest_kernel)
tree="$VM_ROOTFS/usr/src/lustre-release"
vm_safe_rm "$tree"
mkdir -p "$tree"
if [ -d "$src" ] && [ ! -d "$src/.git" ] && [ ! -f "$src/HEAD" ]; then
  vm_log "copying the source tree $src"
  cp -a "$src/." "$tree/"
  commit=unknown
else
  gitdir=$src
  if [ ! -d "$src" ]; then
    gitdir="$VM_BUILD/lustre-release.git"
    [ -d "$gitdir" ] || git clone --bare "$src" "$gitdir"
  fi
  git -C "$gitdir" rev-parse --verify -q "$LHSM_VM_LUSTRE_REF^{commit}" >/dev/null \
    || vm_die "$LHSM_VM_LUSTRE_REF is not a commit or tag in $src"
  commit=$(git -C "$gitdir" rev-parse "$LHSM_VM_LUSTRE_REF^{commit}")
  vm_log "exporting $LHSM_VM_LUSTRE_REF ($commit) from $src"
  # A mirror may lack some blobs (large test images stored out of band: only conf-sanity's
  # upgrade tests read them, but make wants the files): export the rest, and an empty file in
  # place of each missing one.
  blobs="$VM_BUILD/lustre-blobs.txt"
  git -C "$gitdir" ls-tree -r "$commit" | awk '$2 == "blob" { print $3 "\t" $4 }' >"$blobs"
  mapfile -t missing < <(cut -f1 "$blobs" | git -C "$gitdir" cat-file --batch-check 2>/dev/null \
    | awk '$2 == "missing" { print $1 }' | grep -Ff - "$blobs" | cut -f2 || true)
  # git archive reads every blob, so check out through a private index without the missing ones.
  export GIT_INDEX_FILE="$VM_BUILD/lustre-export.index"
  rm -f "$GIT_INDEX_FILE"
  g=(git --git-dir="$(git -C "$gitdir" rev-parse --absolute-git-dir)" --work-tree="$tree")
  "${g[@]}" read-tree "$commit"
  for f in "${missing[@]}"; do
    vm_log "blob missing in the source, empty placeholder: $f"
    "${g[@]}" update-index --force-remove -- "$f"
  done
  "${g[@]}" checkout-index -a
  rm -f "$GIT_INDEX_FILE"
  unset GIT_INDEX_FILE
  for f in "${missing[@]}"; do : >"$tree/$f"; done
fi
printf '%s\n' "$commit" >"$VM_BUILD/lustre-commit"

vm_chroot_mount
# The ZFS OSD and mount_osd_zfs build against libzfs's headers (userspace, not dkms).
vm_chroot apt-get install -y -q --no-install-recommends libzfslinux-dev
vm_chroot sh -c "cd /usr/src/lustre-release && sh autogen.sh && ./configure \
  --with-linux=/usr/src/linux-headers-${kver%-amd64}-common \
  --with-linux-obj=/usr/src/linux-headers-$kver \
  --disable-ldiskfs --enable-server \
  --with-zfs=/usr/src/zfs-lustre --with-zfs-obj=/usr/src/zfs-lustre \
  --disable-gss --disable-doc --disable-static --disable-lutf --with-o2ib=no \
  --prefix=/usr --sysconfdir=/etc"
vm_log "make -j$LHSM_VM_JOBS (about 13 minutes on 2 cores)"
vm_chroot sh -c "cd /usr/src/lustre-release && make -j$LHSM_VM_JOBS && make install"
vm_chroot depmod "$kver"
vm_chroot ldconfig
for f in /usr/bin/lfs /usr/sbin/lctl /usr/sbin/lhsmtool_posix /usr/sbin/mkfs.lustre \
  /usr/include/lustre/lustreapi.h; do
  test -e "$VM_ROOTFS$f" || vm_die "make install left no $f"
done
find "$VM_ROOTFS/lib/modules/$kver" -name 'lustre.ko*' | grep -q . || vm_die "no lustre.ko for $kver"
find "$VM_ROOTFS/lib/modules/$kver" -name 'osd_zfs.ko*' | grep -q . || vm_die "no osd_zfs.ko for $kver"
