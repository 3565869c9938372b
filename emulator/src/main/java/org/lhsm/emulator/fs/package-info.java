/**
 * The emulated filesystem (the MDT's view of the backing directory). {@link
 * org.lhsm.emulator.fs.EmulatedFs} is the entry point; its parts:
 *
 * <ul>
 *   <li>{@code FidTable} (+ {@code FidTableLines}): the records by FID and inode, the FID
 *       allocator, and the journal {@code D/state/fids} (load, append, compact);
 *   <li>{@code LegacyMigration} (+ {@code LegacyFidTag}): once at load, the records of daemons that
 *       identified objects by a {@code user.lhsm.fid} xattr, and the removal of that xattr;
 *   <li>{@code Namespace} (+ {@code FsRoot}, {@code FidLinks}, {@code ObjectAttrs}, {@code
 *       TreeWalk}, {@code BirthTimes}): which path is inside, the object at a path (FID on first
 *       sight; an object is its inode and birth time), the path of a FID, {@code .lustre/fid}
 *       links, the housekeeping walk;
 *   <li>{@code HsmAttributes}: observation (data versions, DIRTY), coordinator updates, {@code
 *       hsm_state_set} rules;
 *   <li>{@code ReleasedFiles}: release, restore through volatile files, import.
 * </ul>
 *
 * <p>{@link org.lhsm.emulator.fs.FsLayout}, {@link org.lhsm.emulator.fs.MountTable} and {@link
 * org.lhsm.emulator.fs.AtomicFiles} describe the directory {@code D} and its client mounts. Not
 * thread-safe: the daemon serialises every call on one lock. Arguments are never null.
 */
package org.lhsm.emulator.fs;
