/**
 * The POSIX archive backend: lhsmtool_posix's archive layout (v1/v2 hashed paths, {@code .lov} side
 * files, {@code _tmp} names, shadow tree), the data mover, checksums, and the offline archive
 * maintenance modes (rebind, archive-upgrade, max-sequence, stale temporary cleanup).
 *
 * <p>Threading: {@link org.lhsm.copytool.posix.PosixArchiveBackend} is thread-safe (stateless per
 * call); helpers are stateless or confined to one call. Nullness: no nulls unless documented.
 */
package org.lhsm.copytool.posix;
