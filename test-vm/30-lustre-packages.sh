#!/usr/bin/env bash
# Stage 30 (phase 2, after the reboot): Lustre server, test and devel packages for the
# running _lustre kernel. One node is server and client: the server "lustre" package already
# provides the client, so no lustre-client/kmod-lustre-client (they conflict), no dkms and no
# resource-agents. Idempotent.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
require_root
require_lustre_kernel

packages=(
  lustre kmod-lustre kmod-lustre-osd-ldiskfs lustre-osd-ldiskfs-mount # server + client
  lustre-devel                                                        # headers for the ABI probe
  lustre-tests kmod-lustre-tests lustre-iokit                         # upstream test tools
)
missing=()
for p in "${packages[@]}"; do
  rpm -q "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  dnf -y --setopt=install_weak_deps=False --enablerepo=lhsm-lustre-server \
    --enablerepo=lhsm-e2fsprogs install "${missing[@]}"
fi

installed=$(rpm -q --qf '%{version}' lustre)
case "$installed" in
  "$LHSM_LUSTRE_VERSION" | "$LHSM_LUSTRE_VERSION".*) ;;
  *) die "installed lustre $installed, expected $LHSM_LUSTRE_VERSION" ;;
esac
kver=$(uname -r)
for mod in lnet lustre osd_ldiskfs ldiskfs; do
  modinfo -k "$kver" "$mod" >/dev/null 2>&1 \
    || die "kernel module $mod not found for $kver: the Lustre kmods do not match this kernel"
done
[ -r /usr/include/lustre/lustreapi.h ] || die "lustre-devel installed but lustreapi.h missing"
log "Lustre $installed installed for $kver"
