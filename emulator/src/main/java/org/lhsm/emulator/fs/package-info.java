/**
 * The emulated filesystem: directory layout, FID table keyed by inode, per-file HSM attributes,
 * data versions, release, restore through volatile files and import. Not thread-safe: the daemon
 * serialises every call on one lock. Arguments are never null.
 */
package org.lhsm.emulator.fs;
