package org.lhsm.agentctl.params;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code lctl get_param mdt.*.hsm.* mdt.*.hsm_control} listings into device → name → value
 * ({@code max_requests}, {@code policy}, ..., and {@code hsm_control}). Names that agentctl does
 * not know are kept: newer versions add tunables.
 */
public final class TunablesParser {
  private static final Pattern LINE =
      Pattern.compile("^mdt\\.([^\\s=]+?)\\.(hsm\\.([A-Za-z0-9_#]+)|hsm_control)=(.*)$");

  private TunablesParser() {}

  public static Map<String, Map<String, String>> parse(String text, String source)
      throws ParamFormatException {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new ParamFormatException(
            source, i + 1, line, "expected mdt.<fsname>-MDTxxxx.hsm.<name>=<value>");
      }
      String name = m.group(3) != null ? m.group(3) : "hsm_control";
      Map<String, String> dev = out.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>());
      if (dev.put(name, m.group(4).strip()) != null) {
        throw new ParamFormatException(source, i + 1, line, "parameter '" + name + "' repeated");
      }
    }
    return out;
  }
}
