package org.lhsm.agentctl.files;

/** Chooses the {@link HsmFiles} implementation for the running process. */
public final class HsmFilesProvider {
  private HsmFilesProvider() {}

  public static HsmFiles load() {
    return new UnavailableHsmFiles(
        "file operations need the liblustreapi bindings, which this build does not include yet");
  }
}
