#!/bin/sh
# Checks ABI probes against abi_expected.txt, at the Lustre version each probe
# reports (probe.lustre_major/minor), after checking the table itself.
#   check_probe.sh OUT          OUT/lhsm-abi-probe (our header; its shared
#                               library must give the same text) and, when it
#                               was built, OUT/lhsm-abi-probe-real
#   check_probe.sh --probe P... each P: a probe executable or its saved text
# Exits non-zero on any difference; never skips a probe it was given.
set -eu
here=$(dirname "$0")
table=${LHSM_ABI_EXPECTED:-$here/abi_expected.txt}
fail=0

# check_text FILE LABEL: FILE holds the probe text.
check_text() {
	awk -v label="$2" -v arch="$(uname -m)" '
	function vnum(s, a) { split(s, a, "."); return a[1] * 1000 + a[2] }
	function bad(msg) { print "check_probe: " label ": " msg > "/dev/stderr"; failed = 1 }
	FNR == NR {
		if ($0 ~ /^#/ || $0 == "") next
		if ($0 ~ /^@versions=/) { nv = split(substr($0, 11), versions, " "); next }
		eq = index($0, "=")
		if (eq == 0) { bad("abi_expected.txt line " FNR ": no =: " $0); next }
		key = substr($0, 1, eq - 1); val = substr($0, eq + 1)
		lo = 0; hi = 999999
		at = index(key, "@")
		if (at) {
			range = substr(key, at + 1); key = substr(key, 1, at - 1)
			dd = index(range, "..")
			if (dd) {
				if (dd > 1) lo = vnum(substr(range, 1, dd - 1))
				if (dd + 2 <= length(range)) hi = vnum(substr(range, dd + 2))
			} else lo = hi = vnum(range)
		}
		n = ++lines[key]; LO[key, n] = lo; HI[key, n] = hi; VAL[key, n] = val
		next
	}
	{
		eq = index($0, "=")
		if (eq == 0) { bad("probe line without =: " $0); next }
		k = substr($0, 1, eq - 1); got[k] = substr($0, eq + 1)
		if (k !~ /^probe\./) ngot++
	}
	END {
		if (nv == 0) bad("abi_expected.txt has no @versions line")
		# the table: one line per key and version, the newest open-ended
		for (key in lines)
			for (i = 1; i <= nv; i++) {
				m = 0
				for (n = 1; n <= lines[key]; n++)
					if (LO[key, n] <= vnum(versions[i]) && vnum(versions[i]) <= HI[key, n]) { m++; last = n }
				if (m != 1) bad("abi_expected.txt: " key " has " m " values for " versions[i])
				else if (i == nv && HI[key, last] != 999999) bad("abi_expected.txt: " key ": the " versions[i] " line must be open-ended")
			}
		if (!("probe.lustre_major" in got) || !("probe.lustre_minor" in got)) {
			bad("the probe does not say which Lustre version its headers are"); exit 1
		}
		v = got["probe.lustre_major"] * 1000 + got["probe.lustre_minor"]
		if (v < vnum(versions[1])) { bad("headers older than " versions[1] " are not supported"); exit 1 }
		count = 0
		for (key in lines) {
			want = ""
			for (n = 1; n <= lines[key]; n++)
				if (LO[key, n] <= v && v <= HI[key, n]) want = VAL[key, n]
			if (arch ~ /^(arm|aarch64|ppc)/) {
				if (key == "const.O_DIRECTORY") want = 16384
				if (key == "const.O_NOFOLLOW") want = 32768
			}
			count++
			if (!(key in got)) bad(key ": expected " want ", the probe does not report it")
			else if (got[key] != want) bad(key ": expected " want ", probe says " got[key])
		}
		for (k in got)
			if (k !~ /^probe\./ && !(k in lines)) bad(k "=" got[k] ": reported by the probe, not in abi_expected.txt")
		if (!failed)
			printf "check_probe: %s, Lustre %s.%s.%s: %d keys match abi_expected.txt\n", label, got["probe.lustre_major"], got["probe.lustre_minor"], got["probe.lustre_patch"], count
		exit failed
	}' "$table" "$1" || fail=1
}

# check_probe P LABEL: P is an executable probe or a saved text.
check_probe() {
	if [ ! -e "$1" ]; then
		echo "check_probe: $2: $1 does not exist" >&2
		fail=1
		return
	fi
	txt=$(mktemp)
	if head -c 4 "$1" | grep -q ELF; then
		"$1" >"$txt" || { echo "check_probe: $2: $1 failed" >&2; fail=1; }
	else
		cp "$1" "$txt"
	fi
	check_text "$txt" "$2"
	rm -f "$txt"
}

if [ "${1:-}" = --probe ]; then
	shift
	[ $# -gt 0 ] || { echo "usage: $0 OUT | --probe PROBE..." >&2; exit 2; }
	for p in "$@"; do check_probe "$p" "$p"; done
	exit $fail
fi

out=$1
check_probe "$out/lhsm-abi-probe" "our header"
# The shared library must hand out the same text as the executable.
if command -v python3 >/dev/null 2>&1; then
	got=$("$out/lhsm-abi-probe")
	so=$(python3 -c 'import ctypes,sys; f=ctypes.CDLL(sys.argv[1]).lhsm_abi_probe; f.restype=ctypes.c_char_p; sys.stdout.write(f().decode())' "$out/liblhsmprobe.so")
	if [ "$so" != "$got" ]; then
		echo "check_probe: liblhsmprobe.so text differs from lhsm-abi-probe" >&2
		fail=1
	fi
fi
if [ -e "$out/lhsm-abi-probe-real" ]; then
	check_probe "$out/lhsm-abi-probe-real" "real headers"
fi
exit $fail
