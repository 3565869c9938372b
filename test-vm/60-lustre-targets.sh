#!/usr/bin/env bash
# Stage 60 (every boot): combined MGS/MDT and the OSTs, ldiskfs on sparse loop image files.
# The filesystem is disposable: if any target is not mounted (always so after a reboot),
# everything is unmounted and reformatted. LHSM_REFORMAT=1 (set by reset-fs.sh) reformats
# even a healthy filesystem. Otherwise a mounted set of targets is left alone.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
require_root
require_lustre_kernel

if [ "${LHSM_REFORMAT:-0}" != 1 ] && targets_mounted; then
  log "targets already mounted; nothing to do (reset-fs.sh reformats)"
  exit 0
fi
lctl list_nids 2>/dev/null | grep -qxF "$LHSM_MGS_NID" \
  || die "LNet does not have NID $LHSM_MGS_NID: run 40-lnet.sh first"

stop_lustre
install -d -m 0700 "$LHSM_IMAGE_DIR"

# format KIND IMAGE SIZE_MB ARGS...: a fresh sparse file, then mkfs.lustre on it.
format() {
  local kind=$1 img=$2 size_mb=$3
  shift 3
  rm -f "$img"
  truncate -s "${size_mb}M" "$img"
  log "formatting $kind on $img (${size_mb} MiB, sparse)"
  mkfs.lustre --reformat --backfstype=ldiskfs --fsname="$LHSM_FSNAME" \
    --device-size=$((size_mb * 1024)) "$@" "$img" >"$img.mkfs.log" 2>&1 \
    || die "mkfs.lustre for $kind failed; see $img.mkfs.log: $(tail -n 5 "$img.mkfs.log")"
}

# mount_target IMAGE MOUNTPOINT
mount_target() {
  install -d -m 0755 "$2"
  mount -t lustre -o loop "$1" "$2" || die "mount -t lustre -o loop $1 $2 failed (see dmesg)"
  log "mounted $1 on $2"
}

format "MGS+MDT0000" "$(mdt_image)" "$LHSM_MDT_SIZE_MB" --mgs --mdt --index=0
for ((i = 0; i < LHSM_OST_COUNT; i++)); do
  format "OST$(printf '%04x' "$i")" "$(ost_image "$i")" "$LHSM_OST_SIZE_MB" \
    --ost --index="$i" --mgsnode="$LHSM_MGS_NID"
done

mount_target "$(mdt_image)" "$(mdt_mountpoint)"
for ((i = 0; i < LHSM_OST_COUNT; i++)); do
  mount_target "$(ost_image "$i")" "$(ost_mountpoint "$i")"
done
targets_mounted || die "targets not all mounted after mounting them"
log "filesystem $LHSM_FSNAME: MGS+MDT0000 and $LHSM_OST_COUNT OST(s) up, MGS $LHSM_MGS_NID"
