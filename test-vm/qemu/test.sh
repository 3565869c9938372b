# shellcheck shell=bash disable=SC2154  # here, repo_root, bad_usage, need_root: from lustre-vm, run.sh
# `lustre-vm test [STEP...]`: the project's suites and Lustre's sanity-hsm.sh inside the VM.
# Sourced by run.sh. The project is built here on the host (JVMs under TCG are ~15x slower);
# the guest copies the built tree from the read-only share and runs the tests offline against
# a Maven repository the host fills (hard links of ~/.m2 plus the project's own artifacts).
#
# Steps (default: suites): probe layout bindings integration = suites; sanity-hsm (stock and
# jhsmtool on fresh filesystems, then the comparison table); sanity-hsm-stock;
# sanity-hsm-jhsmtool; smallfiles (small-file archive rate, stock vs jhsmtool;
# LHSM_VM_SMALLFILES="FILES SIZE_KIB ROUNDS MAXREQ [WARMUP]"); table (rebuild the table from the last
# sanity-hsm results).

VM_RESULTS="$VM_RUN/scratch/results"

build_for_guest() {
  local m2="$VM_RUN/scratch/m2"
  if [ ! -d "$m2/repository" ]; then
    vm_log "seeding the guest's Maven repository from ~/.m2 (hard links)"
    mkdir -p "$m2"
    cp -al "${HOME}/.m2/repository" "$m2/repository"
  fi
  if [ "${LHSM_VM_NO_BUILD:-0}" = 1 ]; then
    vm_log "LHSM_VM_NO_BUILD=1: using the tree as built"
    return 0
  fi
  # The build the guest copies, and the project's artifacts (plus whatever the real-lustre
  # profile resolves that the default build has not) in the guest's repository. Failsafe
  # ignores -DskipTests, hence -DskipITs.
  vm_log "building the project on the host (mvn install into $m2, tests skipped)"
  (cd "$repo_root" && mvn -B -q -Dmaven.repo.local="$m2/repository" -pl '!test-vm' \
    -P real-lustre install -DskipTests -DskipITs) \
    || vm_die "the host build failed (mvn install -DskipTests into $m2/repository in $repo_root)"
}

guest_run() { # guest_run SCRIPT ARGS...: a script of test-vm/qemu/guest/ in the VM
  local script=$1
  shift
  vm_ssh "/lhsm/src/test-vm/qemu/guest/$script $(printf '%q ' "$@")"
}

fresh_filesystem() {
  cmd_stop
  cmd_reset
  cmd_start
}

run_tests() {
  local steps=("$@") rc=0 step
  [ ${#steps[@]} -gt 0 ] || steps=(suites)
  need_root test
  mkdir -p "$VM_RESULTS"
  for step in "${steps[@]}"; do
    case $step in
      suites|probe|layout|bindings|integration)
        vm_running || cmd_start
        build_for_guest
        guest_run run-suites "$step" ${LHSM_VM_IT:+"$LHSM_VM_IT"} || rc=1 ;;
      sanity-hsm)
        build_for_guest
        fresh_filesystem
        guest_run run-sanity-hsm stock || rc=1
        fresh_filesystem
        guest_run run-sanity-hsm jhsmtool || rc=1
        write_table || rc=1 ;;
      sanity-hsm-stock|sanity-hsm-jhsmtool)
        vm_running || cmd_start
        [ "$step" = sanity-hsm-stock ] || build_for_guest
        guest_run run-sanity-hsm "${step#sanity-hsm-}" || rc=1 ;;
      smallfiles)
        vm_running || cmd_start
        build_for_guest
        # shellcheck disable=SC2086  # FILES SIZE_KIB ROUNDS MAXREQ, word-split on purpose
        guest_run run-smallfile-compare ${LHSM_VM_SMALLFILES:-} || rc=1 ;;
      table) write_table || rc=1 ;;
      *) bad_usage "unknown test step '$step' (suites probe layout bindings integration sanity-hsm sanity-hsm-stock sanity-hsm-jhsmtool smallfiles table)" ;;
    esac
  done
  mkdir -p "$repo_root/test-vm/reports"
  rsync -a --exclude m2 "$VM_RESULTS/" "$repo_root/test-vm/reports/" 2>/dev/null \
    || cp -r "$VM_RESULTS/." "$repo_root/test-vm/reports/"
  vm_log "reports: $repo_root/test-vm/reports"
  return "$rc"
}

# The comparison table from the two runs' result lists (test, status, reason per line).
write_table() {
  local stock="$VM_RESULTS/sanity-hsm-stock/results.tsv" jt="$VM_RESULTS/sanity-hsm-jhsmtool/results.tsv"
  local out="$repo_root/test-vm/results/sanity-hsm-2.16.1.md"
  { [ -f "$stock" ] && [ -f "$jt" ]; } || vm_die "no sanity-hsm results to compare (run: lustre-vm test sanity-hsm)"
  mkdir -p "$(dirname "$out")"
  python3 "$here/sanity_table.py" "$stock" "$jt" \
    --commit "$(git -C "$repo_root" rev-parse --short HEAD)" \
    --image "$(tr '\n' ' ' <"$VM_IMAGE/image.info")" \
    --targets "$LHSM_VM_MDTS MDTs, $LHSM_VM_OSTS OSTs" >"$out"
  vm_log "table: $out"
  # A test that passes with the stock copytool must pass with jhsmtool.
  python3 "$here/sanity_table.py" "$stock" "$jt" --regressions
}
