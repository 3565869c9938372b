#!/usr/bin/env bash
# Throw the test filesystem away and start again: unmount clients and targets, reformat
# MGS/MDT and OSTs, mount them, enable the HSM coordinator, mount both clients.
# Installs nothing. In the VM: sudo /vagrant/test-vm/reset-fs.sh
# From the host:               vagrant ssh -c 'sudo /vagrant/test-vm/reset-fs.sh'
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"
require_root

LHSM_REFORMAT=1 "$here/60-lustre-targets.sh"
"$here/70-hsm-coordinator.sh"
"$here/80-client-mounts.sh"
lustre_healthy || die "filesystem not healthy after the reset"
log "fresh filesystem $LHSM_FSNAME on $LHSM_MOUNT (agent mount $LHSM_AGENT_MOUNT), HSM enabled"
