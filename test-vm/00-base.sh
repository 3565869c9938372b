#!/usr/bin/env bash
# Stage 00: record the settings, SELinux permissive, firewalld off, base tools.
# Idempotent. Build tools are installed here, before 20-lustre-kernel.sh excludes kernel
# packages from dnf, because gcc pulls in kernel-headers.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
require_root

install -d -m 0755 "$LHSM_STATE_DIR"
env_file="$LHSM_STATE_DIR/env"
{
  echo "# Written by 00-base.sh; values the VM was provisioned with. Environment wins."
  for name in LHSM_LUSTRE_VERSION LHSM_LUSTRE_EL LHSM_WHAMCLOUD_URL LHSM_E2FSPROGS_RELEASE \
    LHSM_LNET_IP LHSM_FSNAME LHSM_MOUNT LHSM_AGENT_MOUNT LHSM_IMAGE_DIR LHSM_MDT_SIZE_MB \
    LHSM_OST_SIZE_MB LHSM_OST_COUNT LHSM_HSM_EXTRA_PARAMS LHSM_PROJECT_DIR LHSM_M2_REPO; do
    # shellcheck disable=SC2016  # the ${...+x} test is meant for whoever sources the file
    printf '[ -n "${%s+x}" ] || %s=%q\n' "$name" "$name" "${!name}"
  done
} >"$env_file.tmp"
mv "$env_file.tmp" "$env_file"
log "settings recorded in $env_file (Lustre $LHSM_LUSTRE_VERSION/$LHSM_LUSTRE_EL, LNet $LHSM_LNET_IP)"

case "$(. /etc/os-release && echo "${VERSION_ID%%.*}")" in
  "${LHSM_EL_MAJOR#el}") ;;
  *) die "box runs $(. /etc/os-release && echo "$PRETTY_NAME") but LHSM_LUSTRE_EL=$LHSM_LUSTRE_EL" ;;
esac
os_version=$(. /etc/os-release && echo "$VERSION_ID")
if [ "el$os_version" != "$LHSM_LUSTRE_EL" ]; then
  log "WARNING: box is EL $os_version, the Lustre packages are built for $LHSM_LUSTRE_EL;" \
    "the _lustre kernel is what matters, but check LHSM_BOX_VERSION if installs fail"
fi

# SELinux gets in the way of loop-mounted ldiskfs targets; every recipe turns it off.
if command -v getenforce >/dev/null && [ "$(getenforce)" = Enforcing ]; then
  setenforce 0
fi
if [ -f /etc/selinux/config ]; then
  sed -i 's/^SELINUX=.*/SELINUX=permissive/' /etc/selinux/config
fi

# LNet's acceptor listens on TCP 988; a single test VM needs no firewall.
if systemctl list-unit-files firewalld.service >/dev/null 2>&1; then
  systemctl disable --now firewalld.service >/dev/null 2>&1 || true
fi

dnf -y install gcc make rsync tar git which curl findutils lsof psmisc util-linux \
  dnf-plugins-core
log "base system ready"
