#!/usr/bin/env bash
# Stage 70 (every boot): enable the HSM coordinator on the MDT and check that it is on.
# A runtime set_param is enough: the filesystem is re-created on every boot, and a runtime
# setting takes effect at once (`set_param -P` is applied asynchronously). Idempotent.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
require_root

targets_mounted || die "Lustre targets are not mounted: run 60-lustre-targets.sh first"
param="mdt.$LHSM_MDT_NAME"
lctl get_param -n "$param.hsm_control" >/dev/null 2>&1 \
  || die "no parameter $param.hsm_control: is $LHSM_MDT_NAME mounted?"

lctl set_param "$param.hsm_control=enabled" >/dev/null
for kv in $LHSM_HSM_EXTRA_PARAMS; do
  lctl set_param "$param.$kv" >/dev/null || die "lctl set_param $param.$kv failed (LHSM_HSM_EXTRA_PARAMS)"
done
wait_until 60 "$param.hsm_control to read 'enabled'" hsm_enabled
install -d -m 0755 "$LHSM_IMAGE_DIR/hsm-archive" # backend for a manual lhsmtool_posix run
log "HSM coordinator: $(lctl get_param mdt.*.hsm_control | tr '\n' ' ')"
