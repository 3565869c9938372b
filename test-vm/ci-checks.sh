#!/usr/bin/env bash
# Checks of the test VM that run without a VM (CI runs them inside `mvn -B verify` through
# test-vm/pom.xml): bash -n and shellcheck on every script here, the Vagrantfile's stage
# list against the scripts, and `vagrant validate` for both Lustre stacks. Needs shellcheck
# and vagrant (Debian: apt-get install shellcheck vagrant); no provider or plugin needed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

fail() {
  printf 'ci-checks.sh: FAIL: %s\n' "$*" >&2
  exit 1
}
ok() { printf 'ci-checks.sh: ok: %s\n' "$*"; }

for tool in shellcheck vagrant; do
  command -v "$tool" >/dev/null \
    || fail "'$tool' is not installed; install it (Debian/Ubuntu: apt-get install -y $tool)"
done

cd "$here"
mapfile -t scripts < <(find . -maxdepth 1 -name '*.sh' -printf '%f\n' | LC_ALL=C sort)
[ "${#scripts[@]}" -gt 0 ] || fail "no scripts found in $here"

# 1. Syntax, strict mode, and executability (common.sh is only ever sourced).
for s in "${scripts[@]}"; do
  bash -n "$s" || fail "bash -n $s"
  if [ "$s" != common.sh ]; then
    grep -qx 'set -euo pipefail' "$s" || fail "$s lacks 'set -euo pipefail'"
    [ -x "$s" ] || fail "$s is not executable"
  fi
done
ok "bash -n and strict mode: ${scripts[*]}"

# 2. Lint, following the sourced common.sh (.shellcheckrc sets the source path).
shellcheck -x "${scripts[@]}" || fail "shellcheck reported the problems above"
ok "shellcheck $(shellcheck --version | sed -n 's/^version: //p'): no findings"

# 3. Every numbered stage script is provisioned by the Vagrantfile, and vice versa.
mapfile -t stage_files < <(printf '%s\n' "${scripts[@]}" | grep -E '^[0-9]{2}-')
mapfile -t stage_refs < <(grep -oE '"[0-9]{2}-[a-z0-9-]+\.sh"' "$root/Vagrantfile" | tr -d '"')
[ "$(printf '%s\n' "${stage_files[@]}")" = "$(printf '%s\n' "${stage_refs[@]}")" ] \
  || fail "Vagrantfile stages (${stage_refs[*]}) differ from test-vm scripts (${stage_files[*]})"
ok "Vagrantfile provisions all stages in order: ${stage_refs[*]}"

# 3b. The QEMU VM's scripts (test-vm/qemu): syntax, strict mode, shellcheck; usage errors exit 2
# naming what is wrong; the sanity-hsm result parser and comparison table on a fixture.
qemu="$here/qemu"
mapfile -t qscripts < <(cd "$qemu" && { printf '%s\n' lustre-vm; find stages guest -type f \
  ! -name '*.service' -printf '%p\n'; printf '%s\n' lib.sh run.sh test.sh; } | LC_ALL=C sort)
for s in "${qscripts[@]}"; do
  bash -n "$qemu/$s" || fail "bash -n qemu/$s"
  case $s in
    lib.sh|run.sh|test.sh|guest/sanity-hsm-cfg.sh) ;;
    *) grep -qx 'set -euo pipefail' "$qemu/$s" || grep -qx 'set -uo pipefail' "$qemu/$s" \
         || fail "qemu/$s lacks strict mode"
       [ -x "$qemu/$s" ] || fail "qemu/$s is not executable" ;;
  esac
done
(cd "$qemu" && shellcheck -x "${qscripts[@]}") || fail "shellcheck reported the problems above (qemu/)"
ok "qemu/: bash -n, strict mode, shellcheck: ${#qscripts[@]} scripts"
set +e
out=$("$qemu/lustre-vm" frobnicate 2>&1); rc=$?
set -e
{ [ "$rc" = 2 ] && grep -q "unknown command 'frobnicate'" <<<"$out"; } \
  || fail "lustre-vm with an unknown command: exit $rc, '$out' (want 2 naming it)"
