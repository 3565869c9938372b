package org.lhsm.copytool.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code -C} file: a flat YAML mapping of string values ({@code archive_format}, {@code
 * archive_path}; unknown keys are ignored with a warning). Only the subset the stock tool accepts
 * is parsed: {@code key: value} lines, optional quotes, {@code #} comments, an optional {@code ---}
 * header.
 */
final class ConfigFile {
  private ConfigFile() {}

  /** Thrown for syntax errors (exit EINVAL). */
  static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }
  }

  private static final java.util.Set<String> KEYS =
      java.util.Set.of(
          "archive_format",
          "archive_path",
          "backend",
          "s3_endpoint",
          "s3_bucket",
          "s3_prefix",
          "s3_region",
          "s3_part_size",
          "s3_part_buffers",
          "s3_parallel_parts");

  /** Whether jhsmtool reads {@code key} (others are ignored, with a warning). */
  static boolean known(String key) {
    return KEYS.contains(key) || key.startsWith("backend.");
  }

  static Map<String, String> read(Path file) throws IOException, ParseException {
    Map<String, String> out = new LinkedHashMap<>();
    int n = 0;
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      String line = stripComment(raw).strip();
      if (line.isEmpty() || line.equals("---") || line.equals("...")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || Character.isWhitespace(raw.charAt(0))) {
        throw new ParseException(file + ":" + n + ": expected 'key: value' in '" + raw + "'");
      }
      String key = line.substring(0, colon).strip();
      String value = unquote(line.substring(colon + 1).strip(), file, n);
      out.put(key, value);
    }
    return out;
  }

  private static String stripComment(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == '#'
          && !single
          && !dbl
          && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String unquote(String v, Path file, int n) throws ParseException {
    if (v.length() >= 2
        && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
      return v.substring(1, v.length() - 1);
    }
    if (v.startsWith("\"") || v.startsWith("'")) {
      throw new ParseException(file + ":" + n + ": unterminated quote");
    }
    return v;
  }
}
