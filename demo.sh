#!/usr/bin/env bash
# Demo on the embedded emulator, from a fresh clone: builds the project (tests skipped), starts an
# emulated Lustre filesystem with two client mounts, runs jhsmtool on the second mount, then
# archives, releases and restores sample files with agentctl and checks their contents.
# Everything runs under one temporary directory and is stopped on exit.
# With --s3 the archive is an S3 bucket instead of a directory: an S3 server (S3Proxy, filesystem
# backend, from the bench jar) is started on a loopback port and jhsmtool runs with --backend s3.
# Usage: ./demo.sh [--s3] [workdir]
set -euo pipefail
top=$(cd "$(dirname "$0")" && pwd)
s3=0
if [ "${1:-}" = "--s3" ]; then
  s3=1
  shift
fi
work=${1:-$(mktemp -d /tmp/lhsm-demo.XXXXXX)}
emu=$work/emu
archive=$work/archive
mkdir -p "$archive"

if ! ls "$top"/copytool/target/lhsm-copytool-*-all.jar "$top"/agentctl/target/lhsm-agentctl-*-all.jar \
    "$top"/emulator/target/lhsm-emulator.jar "$top"/native/target/native/liblustreapi.so.1 \
    "$top"/bench/target/lhsm-bench.jar >/dev/null 2>&1; then
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
s3_pid=
cleanup() {
  if [ -n "$exporter_pid" ]; then
    kill -TERM "$exporter_pid" 2>/dev/null || true
    wait "$exporter_pid" 2>/dev/null || true
  fi
  if [ -n "$ct_pid" ]; then
    kill -TERM "$ct_pid" 2>/dev/null || true
    while kill -0 "$ct_pid" 2>/dev/null; do wait "$ct_pid" 2>/dev/null || true; done
  fi
  if [ -n "$s3_pid" ]; then
    kill -TERM "$s3_pid" 2>/dev/null || true
    wait "$s3_pid" 2>/dev/null || true
  fi
  "${emulator[@]}" stop "$emu" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== starting an emulated filesystem in $emu"
"${emulator[@]}" start "$emu" --mounts 2

backend=(--hsm-root "$archive")
if [ "$s3" = 1 ]; then
  port=${LHSM_DEMO_S3_PORT:-$((20000 + RANDOM % 20000))}
  mkdir -p "$work/s3/lhsm-demo"   # the bucket: a directory of S3Proxy's filesystem backend
  printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:$port" "s3proxy.authorization=aws-v2-or-v4" \
    "s3proxy.identity=demo" "s3proxy.credential=demo-secret" "jclouds.provider=filesystem" \
    "jclouds.filesystem.basedir=$work/s3" >"$work/s3proxy.properties"
  echo "== starting an S3 server (S3Proxy) on 127.0.0.1:$port, objects under $work/s3"
  java -Dorg.slf4j.simpleLogger.logFile=System.out -cp "$top/bench/target/lhsm-bench.jar" \
    org.gaul.s3proxy.Main --properties "$work/s3proxy.properties" >"$work/s3proxy.log" 2>&1 &
  s3_pid=$!
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    sleep 0.1
  done
  export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo-secret
  backend=(--backend s3 --s3-endpoint "http://127.0.0.1:$port" --s3-bucket lhsm-demo --s3-prefix demo)
  archive=$work/s3/lhsm-demo
fi

echo "== starting jhsmtool on $emu/mnt2 (${backend[*]})"
"$copytool" "${backend[@]}" -A 1 "$emu/mnt2" >"$work/jhsmtool.log" 2>&1 &
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
