#!/bin/sh
# Builds the ABI probe against real Lustre headers, one build per Lustre
# version, and compares each with native/test/abi_expected.txt (check_probe.sh)
# and with the Java side (AbiLayoutTest, -Dlhsm.abi.realProbes=...).  Prints
# the keys whose value differs between our header and the versions, and fails
# on any difference the table does not expect.
#
#   check-lustre-headers.sh --lustre-git DIR [--tags v2_12_9,v2_15_7,v2_16_1,v2_17_0]
#       headers of each tag of the lustre-release git repository DIR (bare or
#       not), extracted into a temporary directory laid out like /usr/include
#   check-lustre-headers.sh --installed
#       the installed headers (a Lustre client, e.g. the test VM): the
#       `make probe-real` path; fails if they are absent.  Their version comes
#       from pkg-config/lfs, or LUSTRE_VERSION=x.y.z in the environment.
# Both may be given.  Options: --no-java (skip the Maven run), --keep (keep
# the temporary directory and print it).
set -eu

usage() {
	sed -n '2,17s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

here=$(cd "$(dirname "$0")" && pwd)
native=$(dirname "$here")
root=$(dirname "$native")
git_dir=
tags=v2_12_9,v2_15_7,v2_16_1,v2_17_0
installed=0
java=1
keep=0
while [ $# -gt 0 ]; do
	case $1 in
	--lustre-git) [ $# -ge 2 ] || usage; git_dir=$2; shift 2 ;;
	--tags) [ $# -ge 2 ] || usage; tags=$2; shift 2 ;;
	--installed) installed=1; shift ;;
	--no-java) java=0; shift ;;
	--keep) keep=1; shift ;;
	-h|--help) usage ;;
	*) echo "check-lustre-headers: unknown argument '$1'" >&2; usage ;;
	esac
done
if [ -z "$git_dir" ] && [ $installed -eq 0 ]; then
	echo "check-lustre-headers: give --lustre-git DIR and/or --installed" >&2
	usage
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lhsm-abi-headers.XXXXXX")
case $tmp/ in "$root"/*)
	echo "check-lustre-headers: the temporary directory $tmp is inside the source tree" >&2
	exit 1 ;;
esac
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [ "$keep" -eq 1 ]; then echo "check-lustre-headers: kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

make_q() {
	log=$tmp/make.log
	if ! make -C "$native" "$@" >"$log" 2>&1; then
		cat "$log" >&2
		echo "check-lustre-headers: make $* failed" >&2
		exit 1
	fi
}

# Columns: our header first, then one per version.
labels="ours"
make_q OUT="$tmp/ours" probe
mkdir "$tmp/probes"
"$tmp/ours/lhsm-abi-probe" >"$tmp/probes/ours"
texts=ours
libs=

# extract TAG DEST: the headers a client install puts under /usr/include.
extract() {
	for map in lustre/include/lustre:lustre lustre/include/uapi/linux/lustre:linux/lustre \
		lnet/include/uapi/linux/lnet:linux/lnet; do
		src=${map%%:*}
		dst=$2/${map#*:}
		mkdir -p "$dst"
		git -C "$git_dir" ls-tree --name-only "$1" "$src/" | grep '\.h$' >"$tmp/files" || {
			echo "check-lustre-headers: $1 has no headers under $src" >&2
			exit 1
		}
		while IFS= read -r f; do
			git -C "$git_dir" cat-file blob "$1:$f" >"$dst/${f##*/}"
		done <"$tmp/files"
	done
}

if [ -n "$git_dir" ]; then
	for tag in $(echo "$tags" | tr ',' ' '); do
		version=$(echo "$tag" | sed -n 's/^v\{0,1\}\([0-9][0-9]*\)[._]\([0-9][0-9]*\)[._]\([0-9][0-9]*\)$/\1.\2.\3/p')
		if [ -z "$version" ]; then
			echo "check-lustre-headers: cannot read a version x.y.z from tag '$tag'" >&2
			exit 1
		fi
		if ! git -C "$git_dir" rev-parse -q --verify "$tag^{commit}" >/dev/null; then
			echo "check-lustre-headers: no tag $tag in $git_dir" >&2
			exit 1
		fi
		d=$tmp/$tag
		extract "$tag" "$d/include"
		make_q OUT="$d/out" LUSTRE_INCLUDE="$d/include" LUSTRE_VERSION="$version" probe-real
		"$d/out/lhsm-abi-probe-real" >"$tmp/probes/$version"
		labels="$labels $version"
		texts="$texts $version"
		libs="$libs,$d/out/liblhsmprobe-real.so"
	done
fi

