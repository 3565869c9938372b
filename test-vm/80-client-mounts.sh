#!/usr/bin/env bash
# Stage 80 (every boot): the client mount for the tests and a second client mount of the
# same filesystem for the HSM agent (copytool), as Lustre's own HSM tests do. Idempotent.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
require_root

targets_mounted || die "Lustre targets are not mounted: run 60-lustre-targets.sh first"
source_spec="$LHSM_MGS_NID:/$LHSM_FSNAME"

mount_errors="$LHSM_IMAGE_DIR/last-client-mount-error.txt"
try_mount() { mount -t lustre -o user_xattr,flock "$source_spec" "$1" 2>"$mount_errors"; }

for m in "$LHSM_MOUNT" "$LHSM_AGENT_MOUNT"; do
  if is_lustre_mount "$m"; then
    log "$m already mounted"
    continue
  fi
  install -d -m 0755 "$m"
  # Right after the targets come up the MGS may not answer yet: retry until a deadline.
  wait_until 90 "mount -t lustre $source_spec $m (last error: $mount_errors)" try_mount "$m"
  log "mounted $source_spec on $m"
done

ost_count() { lfs df "$LHSM_MOUNT" 2>/dev/null | grep -c '\[OST:' || true; }
osts_active() { [ "$(ost_count)" -eq "$LHSM_OST_COUNT" ]; }
wait_until 90 "$LHSM_OST_COUNT OST(s) to show in 'lfs df $LHSM_MOUNT'" osts_active
clients_mounted || die "client mounts missing after mounting them"
log "clients: $LHSM_MOUNT and $LHSM_AGENT_MOUNT ($(ost_count) OSTs)"
