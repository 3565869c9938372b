package org.lhsm.agentctl.params;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits one record line into {@code key=value} fields separated by spaces. A value starting with
 * {@code [} runs to the matching {@code ]} and may contain spaces ({@code lrh=[type=.. len=..]},
 * {@code requests=[current:0 ok:0 errors:0]}); it is returned without brackets.
 */
final class KeyValueLine {
  private KeyValueLine() {}

  /**
   * @throws IllegalArgumentException with the reason when a field has no {@code =}, a bracket is
   *     not closed, or a key repeats
   */
  static Map<String, String> parse(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      if (Character.isWhitespace(line.charAt(i))) {
        i++;
        continue;
      }
      int keyStart = i;
      while (i < n && line.charAt(i) != '=' && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i >= n || line.charAt(i) != '=') {
        throw new IllegalArgumentException(
            "field '"
                + line.substring(keyStart, i)
                + "' at column "
                + (keyStart + 1)
                + " has no '='");
      }
      String key = line.substring(keyStart, i);
      if (key.isEmpty()) {
        throw new IllegalArgumentException("empty field name at column " + (keyStart + 1));
      }
      i++;
      String value;
      if (i < n && line.charAt(i) == '[') {
        int depth = 0;
        int start = i + 1;
        int j = i;
        for (; j < n; j++) {
          char c = line.charAt(j);
          if (c == '[') {
            depth++;
          } else if (c == ']' && --depth == 0) {
            break;
          }
        }
        if (j >= n) {
          throw new IllegalArgumentException("unclosed '[' in field '" + key + "'");
        }
        value = line.substring(start, j);
        i = j + 1;
        if (i < n && !Character.isWhitespace(line.charAt(i))) {
          throw new IllegalArgumentException("text right after ']' of field '" + key + "'");
        }
      } else {
        int start = i;
        while (i < n && !Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        value = line.substring(start, i);
      }
      if (fields.put(key, value) != null) {
        throw new IllegalArgumentException("field '" + key + "' repeated");
      }
    }
    return fields;
  }

  /** Fields of {@code all} whose names are not in {@code known}, in line order. */
  static Map<String, String> extras(Map<String, String> all, java.util.Set<String> known) {
    Map<String, String> extra = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (!known.contains(k)) {
            extra.put(k, v);
          }
        });
    return Collections.unmodifiableMap(extra);
  }
}
