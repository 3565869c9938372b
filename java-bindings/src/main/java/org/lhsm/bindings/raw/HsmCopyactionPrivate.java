package org.lhsm.bindings.raw;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/** Opaque {@code struct hsm_copyaction_private *}, allocated by begin and freed by end. */
public final class HsmCopyactionPrivate extends PointerType {
  public HsmCopyactionPrivate() {}

  public HsmCopyactionPrivate(Pointer p) {
    super(p);
  }
}
