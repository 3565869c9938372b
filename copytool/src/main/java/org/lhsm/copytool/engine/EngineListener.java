package org.lhsm.copytool.engine;

import org.lhsm.bindings.HsmActionItem;

/** Observes completed actions (metrics). Called on worker threads; must be thread-safe. */
public interface EngineListener {
  EngineListener NONE = new EngineListener() {};

  /** After the end report was attempted for {@code item}; {@code errno} 0 is success. */
  default void actionEnded(HsmActionItem item, int errno, long bytesCopied) {}
}
