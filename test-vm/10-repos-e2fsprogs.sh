#!/usr/bin/env bash
# Stage 10: Whamcloud dnf repositories (Lustre server + e2fsprogs) and Whamcloud's
# e2fsprogs. Both repos stay disabled and are enabled per command, so the server repo never
# meets a client repo and a plain `dnf` run never pulls Lustre packages. Idempotent.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
require_root

server_url="$LHSM_WHAMCLOUD_URL/lustre/lustre-$LHSM_LUSTRE_VERSION/$LHSM_LUSTRE_EL/server/"
e2fs_url="$LHSM_WHAMCLOUD_URL/e2fsprogs/$LHSM_E2FSPROGS_RELEASE/$LHSM_EL_MAJOR/"

# downloads.whamcloud.com can be slow: tolerate low rates instead of aborting (minrate=0).
cat >"$LHSM_DNF_REPO_FILE.tmp" <<REPO
# Written by test-vm/10-repos-e2fsprogs.sh. Enable per command with --enablerepo=.
[lhsm-lustre-server]
name=Lustre $LHSM_LUSTRE_VERSION server ($LHSM_LUSTRE_EL)
baseurl=$server_url
enabled=0
gpgcheck=0
timeout=300
minrate=0

[lhsm-e2fsprogs]
name=Whamcloud e2fsprogs ($LHSM_E2FSPROGS_RELEASE, $LHSM_EL_MAJOR)
baseurl=$e2fs_url
enabled=0
gpgcheck=0
timeout=300
minrate=0
REPO
mv "$LHSM_DNF_REPO_FILE.tmp" "$LHSM_DNF_REPO_FILE"
log "repositories: $server_url and $e2fs_url"

# Fail here, with the URL, rather than deep inside a later install.
dnf -q --disablerepo='*' --enablerepo=lhsm-lustre-server makecache >/dev/null \
  || die "cannot read the Lustre server repository $server_url (check LHSM_LUSTRE_VERSION/LHSM_LUSTRE_EL)"
dnf -q --disablerepo='*' --enablerepo=lhsm-e2fsprogs makecache >/dev/null \
  || die "cannot read the e2fsprogs repository $e2fs_url"

# lustre-osd-ldiskfs-mount requires "ldiskfsprogs", which only Whamcloud's build provides.
# Installing that exact version upgrades the stock e2fsprogs and, through its exact-version
# requirements, e2fsprogs-libs, libcom_err and libss.
if ! rpm -q --whatprovides ldiskfsprogs >/dev/null 2>&1; then
  wc_version=$(dnf -q --disablerepo='*' --enablerepo=lhsm-e2fsprogs repoquery --latest-limit=1 \
    --qf '%{version}-%{release}' e2fsprogs | tail -n 1)
  [ -n "$wc_version" ] || die "no e2fsprogs package in $e2fs_url"
  dnf -y --enablerepo=lhsm-e2fsprogs install "e2fsprogs-$wc_version"
fi
rpm -q --whatprovides ldiskfsprogs >/dev/null 2>&1 \
  || die "e2fsprogs $(rpm -q e2fsprogs) does not provide ldiskfsprogs: Whamcloud's build was not installed"
log "e2fsprogs ready: $(rpm -q e2fsprogs)"
