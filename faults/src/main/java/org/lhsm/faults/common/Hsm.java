package org.lhsm.faults.common;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmCurrentAction;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.RequestFlag;
import org.lhsm.bindings.UserAction;

/**
 * The HSM client side of the campaigns, through the bindings in this JVM (loaded from the emulation
 * library: {@link #useLibrary} before the first call).
 */
public final class Hsm {
  private Hsm() {}

  /** Points the bindings at {@code lib} (the emulation library); call before any other method. */
  public static void useLibrary(Path lib) {
    System.setProperty("lhsm.liblustreapi", lib.toString());
  }

  /** Sends one request for {@code file}; returns once the coordinator acknowledged it. */
  public static void request(Path file, UserAction action, int archiveId) throws IOException {
    Fid fid = HsmClient.path2fid(file);
    HsmClient.request(
        file,
        new HsmUserRequest(
            action, archiveId, EnumSet.noneOf(RequestFlag.class), List.of(fid), new byte[0]));
  }

  public static Set<HsmState> states(Path file) throws IOException {
    return HsmClient.state(file).states();
  }

  public static HsmCurrentAction current(Path file) throws IOException {
    return HsmClient.currentAction(file);
  }

  /** No request of {@code file} waiting or running. */
  public static boolean idle(Path file) throws IOException {
    return !current(file).isPending();
  }

  public static Fid fid(Path file) throws IOException {
    return HsmClient.path2fid(file);
  }
}
