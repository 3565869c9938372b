/**
 * Wires filesystem, request log, coordinator, parameter tree and socket server into one daemon. One
 * lock ({@link org.lhsm.emulator.daemon.EmulatorDaemon#lock()}) serialises all state changes; a
 * ticker thread wakes the coordinator every second or on events. Arguments are never null.
 */
package org.lhsm.emulator.daemon;
