package org.lhsm.emulator.cdt;

import static org.lhsm.emulator.cdt.CoordinatorState.persist;
import static org.lhsm.emulator.codec.Hsm.HSMA_CANCEL;
import static org.lhsm.emulator.codec.Hsm.HSMA_RESTORE;

import java.util.List;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.log.ActionRecord;
import org.lhsm.emulator.log.RecordStatus;
import org.lhsm.emulator.log.RequestLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coordinator start and {@code hsm_control}: the start at daemon start (recovery), the start-up
 * scan after {@code enabled} from stopped, {@code disabled}, {@code shutdown} (in-memory state
 * dropped) and {@code purge}.
 */
final class Control {
  private static final Logger LOG = LoggerFactory.getLogger(Control.class);
  private final CoordinatorState s;
  private final Dispatcher dispatcher;

  Control(CoordinatorState state, Dispatcher dispatcher) {
    this.s = state;
    this.dispatcher = dispatcher;
  }

  /**
   * Daemon start, as an MDT restart: the coordinator starts from the request log alone. Its
   * in-memory requests are gone, so a copytool still working on a STARTED ARCHIVE or REMOVE has its
   * progress and end refused (ENOENT, no running request for the cookie) and the record times out
   * from the change time stored in the log; a STARTED RESTORE is queued again (the kernel's
   * pending-restore scan at coordinator start).
   */
  void recover() {
    startFromStopped();
    LOG.info("coordinator enabled: {} records", s.log().records().size());
  }

  /** Coordinator start from STOPPED ({@code hsm_control=enabled}), per the start-up scan. */
  private void startFromStopped() {
    RequestLog log = s.log();
    s.setCdtState(CdtState.INIT);
    s.initCookies();
    s.tunables().resetOnStart();
    for (ActionRecord r : log.withStatus(RecordStatus.STARTED)) {
      if (r.action() == HSMA_RESTORE) {
        persist(() -> log.setStatus(r, RecordStatus.WAITING, s.nowSec()));
      }
    }
    s.setCdtState(CdtState.RUNNING);
    s.setLastHousekeepingMillis(s.nowMillis());
  }

  /** Applies an {@code hsm_control} command. */
  void apply(String command) throws HsmException {
    String c = command.trim();
    switch (c) {
      case "enabled" -> {
        if (s.cdtState() == CdtState.STOPPING) {
          throw new HsmException(Errno.EALREADY, "coordinator is stopping");
        }
        if (s.cdtState() == CdtState.STOPPED) {
          startFromStopped();
        } else {
          s.setCdtState(CdtState.RUNNING);
        }
      }
      case "disabled" -> {
        if (s.cdtState() == CdtState.RUNNING) {
          s.setCdtState(CdtState.DISABLED);
        }
      }
      case "shutdown" -> shutdown();
      case "purge" -> purge();
      case "help" -> LOG.info("hsm_control commands: enabled disabled shutdown purge help");
      default -> {
        LOG.info("hsm_control commands: enabled disabled shutdown purge help");
        throw new HsmException(Errno.EINVAL, "unknown hsm_control command '" + c + "'");
      }
    }
    LOG.info("hsm_control={} -> {}", c, s.cdtState().display());
    s.signalEvent();
  }

  private void shutdown() throws HsmException {
    if (s.cdtState() == CdtState.STOPPING) {
      throw new HsmException(Errno.EALREADY, "coordinator is stopping");
    }
    if (s.cdtState() != CdtState.STOPPED) {
      s.setCdtState(CdtState.STOPPING);
      s.agents().clear();
      for (ActiveRequest ar : s.active().all()) {
        LOG.debug("shutdown drops active request cookie {}", ar.cookie());
      }
      s.active().clear();
      s.setCdtState(CdtState.STOPPED);
    }
  }

  private void purge() throws HsmException {
    if (!s.isStarted()) {
      throw new HsmException(Errno.EINVAL, "purge needs a running or disabled coordinator");
    }
    RequestLog log = s.log();
    for (ActiveRequest ar : s.active().all()) {
      Agent a = s.agents().get(ar.agentUuid());
      if (a != null) {
        ActionRecord r = log.get(ar.recordIndex());
        int archive = r != null ? r.archiveId() : 0;
        dispatcher.trySend(a, archive, 0, List.of(ar.item().withAction(HSMA_CANCEL)));
      }
    }
    long now = s.nowSec();
    for (ActionRecord r : log.records()) {
      if (r.status() == RecordStatus.WAITING || r.status() == RecordStatus.STARTED) {
        persist(() -> log.setStatus(r, RecordStatus.CANCELED, now));
      }
    }
  }
}
