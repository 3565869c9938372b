/**
 * The MDT parameter tree materialised as files under {@code D/state/params/} (same relative layout
 * as {@code mdt/<fs>-MDT0000/...} on a real MDS). Not thread-safe: used under the daemon lock.
 * Arguments are never null.
 */
package org.lhsm.emulator.params;
