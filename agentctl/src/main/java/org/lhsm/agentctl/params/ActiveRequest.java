package org.lhsm.agentctl.params;

import java.util.Map;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmExtent;

/** One line of {@code hsm.active_requests}: a request dispatched to an agent and not finished. */
public record ActiveRequest(
    String device,
    Fid fid,
    Fid dfid,
    long compound,
    long cookie,
    CopytoolAction action,
    int archiveId,
    long flags,
    HsmExtent extent,
    long gid,
    String dataHex,
    boolean canceled,
    String agentUuid,
    long bytesDone,
    Map<String, String> extra) {
  public ActiveRequest {
    extra = Map.copyOf(extra);
  }
}
