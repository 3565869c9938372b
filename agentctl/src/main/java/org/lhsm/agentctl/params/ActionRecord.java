package org.lhsm.agentctl.params;

import java.util.Map;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmExtent;

/**
 * One line of {@code hsm.actions}: one llog record of the coordinator's persistent queue. {@code
 * dataHex} is the first bytes of the request's opaque data in hex, as printed.
 */
public record ActionRecord(
    String device,
    String lrhType,
    int lrhLength,
    int catalogIndex,
    int recordIndex,
    Fid fid,
    Fid dfid,
    long compound,
    long cookie,
    CopytoolAction action,
    int archiveId,
    long flags,
    HsmExtent extent,
    long gid,
    int dataLength,
    RecordStatus status,
    String dataHex,
    Map<String, String> extra) {
  public ActionRecord {
    extra = Map.copyOf(extra);
  }
}
