# shellcheck shell=bash disable=SC2154  # here, bad_usage, need_root: from lustre-vm
# The running VM: start, stop, status, reset, ssh, test. Sourced by lustre-vm after lib.sh.

repo_root=$(cd "$here/../.." && pwd)

# Disks of a run: an overlay on the cached root image (the image itself is never written) and
# one sparse disk per Lustre target, formatted by the guest on its first boot.
prepare_run_disks() {
  mkdir -p "$VM_RUN/scratch"
  # An overlay is only valid on the image it was made on: a rebuilt image gets a new one (the
  # guest's state that matters, the Lustre targets, is on its own disks).
  if [ -f "$VM_RUN/root.qcow2" ] && [ "$VM_IMAGE/root.img" -nt "$VM_RUN/root.qcow2" ]; then
    vm_log "the image is newer than the run's root overlay: making a new overlay"
    rm -f "$VM_RUN/root.qcow2"
  fi
  if [ ! -f "$VM_RUN/root.qcow2" ]; then
    qemu-img create -q -f qcow2 -F raw -b "$VM_IMAGE/root.img" "$VM_RUN/root.qcow2"
  fi
  local n
  for n in $(seq "$LHSM_VM_MDTS"); do
    [ -f "$VM_RUN/mdt$n.img" ] || truncate -s "$LHSM_VM_MDT_SIZE" "$VM_RUN/mdt$n.img"
  done
  for n in $(seq "$LHSM_VM_OSTS"); do
    [ -f "$VM_RUN/ost$n.img" ] || truncate -s "$LHSM_VM_OST_SIZE" "$VM_RUN/ost$n.img"
  done
  # The guest's target counts must match the disks.
  printf 'MDTS=%s\nOSTS=%s\n' "$LHSM_VM_MDTS" "$LHSM_VM_OSTS" >"$VM_RUN/scratch/targets.conf"
}

qemu_command() {
  local accel disks=() n slot=5
  case $LHSM_VM_ACCEL in
    # One host thread for all vCPUs unless told otherwise: with multi-threaded TCG a JVM in the
    # guest crashed in about 2 % of its starts (SIGILL/SIGSEGV at the entry of a C1 method that
    # HotSpot was patching into a jump while another vCPU ran it: the hs_err code bytes show the
    # new jmp over the old stack bang and the fault at +0 or +5, a torn instruction fetch). The
    # image is built in a chroot on the host, without QEMU.
    tcg) accel=(-accel "tcg,thread=$LHSM_VM_TCG_THREAD" -cpu max) ;;
    kvm) accel=(-accel kvm -cpu host) ;;
    *) bad_usage "LHSM_VM_ACCEL must be tcg or kvm (got '$LHSM_VM_ACCEL')" ;;
  esac
  # Fixed PCI slots and serials: the root disk is always vda, targets are found by serial.
  disks+=(-drive "file=$VM_RUN/root.qcow2,if=none,id=root,format=qcow2,discard=unmap"
    -device "virtio-blk-pci,drive=root,serial=labroot,addr=0x4")
  for n in $(seq "$LHSM_VM_MDTS"); do
    disks+=(-drive "file=$VM_RUN/mdt$n.img,if=none,id=mdt$n,format=raw,cache=unsafe"
      -device "virtio-blk-pci,drive=mdt$n,serial=labmdt$n,addr=$(printf '0x%x' "$slot")")
    slot=$((slot + 1))
  done
  for n in $(seq "$LHSM_VM_OSTS"); do
    disks+=(-drive "file=$VM_RUN/ost$n.img,if=none,id=ost$n,format=raw,cache=unsafe"
      -device "virtio-blk-pci,drive=ost$n,serial=labost$n,addr=$(printf '0x%x' "$slot")")
    slot=$((slot + 1))
  done
  qemu=(qemu-system-x86_64 -name lhsm-lustre-vm -machine q35 "${accel[@]}"
    -smp "$LHSM_VM_CPUS" -m "$LHSM_VM_MEMORY"
    -kernel "$VM_IMAGE/vmlinuz" -initrd "$VM_IMAGE/initrd.img"
    -append "root=/dev/vda rw console=ttyS0 net.ifnames=0 biosdevname=0 panic=10"
    "${disks[@]}"
    -netdev "user,id=net0,restrict=on,hostfwd=tcp:127.0.0.1:$LHSM_VM_SSH_PORT-:22"
    -device 'virtio-net-pci,netdev=net0,addr=0x3'
    -virtfs "local,path=$repo_root,mount_tag=lhsmsrc,security_model=none,readonly=on"
    -virtfs "local,path=$VM_RUN/scratch,mount_tag=lhsmscratch,security_model=none"
    -display none -serial "file:$VM_RUN/serial.log"
    -qmp "unix:$VM_RUN/qmp.sock,server=on,wait=off"
    -daemonize -pidfile "$VM_QEMU_PID")
}

