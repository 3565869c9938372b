/**
 * Durable append-only files and their group commit. An {@link org.lhsm.emulator.journal.AppendFile}
 * is written at once (so its lines survive a crash of the process) and made durable by its {@link
 * org.lhsm.emulator.journal.GroupCommit}: either before the append returns ({@code inline}, one
 * fdatasync per append) or by a commit thread that covers every append made since its last sync
 * with one fdatasync per file, while the callers wait for the ticket of their last append ({@link
 * org.lhsm.emulator.journal.GroupCommit#awaitDurable}) before they acknowledge anything. Appends
 * and whole-file replacements come from one thread at a time (the daemon lock); syncs run
 * concurrently with appends. Arguments are never null.
 */
package org.lhsm.emulator.journal;
