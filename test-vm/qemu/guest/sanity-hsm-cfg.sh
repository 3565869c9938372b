# shellcheck shell=bash disable=SC2034  # read by Lustre's test-framework.sh
# test-framework configuration for the single-node QEMU VM: every facet on this host, ZFS
# targets on the virtio disks lhsm-lustre-up formatted, already mounted (NOFORMAT).
# shellcheck source=/dev/null
. /etc/lhsm-lustre.conf
# shellcheck source=/dev/null
if [ -r /lhsm/scratch/targets.conf ]; then . /lhsm/scratch/targets.conf; fi
FSTYPE=zfs
MDSCOUNT=$MDTS
OSTCOUNT=$OSTS
for n in $(seq "$MDTS"); do
  eval "MDSDEV$n=/dev/disk/by-id/virtio-labmdt$n MDSZFSDEV$n=lustre-mdt$n/mdt$n"
done
for n in $(seq "$OSTS"); do
  eval "OSTDEV$n=/dev/disk/by-id/virtio-labost$n OSTZFSDEV$n=lustre-ost$n/ost$n"
done
MGSNID=$NID
MOUNT=/mnt/lustre
MOUNT2=/mnt/lustre2
MOUNT_2=yes
NOFORMAT=yes
REFORMAT=""
PDSH="pdsh -S -Rssh -w"
SHARED_DIRECTORY=${SHARED_DIRECTORY:-/tmp/lhsm-shared}
# test-framework writes its shared files there (test 15's rebind list) but never creates it
mkdir -p "$SHARED_DIRECTORY"
# shellcheck source=/dev/null
. "$LUSTRE/tests/cfg/local.sh"