cmd_start() {
  need_root start
  [ -f "$VM_IMAGE/root.img" ] || vm_die "no image in $VM_IMAGE: run 'lustre-vm build --source …' first"
  if vm_boot_inputs_stale; then
    vm_log "WARNING: the image's boot files are older than the tree's; 'lustre-vm build' rebuilds them (stages 50-60)"
  fi
  command -v qemu-system-x86_64 >/dev/null \
    || bad_usage "qemu-system-x86_64 is not installed (Debian: apt-get install qemu-system-x86 qemu-utils)"
  if vm_running; then
    vm_log "already running (PID $(cat "$VM_QEMU_PID"))"
  else
    prepare_run_disks
    qemu_command
    rm -f "$VM_RUN/serial.log"
    "${qemu[@]}" || vm_die "qemu failed to start (command: ${qemu[*]})"
    vm_log "booting (PID $(cat "$VM_QEMU_PID"), accel $LHSM_VM_ACCEL); console: $VM_RUN/serial.log"
  fi
  wait_ready
}

# Ready = ssh answers and the boot unit has mounted Lustre; a failed unit stops the wait.
wait_ready() {
  local deadline=$((SECONDS + LHSM_VM_BOOT_TIMEOUT)) t0=$SECONDS state
  while :; do
    vm_running || vm_die "the VM stopped while booting; console: $VM_RUN/serial.log"
    state=$(vm_ssh 'if [ -e /run/lhsm-lustre.ready ]; then echo ready; else systemctl is-failed lhsm-lustre.service; fi' 2>/dev/null || true)
    case $state in
      ready) break ;;
      failed)
        vm_ssh 'journalctl -u lhsm-lustre.service --no-pager | tail -n 40' >&2 || true
        vm_die "Lustre did not come up in the VM (lhsm-lustre.service failed; log above)" ;;
    esac
    [ "$SECONDS" -lt "$deadline" ] || vm_die "the VM was not ready after ${LHSM_VM_BOOT_TIMEOUT} s; console: $VM_RUN/serial.log"
    sleep 3
  done
  vm_log "ready after $((SECONDS - t0)) s: Lustre mounted on /mnt/lustre and /mnt/lustre2, coordinator enabled"
}

cmd_stop() {
  need_root stop
  if ! vm_running; then
    vm_log "not running"
    return 0
  fi
  local pid t0=$SECONDS
  pid=$(cat "$VM_QEMU_PID")
  vm_ssh 'systemctl poweroff' >/dev/null 2>&1 || true
  for _ in $(seq 180); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then
    vm_log "no clean poweroff after 180 s: killing QEMU $pid"
    kill "$pid" || true
  fi
  rm -f "$VM_QEMU_PID"
  vm_log "stopped in $((SECONDS - t0)) s"
}

cmd_status() {
  if [ -f "$VM_IMAGE/image.info" ]; then
    printf 'image: %s (%s)\n' "$VM_IMAGE" "$(tr '\n' ' ' <"$VM_IMAGE/image.info")"
  else
    printf 'image: none (lustre-vm build)\n'
    find "$VM_STAGES" -name '*.done' -printf '  stage done: %f\n' 2>/dev/null | sort
  fi
  if vm_running; then
    printf 'vm: running, PID %s, ssh 127.0.0.1:%s\n' "$(cat "$VM_QEMU_PID")" "$LHSM_VM_SSH_PORT"
    vm_ssh '[ -e /run/lhsm-lustre.ready ] && echo "lustre: ready" || echo "lustre: not ready"
      lctl get_param mdt.*.hsm_control 2>/dev/null; findmnt -t lustre -o TARGET,SOURCE' || true
  else
    printf 'vm: stopped\n'
  fi
}

# Throw away the run's state (root overlay and target disks): the next start formats afresh.
cmd_reset() {
  need_root reset
  vm_running && vm_die "the VM is running: lustre-vm stop first"
  rm -f "$VM_RUN"/root.qcow2 "$VM_RUN"/mdt*.img "$VM_RUN"/ost*.img
  vm_log "run state removed; the next start boots the cached image and formats new targets"
}

cmd_ssh() {
  vm_running || vm_die "the VM is not running: lustre-vm start"
  if [ $# -eq 0 ]; then
    ssh "${vm_ssh_opts[@]/BatchMode=yes/BatchMode=no}" -t -i "$VM_SSH_KEY" -p "$LHSM_VM_SSH_PORT" root@127.0.0.1
  else
    vm_ssh "$@"
  fi
}

cmd_test() {
  # shellcheck source=test.sh
  . "$here/test.sh"
  run_tests "$@"
}
