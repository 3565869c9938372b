#!/usr/bin/env bash
# Stage 50: make the tree a bootable single-node Lustre server: hostname and LNet address,
# networking, ssh (the host's key, and root to itself for test-framework's pdsh), the 9p
# shares, the boot unit that formats (first boot) and mounts Lustre, an initramfs.
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

here=$(cd "$(dirname "$0")/.." && pwd)
kver=$(vm_guest_kernel)
r=$VM_ROOTFS

printf '%s\n' "$VM_HOSTNAME" >"$r/etc/hostname"
cat >"$r/etc/hosts" <<HOSTS
127.0.0.1 localhost
$VM_LNET_IP $VM_HOSTNAME
HOSTS
cat >"$r/etc/fstab" <<FSTAB
/dev/vda / ext4 rw,errors=remount-ro 0 1
lhsmsrc /lhsm/src 9p trans=virtio,version=9p2000.L,ro,nofail,x-systemd.device-timeout=5s 0 0
lhsmscratch /lhsm/scratch 9p trans=virtio,version=9p2000.L,rw,msize=262144,nofail,x-systemd.device-timeout=5s 0 0
FSTAB
mkdir -p "$r/lhsm/src" "$r/lhsm/scratch"

# Networking: DHCP on the user-mode NIC (ssh only), LNet on a dummy interface.
mkdir -p "$r/etc/systemd/network"
printf '[Match]\nName=eth0\n\n[Network]\nDHCP=ipv4\n' >"$r/etc/systemd/network/10-eth0.network"
printf '[NetDev]\nName=lnet0\nKind=dummy\n' >"$r/etc/systemd/network/20-lnet0.netdev"
printf '[Match]\nName=lnet0\n\n[Network]\nAddress=%s/32\nConfigureWithoutCarrier=yes\n' \
  "$VM_LNET_IP" >"$r/etc/systemd/network/20-lnet0.network"
printf 'options lnet networks=tcp0(lnet0)\n' >"$r/etc/modprobe.d/lnet.conf"
# ZFS's ARC would take half the guest's memory; the JVMs under test need it more.
printf 'options zfs zfs_arc_max=536870912\n' >"$r/etc/modprobe.d/zfs.conf"

# ssh: the host's key for root; root's own key so pdsh can reach this node.
mkdir -p "$(dirname "$VM_SSH_KEY")"
[ -f "$VM_SSH_KEY" ] || ssh-keygen -q -t ed25519 -N '' -C lhsm-test-vm -f "$VM_SSH_KEY"
install -d -m 700 "$r/root/.ssh"
[ -f "$r/root/.ssh/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C "root@$VM_HOSTNAME" \
  -f "$r/root/.ssh/id_ed25519"
cat "$VM_SSH_KEY.pub" "$r/root/.ssh/id_ed25519.pub" >"$r/root/.ssh/authorized_keys"
printf 'Host *\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n' \
  >"$r/root/.ssh/config"
chmod 600 "$r/root/.ssh/authorized_keys" "$r/root/.ssh/config"
printf 'PermitRootLogin prohibit-password\nUseDNS no\n' >"$r/etc/ssh/sshd_config.d/lhsm.conf"
passwd_line='root::0:0:root:/root:/bin/bash'   # console login without a password (serial only)
sed -i "s#^root:[^:]*:0:0:.*#$passwd_line#" "$r/etc/passwd"

# Lustre's boot unit and its settings.
install -m 755 "$here/guest/lhsm-lustre-up" "$r/usr/local/sbin/lhsm-lustre-up"
install -m 755 "$here/guest/lhsm-lustre-down" "$r/usr/local/sbin/lhsm-lustre-down"
install -m 644 "$here/guest/lhsm-lustre.service" "$r/etc/systemd/system/lhsm-lustre.service"
cat >"$r/etc/lhsm-lustre.conf" <<CONF
FSNAME=$VM_FSNAME
NID=$VM_NID
MDTS=$LHSM_VM_MDTS
OSTS=$LHSM_VM_OSTS
CONF
printf 'export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64\n' >"$r/etc/profile.d/lhsm-java.sh"

vm_chroot_mount
rm -f "$r/usr/sbin/policy-rc.d"
vm_chroot systemctl enable systemd-networkd ssh lhsm-lustre.service serial-getty@ttyS0.service
# Pools are imported by lhsm-lustre-up with cachefile=none, never by ZFS's own units.
vm_chroot systemctl disable zfs-import-cache.service zfs-import-scan.service zfs-mount.service \
  zfs-share.service zfs-zed.service 2>/dev/null || true
vm_chroot update-initramfs -u -k "$kver"
