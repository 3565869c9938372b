#!/usr/bin/env python3
"""Compare two sanity-hsm result lists (test, status, reason per TSV line).

Default output: a markdown table `test | stock | jhsmtool`, SKIP and FAIL with their reason.
With --regressions: list the tests that pass with the stock copytool but not with jhsmtool,
exit 1 if there is any.
"""
import argparse
import re
import sys


def load(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                rows[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "")
    return rows


def test_key(name):
    m = re.match(r"(\d+)(.*)", name)
    return (int(m.group(1)), m.group(2)) if m else (10**9, name)


def cell(entry):
    if entry is None:
        return "not run"
    status, reason = entry
    reason = reason.replace("|", "\\|").strip()
    return f"{status} ({reason})" if reason and status != "PASS" else status


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stock")
    ap.add_argument("jhsmtool")
    ap.add_argument("--regressions", action="store_true")
    ap.add_argument("--commit", default="")
    ap.add_argument("--image", default="")
    ap.add_argument("--targets", default="")
    a = ap.parse_args()
    stock, jt = load(a.stock), load(a.jhsmtool)
    names = sorted(set(stock) | set(jt), key=test_key)
    if a.regressions:
        bad = [n for n in names if stock.get(n, ("",))[0] == "PASS" and jt.get(n, ("",))[0] != "PASS"]
        for n in bad:
            print(f"regression: test {n}: stock PASS, jhsmtool {cell(jt.get(n))}")
        print(f"{len(bad)} test(s) pass with the stock copytool but not with jhsmtool")
        return 1 if bad else 0

    def count(rows, s):
        return sum(1 for v in rows.values() if v[0] == s)

    print("# sanity-hsm.sh on Lustre 2.16.1: stock lhsmtool_posix vs jhsmtool\n")
    print(f"Run by `test-vm/qemu/lustre-vm test sanity-hsm` on commit `{a.commit}`; image: {a.image}; "
          f"filesystem: {a.targets}, one node, ZFS targets, QEMU TCG. Test 50 excluded (40,000 files).\n")
    for label, rows in (("stock", stock), ("jhsmtool", jt)):
        print(f"- {label}: {count(rows, 'PASS')} PASS, {count(rows, 'FAIL')} FAIL, {count(rows, 'SKIP')} SKIP")
    print("\n| test | stock | jhsmtool |\n|---|---|---|")
    for n in names:
        print(f"| {n} | {cell(stock.get(n))} | {cell(jt.get(n))} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
