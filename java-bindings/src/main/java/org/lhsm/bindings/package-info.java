/**
 * Safe Java API over liblustreapi's HSM functions: value records and enums for the C structs and
 * constants, a plain-Java codec for action lists and user requests, AutoCloseable handles for
 * copytool registrations and actions, and typed exceptions carrying the symbolic errno.
 *
 * <p>Threading: values are immutable; {@link org.lhsm.bindings.HsmClient} is thread-safe; a {@link
 * org.lhsm.bindings.CopytoolSession} allows one receiving thread plus concurrent
 * begin/wakeup/close; a {@link org.lhsm.bindings.CopyAction} is synchronized.
 *
 * <p>Nullness: no method accepts or returns null unless its documentation says so ({@link
 * org.lhsm.bindings.LustreException#target()} and {@link
 * org.lhsm.bindings.LustreApi#unavailabilityCause()} may be null).
 */
package org.lhsm.bindings;
