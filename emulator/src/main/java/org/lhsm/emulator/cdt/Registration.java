package org.lhsm.emulator.cdt;

import java.io.IOException;
import java.util.List;
import org.lhsm.emulator.codec.ActionList;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.HsmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copytool registration: register (a second copytool on a mount joins the agent already there),
 * clean unregister, the death of an event connection, and the shutdown frame at filesystem stop.
 */
final class Registration {
  private static final Logger LOG = LoggerFactory.getLogger(Registration.class);
  private final CoordinatorState s;

  Registration(CoordinatorState state) {
    this.s = state;
  }

  /** Registers a copytool on a client mount; returns the agent (client) UUID. */
  String register(String mount, List<Integer> archives, AgentSink sink) throws HsmException {
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
    s.kuc().pruneDead(uuid);
    s.kuc().add(uuid, sink);
    Agent existing = s.agents().get(uuid);
    if (existing == null) {
      s.agents().put(new Agent(uuid, mount, ids));
      LOG.info("agent {} registered on {} archives {}", uuid, mount, ids.isEmpty() ? "ANY" : ids);
    } else {
      // mdt_hsm_agent_register refuses (EEXIST) and the client ignores it: the agent keeps the
      // first copytool's archives, and every list sent to it now reaches this copytool too
      LOG.info(
          "agent {} already registered: copytool on {} archives {} joins its {} connection(s)",
          uuid,
          mount,
          ids.isEmpty() ? "ANY" : ids,
          s.kuc().count(uuid) - 1);
    }
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
   * The event connection hit EOF. After a clean unregister nothing writes to it again; otherwise
   * the copytool died and, as with a dead pipe, the agent lingers until a send finds no reader
   * (EPIPE).
   */
  void connectionLost(String uuid, AgentSink sink) {
    if (s.agents().contains(uuid)) {
      s.kuc().markDead(uuid, sink);
      LOG.info("agent {}: event connection closed without unregister", uuid);
    } else {
      s.kuc().remove(uuid, sink);
    }
  }

  /** Sends the shutdown frame to every copytool (filesystem stop). */
  void shutdownAgents() {
    s.kuc().shutdownAll(ActionList.shutdownFrame());
  }
}
