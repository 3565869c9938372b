/**
 * The interfaces the engine and data movers are written against: {@link
 * org.lhsm.copytool.core.ActionSource} (where action lists come from), {@link
 * org.lhsm.copytool.core.ActionHandle} (one begun action: progress, end, data channel) and {@link
 * org.lhsm.copytool.core.ArchiveBackend} (where data goes), plus the few records they need. They
 * speak the bindings' vocabulary ({@code HsmActionList}, {@code HsmActionItem}, {@code
 * CopytoolAction}, {@code Fid}, {@code Errno}, {@code LustreException} and its subclasses), never
 * its sessions or handles: the adapter in {@code org.lhsm.copytool.lustre} implements them.
 *
 * <p>Threading: value types are immutable; interface implementations document their own rules.
 * Nullness: nothing is null unless the parameter or return is documented as nullable.
 */
package org.lhsm.copytool.core;
