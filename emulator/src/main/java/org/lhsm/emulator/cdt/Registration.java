package org.lhsm.emulator.cdt;

import java.io.IOException;
import java.util.List;
import org.lhsm.emulator.codec.ActionList;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.HsmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copytool registration: register (with the reconnect of a known UUID), clean unregister, the death
 * of an event connection, and the shutdown frame at filesystem stop.
 */
final class Registration {
  private static final Logger LOG = LoggerFactory.getLogger(Registration.class);
  private final CoordinatorState s;

  Registration(CoordinatorState state) {
    this.s = state;
  }

  /** Registers a copytool on a client mount; returns the agent (client) UUID. */
  String register(String mount, List<Integer> archives, String prevUuid, AgentSink sink)
      throws HsmException {
    if (s.cdtState() == CdtState.INIT) {
      throw new HsmException(Errno.EINPROGRESS, "coordinator starting");
    }
    if (s.cdtState() == CdtState.STOPPED || s.cdtState() == CdtState.STOPPING) {
      throw new HsmException(Errno.ENXIO, "coordinator not running");
    }
    String uuid = s.mounts().uuidOf(mount).orElse(null);
    if (uuid == null) {
      try {
        s.mounts().reload();
      } catch (IOException e) {
        LOG.warn("cannot re-read mounts: {}", e.toString());
      }
      uuid = s.mounts().uuidOf(mount).orElse(null);
    }
    if (uuid == null) {
      throw new HsmException(Errno.ENODEV, mount + " is not a client mount of " + s.fsname());
    }
    List<Integer> ids = archives.contains(0) ? List.of() : archives;
    Agent existing = s.agents().get(uuid);
    Agent a = new Agent(uuid, mount, ids, sink);
    if (existing != null) {
      if (!uuid.equals(prevUuid)) {
        // as mdt_hsm_agent_register: a refused registration still wakes the coordinator, whose
        // next send to a dead agent fails (EPIPE) and drops it, so the copytool's retry gets in
        s.signalEvent();
        throw new HsmException(Errno.EEXIST, "an agent is already registered on " + mount);
      }
      existing.sink().close();
      a.inheritCounters(existing);
    }
    s.agents().put(a);
    LOG.info("agent {} registered on {} archives {}", uuid, mount, ids.isEmpty() ? "ANY" : ids);
    s.signalEvent();
    return uuid;
  }

  /** Clean unregister. */
  void unregister(String uuid) throws HsmException {
    if (s.agents().remove(uuid) == null) {
      throw new HsmException(Errno.ENOENT, "no agent " + uuid);
    }
    LOG.info("agent {} unregistered", uuid);
    s.signalEvent();
  }

  /**
   * The event connection hit EOF without an unregister: the copytool died. As with a dead pipe on
   * Lustre 2.16, the agent lingers until the next send to it fails with EPIPE.
   */
  void connectionLost(String uuid, AgentSink sink) {
    Agent a = s.agents().get(uuid);
    if (a != null && a.sink() == sink) {
      a.markDead();
      LOG.info("agent {}: event connection closed without unregister", uuid);
    }
  }

  /** Sends the shutdown frame to every copytool (filesystem stop). */
  void shutdownAgents() {
    for (Agent a : s.agents().all()) {
      try {
        if (!a.isDead()) {
          a.sink().send(ActionList.shutdownFrame());
        }
      } catch (IOException e) {
        LOG.debug("shutdown frame to {}: {}", a.uuid(), e.toString());
      }
      a.sink().close();
    }
  }
}
