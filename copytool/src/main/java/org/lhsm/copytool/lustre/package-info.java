/**
 * The thin adapter from the bindings' safe API ({@code org.lhsm.bindings}: CopytoolSession,
 * CopyAction, HsmClient, EventFifo) to the copytool's own interfaces. The only package of the
 * copytool that imports {@code org.lhsm.bindings}; it never sees JNA types.
 *
 * <p>Threading: {@link org.lhsm.copytool.lustre.SessionActionSource} follows CopytoolSession (one
 * receiving thread; begin/wakeup from any thread); each handle is used by one worker. Nullness: no
 * nulls unless documented.
 */
package org.lhsm.copytool.lustre;
