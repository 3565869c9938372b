# shellcheck shell=bash disable=SC2034  # settings below are read by the scripts that source this
# Shared settings and helpers for the test-VM scripts. Sourced, never executed.
#
# Every setting is an LHSM_* environment variable. Precedence: the caller's environment
# (the Vagrantfile passes them to each provisioner), then /etc/lhsm-test-vm/env (written by
# 00-base.sh, so scripts run later by hand see the same values), then the defaults below.

: "${LHSM_STATE_DIR:=/etc/lhsm-test-vm}" # marks a provisioned VM; overridable for dry runs
if [ -r "$LHSM_STATE_DIR/env" ]; then
  # shellcheck source=/dev/null
  . "$LHSM_STATE_DIR/env"
fi

: "${LHSM_LUSTRE_VERSION:=2.15.7}"        # Whamcloud release directory lustre-<version>
: "${LHSM_LUSTRE_EL:=el8.10}"             # distribution directory inside it (el8.10, el9.4)
: "${LHSM_WHAMCLOUD_URL:=https://downloads.whamcloud.com/public}"
: "${LHSM_E2FSPROGS_RELEASE:=latest}"     # e2fsprogs/<release>/<elN> on the same server
: "${LHSM_LNET_IP:=192.168.56.10}"        # address of the private interface LNet binds to
: "${LHSM_FSNAME:=lustre}"
: "${LHSM_MOUNT:=/mnt/lustre}"            # client mount used by the tests
: "${LHSM_AGENT_MOUNT:=/mnt/lustre2}"     # second client mount, for the copytool (agent)
: "${LHSM_IMAGE_DIR:=/var/lib/lustre-vm}" # loop image files; not /tmp (tmpfiles cleans it)
: "${LHSM_MDT_SIZE_MB:=1024}"
: "${LHSM_OST_SIZE_MB:=2048}"
: "${LHSM_OST_COUNT:=2}"
: "${LHSM_HSM_EXTRA_PARAMS:=}"            # e.g. "hsm.grace_delay=10 hsm.max_requests=16"
: "${LHSM_PROJECT_DIR:=/vagrant}"         # where the Vagrantfile rsyncs the project
: "${LHSM_M2_REPO:=/root/.m2/repository}" # Maven local repository (suite runs as root)
: "${LHSM_MAVEN_VERSION:=3.9.9}"
: "${LHSM_MAVEN_SHA512:=a555254d6b53d267965a3404ecb14e53c3827c09c3b94b5678835887ab404556bfaf78dcfe03ba76fa2508649dca8531c74bca4d5846513522404d48e8c4ac8b}"

LHSM_EL_MAJOR=${LHSM_LUSTRE_EL%%.*}      # el8 / el9
LHSM_MGS_NID="${LHSM_LNET_IP}@tcp"
LHSM_MDT_NAME="${LHSM_FSNAME}-MDT0000"
LHSM_TARGET_MNT_BASE=/mnt/lhsm-targets   # server target mount points live below this
: "${LHSM_MAVEN_HOME:=/opt/apache-maven-${LHSM_MAVEN_VERSION}}"
LHSM_DNF_REPO_FILE=/etc/yum.repos.d/lhsm-lustre.repo

log() { printf '[%s] %s\n' "${0##*/}" "$*"; }
die() {
  printf '[%s] ERROR: %s\n' "${0##*/}" "$*" >&2
  exit 1
}

require_root() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (use sudo)"
}

# wait_until SECONDS DESCRIPTION COMMAND...: re-run COMMAND once a second until it
# succeeds; die naming DESCRIPTION when the deadline passes.
wait_until() {
  local limit=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + limit))
  until "$@"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      die "timed out after ${limit}s waiting for: $what"
    fi
    sleep 1
  done
}

is_lustre_mount() {
  [ "$(findmnt -n -o FSTYPE --mountpoint "$1" 2>/dev/null)" = lustre ]
}

# The _lustre kernel chosen by 20-lustre-kernel.sh (same string as `uname -r`).
lustre_kernel() {
  [ -r "$LHSM_STATE_DIR/lustre-kernel" ] \
    || die "$LHSM_STATE_DIR/lustre-kernel missing: 20-lustre-kernel.sh has not run"
  cat "$LHSM_STATE_DIR/lustre-kernel"
}

