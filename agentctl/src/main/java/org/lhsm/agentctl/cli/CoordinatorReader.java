package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.lhsm.agentctl.params.ActionRecord;
import org.lhsm.agentctl.params.ActiveRequest;
import org.lhsm.agentctl.params.AgentEntry;
import org.lhsm.agentctl.params.ParamStore;

/** Reads the lists of several MDTs, each entry carrying the MDT device it came from. */
final class CoordinatorReader {
  private CoordinatorReader() {}

  static List<ActiveRequest> active(ParamStore store, List<String> devices) throws IOException {
    List<ActiveRequest> out = new ArrayList<>();
    for (String dev : devices) {
      for (ActiveRequest a : store.activeRequests(dev)) {
        out.add(withDevice(a, dev));
      }
    }
    return out;
  }

  static List<ActionRecord> actions(ParamStore store, List<String> devices) throws IOException {
    List<ActionRecord> out = new ArrayList<>();
    for (String dev : devices) {
      for (ActionRecord r : store.actions(dev)) {
        out.add(withDevice(r, dev));
      }
    }
    return out;
  }

  /** Registered agent UUIDs per MDT device. */
  static Map<String, Set<String>> agentUuids(ParamStore store, List<String> devices)
      throws IOException {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (String dev : devices) {
      out.put(dev, store.agents(dev).stream().map(AgentEntry::uuid).collect(Collectors.toSet()));
    }
    return out;
  }

  static ActiveRequest withDevice(ActiveRequest a, String dev) {
    return new ActiveRequest(
        dev,
        a.fid(),
        a.dfid(),
        a.compound(),
        a.cookie(),
        a.action(),
        a.archiveId(),
        a.flags(),
        a.extent(),
        a.gid(),
        a.dataHex(),
        a.canceled(),
        a.agentUuid(),
        a.bytesDone(),
        a.extra());
  }

  static ActionRecord withDevice(ActionRecord r, String dev) {
    return new ActionRecord(
        dev,
        r.lrhType(),
        r.lrhLength(),
        r.catalogIndex(),
        r.recordIndex(),
        r.fid(),
        r.dfid(),
        r.compound(),
        r.cookie(),
        r.action(),
        r.archiveId(),
        r.flags(),
        r.extent(),
        r.gid(),
        r.dataLength(),
        r.status(),
        r.dataHex(),
        r.extra());
  }
}
