#!/usr/bin/env bash
# Stage 50: JDK 17 from the distribution, Maven from Maven Central (checksum-verified).
# The distributions' Maven is too old for the project on EL9 (3.6) and a module stream on
# EL8; one pinned tarball behaves the same on both. Idempotent.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
require_root

rpm -q java-17-openjdk-devel >/dev/null 2>&1 || dnf -y install java-17-openjdk-devel

if [ ! -x "$LHSM_MAVEN_HOME/bin/mvn" ]; then
  name="apache-maven-$LHSM_MAVEN_VERSION-bin.tar.gz"
  url="https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$LHSM_MAVEN_VERSION/$name"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  curl -fsSL --retry 3 -o "$tmp/$name" "$url" || die "cannot download $url"
  echo "$LHSM_MAVEN_SHA512  $tmp/$name" | sha512sum -c --quiet - \
    || die "$name does not match LHSM_MAVEN_SHA512"
  tar -xzf "$tmp/$name" -C /opt
fi
ln -sfn "$LHSM_MAVEN_HOME/bin/mvn" /usr/local/bin/mvn

java_env
# For interactive shells (`vagrant ssh`); scripts call java_env instead.
cat >/etc/profile.d/lhsm-java.sh <<PROFILE
# Written by test-vm/50-java-maven.sh
export JAVA_HOME=$JAVA_HOME
export PATH=\$JAVA_HOME/bin:$LHSM_MAVEN_HOME/bin:\$PATH
PROFILE

"$JAVA_HOME/bin/javac" -version 2>&1 | grep '^javac 17' >/dev/null \
  || die "$JAVA_HOME/bin/javac is not JDK 17: $("$JAVA_HOME/bin/javac" -version 2>&1)"
mvn_version=$(mvn -B -v 2>&1) || die "mvn -v failed: $mvn_version"
grep -qF "Apache Maven $LHSM_MAVEN_VERSION" <<<"$mvn_version" || die "mvn -v: $mvn_version"
log "JDK: $JAVA_HOME; Maven $LHSM_MAVEN_VERSION"
