/**
 * What agentctl needs from a Lustre client to act on files: FIDs, HSM state, current action,
 * requests. {@link org.lhsm.agentctl.files.HsmFiles} is the seam between commands and the native
 * bindings, so every command is testable with a hand-written fake.
 *
 * <p>Failures are {@link java.nio.file.NoSuchFileException} (missing file), {@link
 * org.lhsm.agentctl.files.NotLustreException} (path not on Lustre) or {@link
 * org.lhsm.bindings.LustreException} (an errno from liblustreapi, as an {@code Errno}).
 *
 * <p>Threading: implementations must be safe to call from one thread at a time; commands use them
 * from the picocli thread only. Nullness: no nulls accepted or returned.
 */
package org.lhsm.agentctl.files;
