#!/usr/bin/env bash
# Stage 20 (phase 1 of 2; the Vagrantfile reboots the VM after it): install the exact
# "_lustre" kernel the server repo was built for, make it the boot default, and keep dnf
# from ever replacing it. Stage 30 (phase 2) refuses to run unless this kernel is running.
# Idempotent: on a VM already running that kernel it only re-checks the boot default.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
require_root

repo_dnf=(dnf -q --disableexcludes=all --disablerepo='*' --enablerepo=lhsm-lustre-server)

# Ask the repo instead of hard-coding: each Lustre release ships one kernel build.
kver=$("${repo_dnf[@]}" repoquery --latest-limit=1 \
  --qf '%{version}-%{release}.%{arch}' kernel-core | tail -n 1)
case "$kver" in
  *_lustre*) ;;
  *) die "the Lustre $LHSM_LUSTRE_VERSION/$LHSM_LUSTRE_EL server repo offers no _lustre \
kernel-core (got '${kver}'); check LHSM_LUSTRE_VERSION/LHSM_LUSTRE_EL" ;;
esac
vr=${kver%.*} # version-release without the arch
log "Lustre server kernel: $kver"

# EL8 ships kernel/kernel-core/kernel-modules; EL9 adds kernel-modules-core. Take those the
# repo has at exactly this version (no -devel/-headers: nothing here builds kernel code).
mapfile -t wanted < <("${repo_dnf[@]}" repoquery --qf '%{name}' "kernel*-$vr" \
  | grep -xE 'kernel|kernel-core|kernel-modules|kernel-modules-core' | sort -u)
[ "${#wanted[@]}" -gt 0 ] || die "no kernel packages at version $vr in the server repo"
missing=()
for name in "${wanted[@]}"; do
  rpm -q "$name-$vr" >/dev/null 2>&1 || missing+=("$name-$vr")
done
if [ "${#missing[@]}" -gt 0 ]; then
  dnf -y --disableexcludes=all --enablerepo=lhsm-lustre-server install "${missing[@]}"
fi

[ -e "/boot/vmlinuz-$kver" ] || die "/boot/vmlinuz-$kver missing after installing $vr"
grubby --set-default "/boot/vmlinuz-$kver" >/dev/null
[ "$(grubby --default-kernel)" = "/boot/vmlinuz-$kver" ] \
  || die "grubby did not make /boot/vmlinuz-$kver the default (now $(grubby --default-kernel))"

# Never let dnf install another kernel (a newer stock kernel would become the default and
# the Lustre kmods would not load in it). The exclude goes on each enabled distribution
# repo, not in [main]: there it would also hide the installed _lustre kernel from the
# dependency solver when stage 30 installs the kmods. The Lustre repos stay disabled and
# hold only this one kernel build.
excl='kernel kernel-core kernel-modules kernel-modules-core kernel-modules-extra'
mapfile -t distro_repos < <(dnf -q repolist --enabled | awk '$1 != "repo" {print $1}')
for repo in "${distro_repos[@]}"; do
  dnf config-manager --save --setopt="$repo.excludepkgs=$excl" >/dev/null
done
log "kernel packages excluded from: ${distro_repos[*]}"

printf '%s\n' "$kver" >"$LHSM_STATE_DIR/lustre-kernel"
if [ "$(uname -r)" = "$kver" ]; then
  log "already running $kver"
else
  log "running $(uname -r); the reboot that follows boots $kver"
fi
