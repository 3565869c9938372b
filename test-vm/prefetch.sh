#!/usr/bin/env bash
# Fill the VM's local Maven repository while the VM has network, so that run-suite.sh can
# build with `mvn -o`. Runs as the last provisioning stage and by hand:
#   vagrant ssh -c 'sudo /vagrant/test-vm/prefetch.sh [--force]'
# Skips when the repository was filled for the same pom.xml files (use --force to redo).
# It resolves the real-lustre profile's dependencies and plugins, then runs the default build
# and tests once (against the emulator), which also fetches what plugins load at run time
# (test providers, the formatter). Test failures do not fail the prefetch.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"
require_root

force=0
case "${1:-}" in
  "") ;;
  --force) force=1 ;;
  *)
    echo "usage: $0 [--force]" >&2
    exit 2
    ;;
esac

java_env
cd "$LHSM_PROJECT_DIR" || die "project not found at $LHSM_PROJECT_DIR (LHSM_PROJECT_DIR)"
[ -f pom.xml ] || die "no pom.xml in $LHSM_PROJECT_DIR"

stamp="$LHSM_M2_REPO/.lhsm-prefetch"
poms=$(find . -name pom.xml -not -path '*/target/*' | LC_ALL=C sort | xargs sha256sum | sha256sum)
if [ "$force" = 0 ] && [ "$(cat "$stamp" 2>/dev/null)" = "$poms" ]; then
  log "$LHSM_M2_REPO already filled for these pom.xml files (--force to redo)"
  exit 0
fi

mkdir -p "$LHSM_M2_REPO"
mvn=(mvn -B -Dmaven.repo.local="$LHSM_M2_REPO")
log "resolving dependencies and plugins (profile real-lustre)"
"${mvn[@]}" -P real-lustre dependency:go-offline -DexcludeGroupIds=org.lhsm
log "one online build with tests, for what plugins resolve while running"
"${mvn[@]}" verify -Dmaven.test.failure.ignore=true "${LHSM_VM_REACTOR[@]}"
printf '%s\n' "$poms" >"$stamp"
log "done: run-suite.sh will build offline (mvn -o) from $LHSM_M2_REPO"
