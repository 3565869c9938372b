package org.lhsm.emulator.cdt;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the kernel-to-user channel: every copytool event connection registered on a
 * client mount, keyed by the mount's client UUID. This is separate from the coordinator's agents,
 * as on Lustre 2.16 (obdclass kernelcomm.c): the MDT knows one agent per client UUID, and a list
 * sent to that agent is written to every pipe the client holds for the UUID, so two copytools on
 * one mount both receive it. A pipe whose reader is gone stays listed until a write to it fails
 * (EPIPE); the write succeeds if it reached at least one pipe.
 */
final class KucGroups {
  private static final Logger LOG = LoggerFactory.getLogger(KucGroups.class);

  /** One registered event connection; {@code dead} once its reader is known gone. */
  private static final class Reg {
    final AgentSink sink;
    boolean dead;

    Reg(AgentSink sink) {
      this.sink = sink;
    }
  }

  private final Map<String, List<Reg>> byUuid = new HashMap<>();

  void add(String uuid, AgentSink sink) {
    byUuid.computeIfAbsent(uuid, u -> new ArrayList<>()).add(new Reg(sink));
  }

  /** A connection nothing will write to again (its copytool unregistered) leaves the group. */
  void remove(String uuid, AgentSink sink) {
    List<Reg> regs = byUuid.get(uuid);
    if (regs == null) {
      return;
    }
    regs.removeIf(r -> r.sink == sink);
    if (regs.isEmpty()) {
      byUuid.remove(uuid);
    }
  }

  /** The connection hit EOF: it stays listed (the next write drops it), as a pipe would. */
  void markDead(String uuid, AgentSink sink) {
    for (Reg r : byUuid.getOrDefault(uuid, List.of())) {
      if (r.sink == sink) {
        r.dead = true;
      }
    }
  }

  /**
   * Drops the connections known dead. Only a registration calls it, which adds a live one, so no
   * later write can tell the difference; it keeps register/unregister cycles from piling up.
   */
  void pruneDead(String uuid) {
    List<Reg> regs = byUuid.get(uuid);
    if (regs != null) {
      regs.removeIf(r -> r.dead);
    }
  }

  /** True if some connection of {@code uuid} is open as far as known. */
  boolean hasLive(String uuid) {
    for (Reg r : byUuid.getOrDefault(uuid, List.of())) {
      if (!r.dead) {
        return true;
      }
    }
    return false;
  }

  int count(String uuid) {
    return byUuid.getOrDefault(uuid, List.of()).size();
  }

  /**
   * Writes {@code frame} to every connection of {@code uuid}, dropping those that fail.
   *
   * @throws IOException EPIPE when it reached none
   */
  void put(String uuid, byte[] frame) throws IOException {
    List<Reg> regs = byUuid.get(uuid);
    boolean delivered = false;
    if (regs != null) {
      for (Iterator<Reg> it = regs.iterator(); it.hasNext(); ) {
        Reg r = it.next();
        try {
          if (r.dead) {
            throw new IOException("reader gone");
          }
          r.sink.send(frame);
          delivered = true;
        } catch (IOException e) {
          LOG.debug("kuc write on {} failed ({}): connection dropped", uuid, e.getMessage());
          r.sink.close();
          it.remove();
        }
      }
      if (regs.isEmpty()) {
        byUuid.remove(uuid);
      }
    }
    if (!delivered) {
      throw new IOException("Broken pipe");
    }
  }

  /** Filesystem stop: the shutdown frame to every open connection, then all closed. */
  void shutdownAll(byte[] shutdownFrame) {
    for (List<Reg> regs : byUuid.values()) {
      for (Reg r : regs) {
        try {
          if (!r.dead) {
            r.sink.send(shutdownFrame);
          }
        } catch (IOException e) {
          LOG.debug("shutdown frame: {}", e.toString());
        }
        r.sink.close();
      }
    }
    byUuid.clear();
  }
}
