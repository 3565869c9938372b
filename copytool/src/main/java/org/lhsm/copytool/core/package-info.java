/**
 * The copytool's own model and the interfaces the engine and data movers are written against:
 * {@link org.lhsm.copytool.core.ActionSource} (where action lists come from), {@link
 * org.lhsm.copytool.core.ActionHandle} (one begun action: progress, end, data channel) and {@link
 * org.lhsm.copytool.core.ArchiveBackend} (where data goes). Nothing here knows about JNA or the
 * bindings' sessions (only their value types {@code Fid} and {@code Errno}); the adapter in {@code
 * org.lhsm.copytool.lustre} maps them.
 *
 * <p>Threading: value types are immutable; interface implementations document their own rules.
 * Nullness: nothing is null unless the parameter or return is documented as nullable.
 */
package org.lhsm.copytool.core;