require_lustre_kernel() {
  local want
  want=$(lustre_kernel)
  [ "$(uname -r)" = "$want" ] || die "running kernel $(uname -r), expected $want: \
the reboot after 20-lustre-kernel.sh did not land on the Lustre kernel \
(check 'grubby --default-kernel'; run 'vagrant reload --provision')"
}

# Interface that carries LHSM_LNET_IP (the Vagrant private network).
lnet_interface() {
  ip -o -4 addr show | awk -v ip="$LHSM_LNET_IP" '{split($4, a, "/"); if (a[1] == ip) print $2}' \
    | head -n 1
}

mdt_image() { printf '%s/mdt0.img' "$LHSM_IMAGE_DIR"; }
ost_image() { printf '%s/ost%d.img' "$LHSM_IMAGE_DIR" "$1"; }
mdt_mountpoint() { printf '%s/mdt0' "$LHSM_TARGET_MNT_BASE"; }
ost_mountpoint() { printf '%s/ost%d' "$LHSM_TARGET_MNT_BASE" "$1"; }

targets_mounted() {
  local i
  is_lustre_mount "$(mdt_mountpoint)" || return 1
  for ((i = 0; i < LHSM_OST_COUNT; i++)); do
    is_lustre_mount "$(ost_mountpoint "$i")" || return 1
  done
}

clients_mounted() {
  is_lustre_mount "$LHSM_MOUNT" && is_lustre_mount "$LHSM_AGENT_MOUNT"
}

# Every MDT's coordinator reads "enabled".
hsm_enabled() {
  local out
  out=$(lctl get_param mdt.*.hsm_control 2>/dev/null) || return 1
  [ -n "$out" ] && ! grep -qv '=enabled$' <<<"$out"
}

lustre_healthy() {
  targets_mounted && clients_mounted && hsm_enabled
}

# Unmount clients, then targets (OSTs before the MDT/MGS); release their loop devices.
# Dies, naming the users, if a mount is busy (e.g. a copytool still running).
stop_lustre() {
  local m img i
  for m in "$LHSM_AGENT_MOUNT" "$LHSM_MOUNT"; do
    if is_lustre_mount "$m" && ! umount "$m"; then
      fuser -vm "$m" >&2 || true
      die "cannot unmount $m: stop the processes listed above (a copytool?) and retry"
    fi
  done
  for ((i = LHSM_OST_COUNT - 1; i >= 0; i--)); do
    m=$(ost_mountpoint "$i")
    if is_lustre_mount "$m"; then umount "$m" || die "cannot unmount $m"; fi
  done
  m=$(mdt_mountpoint)
  if is_lustre_mount "$m"; then umount "$m" || die "cannot unmount $m"; fi
  for img in "$LHSM_IMAGE_DIR"/*.img; do
    [ -e "$img" ] || continue
    losetup -l -j "$img" -O NAME -n 2>/dev/null | while read -r dev; do
      losetup -d "$dev" || true
    done
  done
}

# Java 17 and the Maven installed by 50-java-maven.sh, independent of sudo's PATH.
java_env() {
  local javac
  javac=$(rpm -ql java-17-openjdk-devel 2>/dev/null | grep '/bin/javac$' | head -n 1) \
    || true
  [ -n "$javac" ] || die "java-17-openjdk-devel is not installed (run 50-java-maven.sh)"
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$javac")")")
  export JAVA_HOME
  [ -x "$LHSM_MAVEN_HOME/bin/mvn" ] \
    || die "Maven not found at $LHSM_MAVEN_HOME (run 50-java-maven.sh)"
  export PATH="$JAVA_HOME/bin:$LHSM_MAVEN_HOME/bin:$PATH"
}

# Maven reactor selection inside the VM: everything but test-vm, whose checks (shellcheck,
# vagrant validate) are for the host/CI and cannot run in the VM (no vagrant there).
LHSM_VM_REACTOR=(-pl '!test-vm')
