package org.lhsm.agentctl.files;

/** Chooses the {@link HsmFiles} implementation for the running process. */
public final class HsmFilesProvider {
  private HsmFilesProvider() {}

  /** The bindings-backed implementation; it loads liblustreapi only when first used. */
  public static HsmFiles load() {
    return new LustreHsmFiles();
  }
}
