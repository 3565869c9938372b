#!/usr/bin/env bash
# CI check of the test VM's offline Maven fill (prefetch.sh), on an EMPTY local repository:
# its resolution step must succeed (it died on an optional dependency Maven Central lacks),
# and afterwards the project (real-lustre profile) must compile offline from it: main and test
# code of every module, with the build's plugins. (What plugins load only while tests run is
# fetched by prefetch.sh's second, online step, which CI does not repeat.)
#   test-vm/offline-fill-check.sh [DIR]   (default: a new directory under test-vm/target)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=${1:-$here/target/offline-fill-check/repository}
rm -rf "$repo"
"$here/prefetch.sh" --resolve-only --repo "$repo"
cd "$here/.."
mvn -B -q -o -Dmaven.repo.local="$repo" -P real-lustre -pl '!test-vm' test-compile \
  || { echo "offline-fill-check.sh: FAIL: the build needs what the fill did not fetch (see above)" >&2; exit 1; }
echo "offline-fill-check.sh: ok: after the fill of an empty repository the project compiles offline"
