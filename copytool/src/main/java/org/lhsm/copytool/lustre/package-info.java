/**
 * The thin adapter from the bindings' sessions and handles ({@code org.lhsm.bindings}:
 * CopytoolSession, CopyAction, HsmClient, EventFifo) to the copytool's interfaces. The only package
 * of the copytool that calls into liblustreapi; items and exceptions pass through unchanged (they
 * are the bindings' types everywhere), and it never sees JNA types.
 *
 * <p>Threading: {@link org.lhsm.copytool.lustre.SessionActionSource} follows CopytoolSession (one
 * receiving thread; begin/wakeup from any thread); each handle is used by one worker. Nullness: no
 * nulls unless documented.
 */
package org.lhsm.copytool.lustre;
