#!/usr/bin/env bash
# Build the project in the VM and run it against real Lustre; the exit status is the result.
#
# On the host (repository root or anywhere; needs vagrant and rsync):
#   test-vm/run-suite.sh
#     pushes the working tree (vagrant rsync), runs this script in the VM through
#     `vagrant ssh -c 'sudo ...'`, then copies the VM's test-vm/reports/ back to
#     test-vm/reports/ on the host (rsync over `vagrant ssh-config`; `vagrant scp` when the
#     vagrant-scp plugin is there and rsync is not).
# In the VM (as root):
#   sudo /vagrant/test-vm/run-suite.sh
#
# Steps in the VM: (0) make sure the filesystem is healthy (reset-fs.sh if not);
# (1) build: mvn install -DskipTests -DskipITs; (2) the ABI probe against the installed Lustre
# headers (native/probe/check-lustre-headers.sh --installed, then make probe-real); (3) the Java
# constants and layouts against that probe (AbiLayoutTest with -Dlhsm.abi.requireRealProbe=true:
# a missing real probe fails the step, it never skips); (4) the integration suite:
# mvn verify -Dlhsm.mount=... -Dlhsm.agentMount=... -P real-lustre; (5) reports.
# Maven runs offline (-o) once prefetch.sh has filled the local repository.
#
# Environment (host and VM): LHSM_OFFLINE=auto|1|0, LHSM_LAYOUT_TEST (surefire -Dtest
# pattern, default AbiLayoutTest), LHSM_LAYOUT_MODULE (module holding it, default
# java-bindings), LHSM_MVN_ARGS (extra Maven arguments, split on spaces).
# Exit status: 0 all steps passed, 1 a step failed, 2 usage or environment error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
machine=lhsm # machine name in the Vagrantfile
vm_project=/vagrant
passed_env=(LHSM_OFFLINE LHSM_LAYOUT_TEST LHSM_LAYOUT_MODULE LHSM_MVN_ARGS)

usage_error() {
  printf 'run-suite.sh: %s\n' "$*" >&2
  exit 2
}
case "${1:-}" in
  "") ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
    ;;
  *) usage_error "unexpected argument '$1' (configure with LHSM_* variables; see --help)" ;;
esac

run_on_host() {
  local repo_root rc remote_cmd name cfg dest
  repo_root=$(cd "$here/.." && pwd)
  command -v vagrant >/dev/null || usage_error "vagrant not found (not in the VM, and no Vagrant on this host)"
  cd "$repo_root"
  vagrant status "$machine" --machine-readable | grep -q ",state,running" \
    || usage_error "VM '$machine' is not running: run 'vagrant up' in $repo_root first"
  vagrant rsync "$machine"

  remote_cmd="sudo env"
  for name in "${passed_env[@]}"; do
    if [ -n "${!name+x}" ]; then remote_cmd+=" $name=$(printf '%q' "${!name}")"; fi
  done
  remote_cmd+=" $vm_project/test-vm/run-suite.sh"
  set +e
  vagrant ssh "$machine" -c "$remote_cmd"
  rc=$?
  set -e

  dest="$repo_root/test-vm/reports"
  fetch_reports "$repo_root" "$dest" \
    || echo "run-suite.sh: WARNING: copying reports back failed; they stay in the VM" >&2
  echo "run-suite.sh: reports in $dest; exit status $rc"
  exit "$rc"
}

# fetch_reports REPO_ROOT DEST: copy the VM's reports directory to DEST (rsync folders
# only go host -> VM).
fetch_reports() {
  local repo_root=$1 dest=$2 cfg
  if command -v rsync >/dev/null; then
    mkdir -p "$dest" "$repo_root/.vagrant"
    cfg="$repo_root/.vagrant/lhsm-ssh-config"
    vagrant ssh-config "$machine" >"$cfg" || return 1
    rsync -a --delete -e "ssh -F '$cfg'" "$machine:$vm_project/test-vm/reports/" "$dest/"
  elif vagrant plugin list | grep -q '^vagrant-scp '; then
    rm -rf "$dest"
    vagrant scp "$machine:$vm_project/test-vm/reports" "$repo_root/test-vm/"
  else
    echo "run-suite.sh: neither rsync nor the vagrant-scp plugin is installed" >&2
    return 1
  fi
}

