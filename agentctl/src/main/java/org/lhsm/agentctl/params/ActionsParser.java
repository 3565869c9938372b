package org.lhsm.agentctl.params;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lhsm.bindings.CopytoolAction;

/**
 * Parses {@code hsm.actions} (coordinator spec §6.1). Zero values may be printed {@code 0} or
 * {@code 0x0} (both occur across versions); unknown extra fields are kept in {@code extra}.
 */
public final class ActionsParser {
  private static final Set<String> KNOWN =
      Set.of(
          "lrh",
          "fid",
          "dfid",
          "compound/cookie",
          "action",
          "archive#",
          "flags",
          "extent",
          "gid",
          "datalen",
          "status",
          "data");

  private ActionsParser() {}

  public static List<ActionRecord> parse(String text, String source) throws ParamFormatException {
    return ParamLines.parseEach(text, "actions", source, ActionsParser::parseLine);
  }

  private static ActionRecord parseLine(ParamLines.Line line) {
    Map<String, String> all = KeyValueLine.parse(line.text());
    Fields f = new Fields(all);
    Fields lrh = new Fields(KeyValueLine.parse(f.text("lrh")));
    String type = lrh.text("type");
    int len = lrh.int32("len");
    long[] idx = pairOfInts(lrh.text("idx"));
    long[] cc = f.pair("compound/cookie", '/');
    return new ActionRecord(
        line.device(),
        type,
        len,
        (int) idx[0],
        (int) idx[1],
        f.fid("fid"),
        f.fid("dfid"),
        cc[0],
        cc[1],
        CopytoolAction.fromWireName(f.text("action")),
        f.int32("archive#"),
        f.u64("flags"),
        f.extent("extent"),
        f.u64("gid"),
        f.int32("datalen"),
        RecordStatus.parse(f.text("status")),
        f.hex("data"),
        KeyValueLine.extras(all, KNOWN));
  }

  private static long[] pairOfInts(String v) {
    int at = v.indexOf('/');
    if (at < 0) {
      throw new IllegalArgumentException(
          "field 'idx': expected <catalog>/<record>, got '" + v + "'");
    }
    try {
      return new long[] {
        Numbers.parseInt32(v.substring(0, at)), Numbers.parseInt32(v.substring(at + 1))
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field 'idx': " + e.getMessage());
    }
  }
}
