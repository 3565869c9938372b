/**
 * Fuzzing the boundaries: the Java action-list decoder, the emulator daemon's socket, the emulation
 * library's receive path (C, with the sanitizers) and jhsmtool fed by a coordinator gone wrong.
 */
package org.lhsm.faults.fuzz;