if [ $installed -eq 1 ]; then
	d=$tmp/installed
	make_q OUT="$d/out" probe-real
	"$d/out/lhsm-abi-probe-real" >"$d/probe.txt"
	version=$(sed -n 's/^probe.lustre_major=//p' "$d/probe.txt").$(sed -n 's/^probe.lustre_minor=//p' "$d/probe.txt").$(sed -n 's/^probe.lustre_patch=//p' "$d/probe.txt")
	cp "$d/probe.txt" "$tmp/probes/installed-$version"
	labels="$labels installed-$version"
	texts="$texts installed-$version"
	libs="$libs,$d/out/liblhsmprobe-real.so"
fi
libs=${libs#,}

fail=0
echo "== each probe against native/test/abi_expected.txt at its version"
# shellcheck disable=SC2086
(cd "$tmp/probes" && "$native/test/check_probe.sh" --probe $texts) 2>"$tmp/check.err" || fail=1
cat "$tmp/check.err" >&2
sed -n 's/^check_probe: [^:]*: \([a-z]*\.[A-Za-z0-9_.]*\): .*/\1/p' "$tmp/check.err" | sort -u >"$tmp/unexpected"

echo
echo "== keys whose value is not the same everywhere (UNEXPECTED: abi_expected.txt says otherwise)"
# shellcheck disable=SC2086 # labels, one word each
(cd "$tmp/probes" && awk -v labels="$labels" -v unexpected="$(tr '\n' ' ' <"$tmp/unexpected")" '
	BEGIN { nb = split(unexpected, u, " "); for (i = 1; i <= nb; i++) bad[u[i]] = 1 }
	FNR == 1 { col++ }
	/^probe\./ { next }
	{ eq = index($0, "="); k = substr($0, 1, eq - 1); v[col, k] = substr($0, eq + 1); if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
	END {
		nc = split(labels, lab, " ")
		rows = 0; w = 3
		for (i = 1; i <= n; i++) {
			k = order[i]; same = 1
			for (c = 2; c <= nc; c++) if (v[c, k] != v[1, k]) same = 0
			if (same && !(k in bad)) continue
			row[++rows] = k
			if (length(k) > w) w = length(k)
		}
		if (rows == 0) { print "(none)"; exit }
		line = sprintf("%-" w "s", "key")
		for (c = 1; c <= nc; c++) line = line sprintf(" | %-9s", lab[c])
		sub(/ +$/, "", line); print line
		for (r = 1; r <= rows; r++) {
			k = row[r]
			line = sprintf("%-" w "s", k)
			for (c = 1; c <= nc; c++) line = line sprintf(" | %-9s", ((c, k) in v) ? v[c, k] : "-")
			sub(/ +$/, "", line); print line ((k in bad) ? "  UNEXPECTED" : "")
		}
	}' $texts)

if [ $java -eq 1 ]; then
	echo
	echo "== AbiLayoutTest (Java) against the real-header probes"
	report=$root/java-bindings/target/surefire-reports/TEST-org.lhsm.bindings.internal.AbiLayoutTest.xml
	rm -f "$report"
	if mvn -B -q -f "$root/pom.xml" -pl java-bindings -am verify -Dtest=AbiLayoutTest \
		-Dsurefire.failIfNoSpecifiedTests=false -Dlhsm.abi.realProbes="$libs" \
		-Dlhsm.abi.requireRealProbe=true >"$tmp/mvn.log" 2>&1; then
		:
	else
		grep -E 'ERROR|FAIL|expected|Expecting|but' "$tmp/mvn.log" | head -60 >&2 || true
		echo "check-lustre-headers: the Maven run failed (log: $tmp/mvn.log; --keep keeps it)" >&2
		fail=1
	fi
	if [ -f "$report" ]; then
		sed -n 's/.*<testsuite [^>]* tests="\([0-9]*\)" errors="\([0-9]*\)" skipped="\([0-9]*\)" failures="\([0-9]*\)".*/AbiLayoutTest: \1 tests, \4 failures, \2 errors, \3 skipped/p' "$report"
		n=$(grep -c '<testcase name="realHeaderProbesMatchTheTableAndJava' "$report" || true)
		echo "AbiLayoutTest: $n real-header probe(s) compared with Java"
	else
		echo "check-lustre-headers: no AbiLayoutTest report" >&2
		fail=1
	fi
fi

echo
if [ $fail -eq 0 ]; then
	if [ $java -eq 1 ]; then with=" and with Java"; else with=" (Java not run: --no-java)"; fi
	echo "check-lustre-headers: OK: $labels agree with abi_expected.txt$with"
else
	echo "check-lustre-headers: FAILED" >&2
fi
exit $fail
