#!/bin/sh
# Checks the ABI probe (our header) against the spec values in abi_expected.txt,
# and that the shared library and the executable report the same text.
set -eu
out=$1
here=$(dirname "$0")
got=$("$out/lhsm-abi-probe")
fail=0
while IFS= read -r line; do
	case $line in '#'*|'') continue ;; esac
	key=${line%%=*}
	want=${line#*=}
	case $key:$(uname -m) in
	const.O_DIRECTORY:arm*|const.O_DIRECTORY:aarch64|const.O_DIRECTORY:ppc*) want=16384 ;;
	const.O_NOFOLLOW:arm*|const.O_NOFOLLOW:aarch64|const.O_NOFOLLOW:ppc*) want=32768 ;;
	esac
	have=$(printf '%s\n' "$got" | sed -n "s/^$key=//p")
	if [ "$have" != "$want" ]; then
		echo "check_probe: $key: expected $want, probe says '${have}'" >&2
		fail=1
	fi
done < "$here/abi_expected.txt"
n_exp=$(grep -vc '^#' "$here/abi_expected.txt")
n_got=$(printf '%s\n' "$got" | wc -l)
if [ "$n_exp" -ne "$n_got" ]; then
	echo "check_probe: probe reports $n_got keys, abi_expected.txt lists $n_exp" >&2
	fail=1
fi
# The shared library must hand out the same text as the executable.
if command -v python3 >/dev/null 2>&1; then
	so=$(python3 -c 'import ctypes,sys; f=ctypes.CDLL(sys.argv[1]).lhsm_abi_probe; f.restype=ctypes.c_char_p; sys.stdout.write(f().decode())' "$out/liblhsmprobe.so")
	if [ "$so" != "$got" ]; then
		echo "check_probe: liblhsmprobe.so text differs from lhsm-abi-probe" >&2
		fail=1
	fi
fi
[ $fail -eq 0 ] && echo "check_probe: $n_got keys match the spec values"
exit $fail
