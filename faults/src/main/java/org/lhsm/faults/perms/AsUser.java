package org.lhsm.faults.perms;

import java.util.ArrayList;
import java.util.List;

/**
 * The identity a child process runs with, applied by {@code setpriv} (the campaign runs as root):
 * uid, gid, no supplementary groups, and optionally ambient capabilities. Root runs as itself.
 *
 * @param caps capability names without {@code cap_}, e.g. {@code dac_read_search}
 */
record AsUser(int uid, int gid, List<String> caps) {
  static final String SETPRIV = "/usr/bin/setpriv";
  static final AsUser ROOT = new AsUser(0, 0, List.of());

  static AsUser of(int uid, int gid) {
    return new AsUser(uid, gid, List.of());
  }

  AsUser withCap(String cap) {
    List<String> c = new ArrayList<>(caps);
    c.add(cap);
    return new AsUser(uid, gid, c);
  }

  /** {@code command} prefixed with what switches to this identity. */
  List<String> wrap(List<String> command) {
    if (uid == 0) {
      return command;
    }
    List<String> out = new ArrayList<>();
    out.add(SETPRIV);
    out.add("--reuid=" + uid);
    out.add("--regid=" + gid);
    out.add("--clear-groups");
    for (String c : caps) {
      out.add("--inh-caps=+" + c);
      out.add("--ambient-caps=+" + c);
    }
    out.addAll(command);
    return out;
  }

  @Override
  public String toString() {
    return uid == 0 ? "root" : "uid " + uid + " gid " + gid + (caps.isEmpty() ? "" : " +" + caps);
  }
}
