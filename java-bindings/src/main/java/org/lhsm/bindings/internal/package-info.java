/**
 * Helpers shared by the safe API: library loading, errno mapping, the ABI layout table and small
 * struct converters. Public only so the safe layer's packages can reach them; not API.
 *
 * <p>Threading: all helpers are thread-safe (library loading is synchronized and done once).
 * Nullness: arguments are non-null unless documented; targets of {@link
 * org.lhsm.bindings.internal.Errors} may be null.
 */
package org.lhsm.bindings.internal;
