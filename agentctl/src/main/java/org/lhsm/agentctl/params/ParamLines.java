package org.lhsm.agentctl.params;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a list-type parameter into numbered record lines. Accepts the raw file content
 * and {@code lctl get_param} output, where each value is prefixed by {@code mdt.<dev>.hsm.<name>=}
 * and, for several records, starts on the line after the prefix.
 */
final class ParamLines {
  /**
   * One non-empty line to parse: its 1-based number in the source, the device if lctl named one.
   */
  record Line(int number, String device, String text) {}

  private ParamLines() {}

  static List<Line> split(String text, String paramName) {
    Pattern prefix =
        Pattern.compile("^mdt\\.([^\\s=.]+)\\.(?:hsm\\.)?" + Pattern.quote(paramName) + "=(.*)$");
    List<Line> lines = new ArrayList<>();
    String device = "";
    String[] raw = text.split("\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].strip();
      Matcher m = prefix.matcher(line);
      if (m.matches()) {
        device = m.group(1);
        line = m.group(2).strip();
      }
      if (!line.isEmpty()) {
        lines.add(new Line(i + 1, device, line));
      }
    }
    return lines;
  }

  /**
   * Parses every record line of {@code text} with {@code parseLine}; its {@link
   * IllegalArgumentException} becomes a {@link ParamFormatException} naming source and line.
   */
  static <T> List<T> parseEach(
      String text, String paramName, String source, Function<Line, T> parseLine)
      throws ParamFormatException {
    List<T> out = new ArrayList<>();
    for (Line line : split(text, paramName)) {
      try {
        out.add(parseLine.apply(line));
      } catch (IllegalArgumentException e) {
        throw new ParamFormatException(source, line.number(), line.text(), e.getMessage());
      }
    }
    return out;
  }
}