run_in_vm() {
  # shellcheck source=common.sh
  . "$here/common.sh"
  [ "$(id -u)" -eq 0 ] || usage_error "run as root in the VM: sudo $0"
  java_env
  local proj=$LHSM_PROJECT_DIR reports offline_args=() extra=() mvn results=() failed=0
  cd "$proj" || usage_error "project not found at $proj (LHSM_PROJECT_DIR)"
  reports="$proj/test-vm/reports"
  rm -rf "$reports"
  mkdir -p "$reports"

  case "${LHSM_OFFLINE:-auto}" in
    1) offline_args=(-o) ;;
    0) ;;
    auto) if [ -f "$LHSM_M2_REPO/.lhsm-prefetch" ]; then offline_args=(-o); fi ;;
    *) usage_error "LHSM_OFFLINE must be auto, 1 or 0 (got '$LHSM_OFFLINE')" ;;
  esac
  read -ra extra <<<"${LHSM_MVN_ARGS:-}"
  mvn=(mvn -B -Dmaven.repo.local="$LHSM_M2_REPO" "${offline_args[@]}" "${extra[@]}")

  # step NAME LOGFILE COMMAND...: run, log to reports/LOGFILE, record PASS/FAIL.
  step() {
    local name=$1 logf=$2
    shift 2
    log "==== $name: $*"
    if "$@" 2>&1 | tee "$reports/$logf"; then
      results+=("PASS  $name")
      return 0
    fi
    results+=("FAIL  $name (see reports/$logf)")
    failed=1
    return 1
  }

  if lustre_healthy; then
    results+=("PASS  filesystem healthy (no reset needed)")
  else
    step "filesystem reset (was not healthy)" 0-reset-fs.log "$here/reset-fs.sh" || true
  fi

  local native_out="$proj/native/target/native"
  if [ "$failed" = 0 ] && step "build" 1-build.log \
    "${mvn[@]}" "${LHSM_VM_REACTOR[@]}" install -DskipTests -DskipITs; then
    step "ABI probe source against the installed Lustre headers" 2-probe-headers.log \
      native/probe/check-lustre-headers.sh --installed --no-java || true
    step "ABI probe against installed Lustre headers" 2-probe-real.log \
      make -C native OUT="$native_out" LUSTRE_HEADERS=1 probe-real || true
    step "Java layout test (${LHSM_LAYOUT_TEST:-AbiLayoutTest}) against the real probe" \
      3-layout-test.log \
      "${mvn[@]}" -pl "${LHSM_LAYOUT_MODULE:-java-bindings}" test \
      -Dtest="${LHSM_LAYOUT_TEST:-AbiLayoutTest}" \
      -Dlhsm.abi.realProbes="$native_out/liblhsmprobe-real.so" \
      -Dlhsm.abi.requireRealProbe=true || true
    step "integration suite on $LHSM_MOUNT (agent $LHSM_AGENT_MOUNT)" 4-integration.log \
      "${mvn[@]}" "${LHSM_VM_REACTOR[@]}" verify -Dlhsm.mount="$LHSM_MOUNT" \
      -Dlhsm.agentMount="$LHSM_AGENT_MOUNT" -P real-lustre || true
  fi

  # Reports: surefire/failsafe XML, probe output, and the state of Lustre after the run.
  local d rel
  while IFS= read -r d; do
    rel=${d#"$proj"/}
    mkdir -p "$reports/$(dirname "$rel")"
    cp -r "$d" "$reports/$(dirname "$rel")/"
  done < <(find "$proj" -path "$reports" -prune -o -type d \
    \( -name surefire-reports -o -name failsafe-reports \) -path '*/target/*' -print)
  cp "$native_out"/*probe-real* "$reports/" 2>/dev/null || true
  {
    echo "# kernel / packages"; uname -r; rpm -q lustre kmod-lustre e2fsprogs
    echo "# NIDs"; lctl list_nids
    echo "# mounts"; findmnt -t lustre
    echo "# lfs df"; lfs df "$LHSM_MOUNT"
    echo "# HSM"; lctl get_param mdt.*.hsm_control mdt.*.hsm.*
  } >"$reports/lustre-state.txt" 2>&1 || true
  dmesg | tail -n 300 >"$reports/dmesg-tail.txt" 2>&1 || true
  printf '%s\n' "${results[@]}" | tee "$reports/summary.txt"
  return "$failed"
}

if [ -e "${LHSM_STATE_DIR:-/etc/lhsm-test-vm}/env" ]; then
  run_in_vm
else
  run_on_host
fi
