package org.lhsm.emulator.cdt;

/**
 * The user behind a request, from the socket's peer credentials. {@code privileged} = root or the
 * daemon's owner (both act as root on the emulated MDT).
 */
public record Peer(String user, String group, boolean privileged) {
  public static final Peer ROOT = new Peer("root", "root", true);
}
