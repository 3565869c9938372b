package org.lhsm.agentctl.params;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lhsm.bindings.CopytoolAction;

/** Parses {@code hsm.active_requests} (coordinator spec §6.2). */
public final class ActiveRequestsParser {
  private static final Set<String> KNOWN =
      Set.of(
          "fid",
          "dfid",
          "compound/cookie",
          "action",
          "archive#",
          "flags",
          "extent",
          "gid",
          "data",
          "canceled",
          "uuid",
          "done");

  private ActiveRequestsParser() {}

  public static List<ActiveRequest> parse(String text, String source) throws ParamFormatException {
    return ParamLines.parseEach(text, "active_requests", source, ActiveRequestsParser::parseLine);
  }

  private static ActiveRequest parseLine(ParamLines.Line line) {
    Map<String, String> all = KeyValueLine.parse(line.text());
    Fields f = new Fields(all);
    long[] cc = f.pair("compound/cookie", '/');
    int canceled = f.int32("canceled");
    if (canceled != 0 && canceled != 1) {
      throw new IllegalArgumentException("field 'canceled': expected 0 or 1, got " + canceled);
    }
    return new ActiveRequest(
        line.device(),
        f.fid("fid"),
        f.fid("dfid"),
        cc[0],
        cc[1],
        CopytoolAction.fromWireName(f.text("action")),
        f.int32("archive#"),
        f.u64("flags"),
        f.extent("extent"),
        f.u64("gid"),
        f.hex("data"),
        canceled == 1,
        f.text("uuid"),
        f.u64("done"),
        KeyValueLine.extras(all, KNOWN));
  }
}
