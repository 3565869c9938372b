package org.lhsm.bindings.raw;

import org.lhsm.bindings.Fid;

/**
 * Breaks "the raw layer depends on nothing else of ours" (a test fixture that only poses as raw
 * code: it lives in the architecture module's tests, never in java-bindings).
 */
public final class RawUsesTheSafeApi {
  private RawUsesTheSafeApi() {}

  public static Fid root() {
    return Fid.ROOT;
  }
}
