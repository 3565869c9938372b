/**
 * Crash campaigns: kill -9 of the copytool at every phase of its work, and of the coordinator (the
 * emulator daemon), under a mixed load, with the checks that nothing was lost or corrupted.
 */
package org.lhsm.faults.kill;
