/**
 * Wires filesystem, request log, coordinator, parameter tree, group commit and socket server into
 * one daemon. One lock ({@link org.lhsm.emulator.daemon.EmulatorDaemon#lock()}) serialises all
 * state changes; the coordinator wakes after the operations that signal an event (on the server
 * thread, after its batch), on events from other threads and every second (the coordinator thread);
 * parameter files are published within a time budget. Arguments are never null.
 */
package org.lhsm.emulator.daemon;