fx="$here/target/ci-checks/sanity"
mkdir -p "$fx/stock" "$fx/jt"
yml() { # yml DIR NAME:STATUS:ERROR...
  local d=$1 t
  shift
  { echo "TestGroup:"; echo "    name: sanity-hsm"; echo "    SubTests:"
    for t in "$@"; do
      printf '        -\n            name: test_%s\n            status: %s\n            duration: 1\n            return_code: 0\n' \
        "${t%%:*}" "$(cut -d: -f2 <<<"$t")"
      if [ -n "${t#*:*:}" ]; then printf '            error: "%s"\n' "${t#*:*:}"; else printf '            error:\n'; fi
    done; } >"$d/results.yml"
}
yml "$fx/stock" '1a:PASS:' '9a:SKIP:needs two clients' '12c:PASS:'
yml "$fx/jt" '1a:PASS:' '9a:SKIP:needs two clients' '12c:FAIL:restore timed out'
"$qemu/guest/sanity-results" "$fx/stock" >"$fx/stock.tsv"
"$qemu/guest/sanity-results" "$fx/jt" >"$fx/jt.tsv"
[ "$(cut -f1,2 "$fx/jt.tsv" | tr '\t\n' ':,')" = "1a:PASS,9a:SKIP,12c:FAIL," ] \
  || fail "sanity-results parsed $(tr '\t\n' ':,' <"$fx/jt.tsv")"
python3 "$qemu/sanity_table.py" "$fx/stock.tsv" "$fx/jt.tsv" | grep -qx '| 12c | PASS | FAIL (restore timed out) |' \
  || fail "sanity_table.py does not show the 12c difference"
if python3 "$qemu/sanity_table.py" "$fx/stock.tsv" "$fx/jt.tsv" --regressions >/dev/null; then
  fail "sanity_table.py --regressions missed a stock PASS that jhsmtool FAILs"
fi
python3 "$qemu/sanity_table.py" "$fx/stock.tsv" "$fx/stock.tsv" --regressions >/dev/null \
  || fail "sanity_table.py --regressions reports a regression between identical runs"
ok "qemu/: usage errors exit 2; sanity-hsm results parsed and compared on a fixture"

# 4. vagrant validate. It refuses to validate when no provider is usable, so: once ignoring
# provider blocks, and once against the VirtualBox block with a stand-in VBoxManage that
# only answers --version (enough for Vagrant to treat the provider as usable). The libvirt
# block is checked too when the vagrant-libvirt plugin is installed.
work="$here/target/ci-checks"
rm -rf "$work"
mkdir -p "$work/bin"
cat >"$work/bin/VBoxManage" <<'STUB'
#!/bin/sh
# Stand-in for validation only: Vagrant asks for the version to decide usability.
if [ "$1" = --version ]; then echo 7.0.14r161095; exit 0; fi
echo "stand-in VBoxManage cannot run: $*" >&2
exit 1
STUB
chmod +x "$work/bin/VBoxManage"
export VAGRANT_CHECKPOINT_DISABLE=1 VAGRANT_DOTFILE_PATH="$work/dotfile"
export VAGRANT_HOME="$work/vagrant-home" VAGRANT_CWD="$root"

validate() { # validate LABEL ENV-ASSIGNMENTS... -- VAGRANT-ARGS...
  local label=$1 out
  shift
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  out=$(env "${envs[@]}" vagrant validate "$@" 2>&1) || fail "vagrant validate ($label): $out"
  ok "vagrant validate ($label)"
}
libvirt=0
if vagrant plugin list 2>/dev/null | grep -q '^vagrant-libvirt '; then libvirt=1; fi
for stack in 2.15 2.16; do
  validate "LHSM_LUSTRE=$stack, provider blocks ignored" LHSM_LUSTRE="$stack" -- --ignore-provider
  validate "LHSM_LUSTRE=$stack, virtualbox" LHSM_LUSTRE="$stack" \
    VAGRANT_DEFAULT_PROVIDER=virtualbox PATH="$work/bin:$PATH" --
  if [ "$libvirt" = 1 ]; then
    validate "LHSM_LUSTRE=$stack, libvirt" LHSM_LUSTRE="$stack" VAGRANT_DEFAULT_PROVIDER=libvirt --
  fi
done
[ "$libvirt" = 1 ] || ok "libvirt block not validated: vagrant-libvirt plugin not installed"

# Bad settings must be refused with a message naming the setting.
for bad in LHSM_LUSTRE=2.99 LHSM_MEMORY=lots LHSM_IP=lustre-host; do
  if out=$(env "$bad" vagrant validate --ignore-provider 2>&1); then
    fail "vagrant validate accepted $bad"
  fi
  grep -qF "${bad%%=*}" <<<"$out" || fail "error for $bad does not name ${bad%%=*}: $out"
done
ok "bad LHSM_LUSTRE/LHSM_MEMORY/LHSM_IP values are refused by name"
