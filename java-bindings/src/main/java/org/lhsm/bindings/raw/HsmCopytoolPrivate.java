package org.lhsm.bindings.raw;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/** Opaque {@code struct hsm_copytool_private *}, owned by the library until unregister. */
public final class HsmCopytoolPrivate extends PointerType {
  public HsmCopytoolPrivate() {}

  public HsmCopytoolPrivate(Pointer p) {
    super(p);
  }
}
