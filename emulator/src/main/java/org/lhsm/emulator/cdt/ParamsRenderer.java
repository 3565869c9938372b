package org.lhsm.emulator.cdt;

import static org.lhsm.emulator.codec.Hsm.HSMA_ARCHIVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_REMOVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_RESTORE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.log.ActionRecord;

/**
 * Renders the coordinator's parameters in the text formats of a 2.16 MDT. A record's {@code
 * hsm.actions} line is rendered once per state ({@link ActionRecord#format()}), so the list costs a
 * copy per record.
 */
final class ParamsRenderer {
  private ParamsRenderer() {}

  /** The parameters whose text grows with the request log or the active requests. */
  static final List<String> LISTS = List.of("hsm/actions", "hsm/active_requests");

  /** Every parameter with its file content, relative to {@code mdt/<fs>-MDT0000/}. */
  static Map<String, String> params(CoordinatorState c) {
    Map<String, String> p = small(c);
    p.put("hsm/actions", actionsText(c));
    p.put("hsm/active_requests", activeText(c));
    return p;
  }

  /**
   * Every parameter but the {@link #LISTS}: a few short lines whatever the load, cheap to render at
   * every operation.
   */
  static Map<String, String> small(CoordinatorState c) {
    Map<String, String> p = new LinkedHashMap<>();
    Tunables t = c.tunables();
    ActiveRequests active = c.active();
    p.put("hsm_control", c.cdtState().display() + "\n");
    p.put("hsm/active_request_timeout", t.activeRequestTimeout() + "\n");
    p.put("hsm/archive_count", active.countOf(HSMA_ARCHIVE) + "\n");
    p.put("hsm/default_archive_id", t.defaultArchiveId() + "\n");
    p.put("hsm/grace_delay", t.graceDelay() + "\n");
    p.put("hsm/loop_period", t.loopPeriod() + "\n");
    p.put("hsm/max_requests", t.maxRequests() + "\n");
    p.put("hsm/remove_archive_on_last_unlink", (t.removeArchiveOnLastUnlink() ? 1 : 0) + "\n");
    p.put("hsm/remove_count", active.countOf(HSMA_REMOVE) + "\n");
    p.put("hsm/restore_count", active.countOf(HSMA_RESTORE) + "\n");
    p.put("hsm/group_request_mask", Tunables.maskText(t.groupMask()) + "\n");
    p.put("hsm/other_request_mask", Tunables.maskText(t.otherMask()) + "\n");
    p.put("hsm/policy", Tunables.policyText(t.policy()) + "\n");
    p.put("hsm/user_request_mask", Tunables.maskText(t.userMask()) + "\n");
    p.put("hsm/agents", agentsText(c));
    return p;
  }

  /** One parameter's file content, or null for an unknown name. */
  static String param(CoordinatorState c, String name) {
    return switch (name) {
      case "hsm/actions" -> actionsText(c);
      case "hsm/active_requests" -> activeText(c);
      default -> small(c).get(name);
    };
  }

  /** {@code hsm.agents} content. */
  static String agentsText(CoordinatorState c) {
    StringBuilder sb = new StringBuilder();
    for (Agent a : c.agents().all()) {
      String ids =
          a.archives().isEmpty()
              ? "ANY"
              : String.join(",", a.archives().stream().map(Integer::toUnsignedString).toList());
      sb.append("uuid=")
          .append(a.uuid())
          .append(" archive_id=")
          .append(ids)
          .append(" requests=[current:")
          .append(c.active().countFor(a.uuid()))
          .append(" ok:")
          .append(a.okCount())
          .append(" errors:")
          .append(a.errorCount())
          .append("]\n");
    }
    return sb.toString();
  }

  /** {@code hsm.actions} content. */
  static String actionsText(CoordinatorState c) {
    StringBuilder sb = new StringBuilder(c.log().size() * 256);
    for (ActionRecord r : c.log().liveRecords()) {
      sb.append(r.format()).append('\n');
    }
    return sb.toString();
  }

  /** {@code hsm.active_requests} content. */
  static String activeText(CoordinatorState c) {
    StringBuilder sb = new StringBuilder();
    for (ActiveRequest ar : c.active().all()) {
      ActionRecord r = c.log().get(ar.recordIndex());
      ActionItem i = ar.item();
      sb.append("fid=")
          .append(i.fid())
          .append(" dfid=")
          .append(i.dfid())
          .append(" compound/cookie=0x0/0x")
          .append(Long.toHexString(i.cookie()))
          .append(" action=")
          .append(Hsm.actionName(i.action()))
          .append(" archive#=")
          .append(r == null ? 0 : r.archiveId())
          .append(" flags=0x")
          .append(Long.toHexString(r == null ? 0 : r.flags()))
          .append(" extent=0x")
          .append(Long.toHexString(i.offset()))
          .append("-0x")
          .append(Long.toHexString(i.length()))
          .append(" gid=0x")
          .append(Long.toHexString(i.gid()))
          .append(" data=[")
          .append(i.dataPreview())
          .append("]")
          .append(" canceled=")
          .append(ar.isCanceled() ? 1 : 0)
          .append(" uuid=")
          .append(ar.agentUuid())
          .append(" done=")
          .append(ar.doneBytes())
          .append('\n');
    }
    return sb.toString();
  }
}
