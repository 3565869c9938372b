#!/usr/bin/env bash
# Demo on the embedded emulator, from a fresh clone: builds the project (tests skipped), starts an
# emulated Lustre filesystem with two client mounts, runs jhsmtool on the second mount, then
# archives, releases and restores sample files with agentctl and checks their contents.
# Everything runs under one temporary directory and is stopped on exit.
# Usage: ./demo.sh [workdir]
set -euo pipefail
top=$(cd "$(dirname "$0")" && pwd)
work=${1:-$(mktemp -d /tmp/lhsm-demo.XXXXXX)}
emu=$work/emu
archive=$work/archive
mkdir -p "$archive"

if ! ls "$top"/copytool/target/lhsm-copytool-*-all.jar "$top"/agentctl/target/lhsm-agentctl-*-all.jar \
    "$top"/emulator/target/lhsm-emulator.jar "$top"/native/target/native/liblustreapi.so.1 >/dev/null 2>&1; then
  echo "== building (mvn -B -q package -DskipTests)"
  (cd "$top" && mvn -B -q package -DskipTests)
fi

export LHSM_LIBLUSTREAPI=$top/native/target/native/liblustreapi.so.1
export LHSM_PARAM_ROOT=$emu/state/params
emulator=(java -jar "$top/emulator/target/lhsm-emulator.jar")
agentctl=$top/agentctl/src/dist/agentctl
copytool=$top/copytool/src/dist/jhsmtool

ct_pid=
exporter_pid=
cleanup() {
  if [ -n "$exporter_pid" ]; then
    kill -TERM "$exporter_pid" 2>/dev/null || true
    wait "$exporter_pid" 2>/dev/null || true
  fi
  if [ -n "$ct_pid" ]; then
    kill -TERM "$ct_pid" 2>/dev/null || true
    while kill -0 "$ct_pid" 2>/dev/null; do wait "$ct_pid" 2>/dev/null || true; done
  fi
  "${emulator[@]}" stop "$emu" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== starting an emulated filesystem in $emu"
"${emulator[@]}" start "$emu" --mounts 2

echo "== starting jhsmtool on $emu/mnt2 (archive in $archive)"
"$copytool" --hsm-root "$archive" -A 1 "$emu/mnt2" >"$work/jhsmtool.log" 2>&1 &
ct_pid=$!

mkdir -p "$emu/mnt/demo"
for n in 1 2 3; do head -c $((n * 3000000 + 17)) /dev/urandom >"$emu/mnt/demo/file$n"; done
(cd "$emu/mnt/demo" && sha256sum file1 file2 file3 >"$work/sums")
files=("$emu"/mnt/demo/file{1,2,3})

# The copytool registers asynchronously: agentctl --wait follows each request to its end.
echo "== archive";  "$agentctl" archive --archive-id 1 --wait --timeout 120 "${files[@]}"
"$agentctl" state "${files[@]}"
echo "== release";  "$agentctl" release "${files[@]}"
"$agentctl" state "${files[@]}"
echo "== restore";  "$agentctl" restore --wait --timeout 120 "${files[@]}"
"$agentctl" state "${files[@]}"
echo "== verify contents"
(cd "$emu/mnt/demo" && sha256sum -c "$work/sums")
echo "== archive tree"
find "$archive" -type f | sed "s|^$archive/||" | sort | head -20
echo "== coordinator metrics: agentctl exporter, one scrape of /metrics"
"$agentctl" exporter --listen 127.0.0.1:0 >"$work/exporter.log" 2>&1 &
exporter_pid=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's/^serving \(http:[^ ]*\)$/\1/p' "$work/exporter.log")
  [ -n "$url" ] && break
  kill -0 "$exporter_pid" 2>/dev/null || { cat "$work/exporter.log"; exit 1; }
  sleep 0.2
done
echo "curl $url"
curl -fsS "$url" | grep -E '^lustre_hsm_(coordinator_state\{.*state="enabled"|agents\{|requests\{.*status="succeed"|agent_requests_completed_total|request_completion_seconds_count)' \
  | grep -v ' 0\.0$' || true
echo "demo ok: archive -> release -> restore with verified contents, metrics served"
