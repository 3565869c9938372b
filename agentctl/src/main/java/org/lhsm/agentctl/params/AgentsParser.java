package org.lhsm.agentctl.params;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code hsm.agents}: {@code uuid=<uuid> archive_id=<ANY|id[,id...]> requests=[current:<n>
 * ok:<n> errors:<n>]}, the same on every version.
 */
public final class AgentsParser {
  private static final Set<String> KNOWN = Set.of("uuid", "archive_id", "requests");

  private AgentsParser() {}

  public static List<AgentEntry> parse(String text, String source) throws ParamFormatException {
    return ParamLines.parseEach(text, "agents", source, AgentsParser::parseLine);
  }

  private static AgentEntry parseLine(ParamLines.Line line) {
    Fields f = new Fields(KeyValueLine.parse(line.text()));
    String uuid = f.text("uuid");
    if (uuid.isEmpty()) {
      throw new IllegalArgumentException("empty uuid");
    }
    Set<Integer> archives = archives(f.text("archive_id"));
    Map<String, String> counters = counters(f.text("requests"));
    return new AgentEntry(
        line.device(),
        uuid,
        archives,
        counter(counters, "current"),
        counter(counters, "ok"),
        counter(counters, "errors"),
        KeyValueLine.extras(f.map(), KNOWN));
  }

  private static Set<Integer> archives(String v) {
    if (v.equalsIgnoreCase("ANY")) {
      return Set.of();
    }
    Set<Integer> ids = new LinkedHashSet<>();
    for (String part : v.split(",", -1)) {
      try {
        ids.add(Numbers.parseInt32(part));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("field 'archive_id': " + e.getMessage());
      }
    }
    return ids;
  }

  private static Map<String, String> counters(String v) {
    Map<String, String> m = new java.util.HashMap<>();
    for (String tok : v.strip().split("\\s+")) {
      int at = tok.indexOf(':');
      if (at <= 0) {
        throw new IllegalArgumentException(
            "field 'requests': expected name:count, got '" + tok + "'");
      }
      m.put(tok.substring(0, at), tok.substring(at + 1));
    }
    return m;
  }

  private static long counter(Map<String, String> m, String name) {
    String v = m.get(name);
    if (v == null) {
      throw new IllegalArgumentException("field 'requests': missing '" + name + ":'");
    }
    return Fields.number("requests." + name, v);
  }
}
