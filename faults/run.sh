#!/usr/bin/env bash
# Runs the fault campaigns (build first: mvn -B -q -pl faults -am package -DskipTests).
#
#   faults/run.sh all                      # every campaign, bounded, one seed from the clock
#   faults/run.sh all --seeds 2 --budget-minutes 9   # what .ci/run runs
#   faults/run.sh all --full               # the campaigns of record
#   faults/run.sh copytool-kill --seed 0x1234 --trial 3   # replay one trial
#   faults/run.sh --help
#
# Environment: JAVA_HOME or JAVA (java binary), LHSM_FAULTS_JAR, LHSM_FAULTS_DIR (working
# directory, default faults/target/work), LHSM_FAULTS_JAVA_OPTS (extra JVM options).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar=${LHSM_FAULTS_JAR:-$here/target/lhsm-faults.jar}
if [ ! -f "$jar" ]; then
    echo "run.sh: $jar not found; build it: mvn -B -q -pl faults -am package -DskipTests" >&2
    exit 2
fi

if [ -n "${JAVA:-}" ]; then
    java_bin=$JAVA
elif [ -n "${JAVA_HOME:-}" ]; then
    java_bin=$JAVA_HOME/bin/java
else
    java_bin=java
fi

read -r -a java_opts <<<"${LHSM_FAULTS_JAVA_OPTS:-}"
cd "$here/.."
exec "$java_bin" "${java_opts[@]}" --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"
