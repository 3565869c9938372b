#!/usr/bin/env bash
# Runs the benchmark harness jar directly (build it first:
# mvn -B -q -pl bench -am package -DskipTests).
#
#   bench/run.sh throughput [--size 1G] [--rounds 3] [--dir DIR] [--json] ...
#   bench/run.sh bandwidth  [--bandwidth 8M] [--workers 4] [--seconds 5] [--enforce] ...
#   bench/run.sh e2e        [--size 1G] [--small-files 10000] [--stock PATH] [--rounds 3] ...
#   bench/run.sh daemon     [--requests 10000] [--agents 1] [--max-requests 64] [--rounds 3] ...
#   bench/run.sh --help
#
# The working directory defaults to bench/target (LHSM_BENCH_DIR overrides it, --dir wins).
# The emulator jar and library for `bandwidth` and `daemon` are found in this source tree.
# Environment: JAVA_HOME or JAVA (java binary), LHSM_BENCH_JAR, LHSM_BENCH_DIR,
# LHSM_BENCH_JAVA_OPTS (extra JVM options, split on spaces).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar=${LHSM_BENCH_JAR:-$here/target/lhsm-bench.jar}
if [ ! -f "$jar" ]; then
    echo "run.sh: $jar not found; build it: mvn -B -q -pl bench -am package -DskipTests" >&2
    exit 2
fi

if [ -n "${JAVA:-}" ]; then
    java_bin=$JAVA
elif [ -n "${JAVA_HOME:-}" ]; then
    java_bin=$JAVA_HOME/bin/java
else
    java_bin=java
fi

export LHSM_BENCH_DIR="${LHSM_BENCH_DIR:-$here/target}"
read -r -a java_opts <<<"${LHSM_BENCH_JAVA_OPTS:-}"
exec "$java_bin" "${java_opts[@]}" --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"
