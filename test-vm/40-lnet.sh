#!/usr/bin/env bash
# Stage 40 (every boot): LNet on the private interface, never loopback or the NAT interface
# (10.0.2.15 on every VirtualBox VM). Also maps the hostname to that interface's address:
# Vagrant puts the hostname on a 127.x line, and a hostname that resolves to loopback gives
# Lustre a wrong NID. Idempotent.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
require_root

iface=$(lnet_interface)
[ -n "$iface" ] || die "no interface has address $LHSM_LNET_IP (LHSM_LNET_IP): is the \
Vagrant private_network up? Addresses: $(ip -o -4 addr show | awk '{print $2, $4}' | tr '\n' ' ')"
log "LNet interface: $iface ($LHSM_LNET_IP)"

# /etc/hosts: drop our names from every other line (keeping localhost etc.), then add one
# line mapping them to the LNet address. Written in place to keep the file's SELinux label.
fqdn=$(hostname)
short=${fqdn%%.*}
new_hosts=$(awk -v fqdn="$fqdn" -v short="$short" -v ip="$LHSM_LNET_IP" '
  NF == 0 || $1 ~ /^#/ { print; next }
  $1 == ip { next }
  {
    line = $1; kept = 0
    for (i = 2; i <= NF; i++) {
      if ($i ~ /^#/) break
      if ($i == fqdn || $i == short) continue
      line = line " " $i; kept++
    }
    if (kept > 0) print line
  }' /etc/hosts)
if [ "$fqdn" = "$short" ]; then
  new_hosts+=$'\n'"$LHSM_LNET_IP $fqdn"
else
  new_hosts+=$'\n'"$LHSM_LNET_IP $fqdn $short"
fi
if [ "$new_hosts" != "$(cat /etc/hosts)" ]; then
  printf '%s\n' "$new_hosts" >/etc/hosts
  log "/etc/hosts: $fqdn -> $LHSM_LNET_IP"
fi
resolved=$(getent ahostsv4 "$fqdn" | awk 'NR == 1 {print $1}')
[ "$resolved" = "$LHSM_LNET_IP" ] || die "$fqdn resolves to '$resolved', not $LHSM_LNET_IP"

conf="options lnet networks=\"tcp0($iface)\""
conf_file=/etc/modprobe.d/lnet.conf
if [ "$(cat "$conf_file" 2>/dev/null)" != "$conf" ]; then
  printf '%s\n' "$conf" >"$conf_file"
  log "$conf_file: $conf"
fi

# A loaded LNet with other NIDs (configured before this file existed) must be reloaded,
# which means unmounting whatever Lustre is mounted.
if lsmod | grep -q '^lnet ' && ! lctl list_nids 2>/dev/null | grep -qxF "$LHSM_MGS_NID"; then
  log "LNet is up with other NIDs ($(lctl list_nids 2>/dev/null | tr '\n' ' ')); reloading"
  stop_lustre
  lustre_rmmod
fi
modprobe lnet
lctl network up >/dev/null
nids=$(lctl list_nids)
grep -qxF "$LHSM_MGS_NID" <<<"$nids" || die "LNet NIDs are '$nids', expected $LHSM_MGS_NID"
log "LNet up: $LHSM_MGS_NID"
