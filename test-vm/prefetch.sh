#!/usr/bin/env bash
# Fill the VM's local Maven repository while the VM has network, so that run-suite.sh can
# build with `mvn -o`. Runs as the last provisioning stage and by hand:
#   vagrant ssh -c 'sudo /vagrant/test-vm/prefetch.sh [--force]'
# Skips when the repository was filled for the same pom.xml files (use --force to redo).
# It resolves the real-lustre profile's dependencies and plugins, then runs the default build
# and tests once (against the emulator), which also fetches what plugins load at run time
# (test providers, the formatter). Test failures do not fail the prefetch.
#
#   prefetch.sh --resolve-only --repo DIR   (anywhere, no root): only the first step, into DIR,
#   from this checkout; CI runs it on an empty DIR (test-vm/offline-fill-check.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"

force=0
resolve_only=0
while [ $# -gt 0 ]; do
  case $1 in
    --force) force=1; shift ;;
    --resolve-only) resolve_only=1; shift ;;
    --repo) LHSM_M2_REPO=${2:?--repo needs a directory}; shift 2 ;;
    *)
      echo "usage: $0 [--force] | --resolve-only --repo DIR" >&2
      exit 2
      ;;
  esac
done

# The real-lustre profile's dependencies and the build's plugins, into LHSM_M2_REPO.
resolve() {
  mkdir -p "$LHSM_M2_REPO"
  log "resolving dependencies and plugins (profile real-lustre) into $LHSM_M2_REPO"
  mvn -B -Dmaven.repo.local="$LHSM_M2_REPO" -P real-lustre dependency:go-offline \
    -DexcludeGroupIds=org.lhsm
}

if [ "$resolve_only" = 1 ]; then
  cd "$here/.."
  resolve
  exit 0
fi

require_root
java_env
cd "$LHSM_PROJECT_DIR" || die "project not found at $LHSM_PROJECT_DIR (LHSM_PROJECT_DIR)"
[ -f pom.xml ] || die "no pom.xml in $LHSM_PROJECT_DIR"

stamp="$LHSM_M2_REPO/.lhsm-prefetch"
poms=$(find . -name pom.xml -not -path '*/target/*' | LC_ALL=C sort | xargs sha256sum | sha256sum)
if [ "$force" = 0 ] && [ "$(cat "$stamp" 2>/dev/null)" = "$poms" ]; then
  log "$LHSM_M2_REPO already filled for these pom.xml files (--force to redo)"
  exit 0
fi

resolve
log "one online build with tests, for what plugins resolve while running"
mvn -B -Dmaven.repo.local="$LHSM_M2_REPO" verify -Dmaven.test.failure.ignore=true "${LHSM_VM_REACTOR[@]}"
printf '%s\n' "$poms" >"$stamp"
log "done: run-suite.sh will build offline (mvn -o) from $LHSM_M2_REPO"
