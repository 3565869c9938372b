package org.lhsm.bench.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON from plain Java values: {@link Map} (string keys, written in iteration order), {@link
 * List}, {@link CharSequence}, {@link Number}, {@link Boolean} and null. Floating-point numbers are
 * rounded to {@value #DECIMALS} decimals; NaN and infinities are refused (they are not JSON).
 */
public final class Json {
  /** Decimals kept for floating-point values. */
  public static final int DECIMALS = 4;

  private Json() {}

  /** Pretty-printed with two-space indentation, no trailing newline. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0);
    return out.toString();
  }

  private static void write(StringBuilder out, Object v, int indent) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Map<?, ?> m) {
      writeObject(out, m, indent);
    } else if (v instanceof List<?> l) {
      writeArray(out, l, indent);
    } else if (v instanceof CharSequence s) {
      writeString(out, s.toString());
    } else if (v instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (v instanceof Double || v instanceof Float) {
      out.append(number(((Number) v).doubleValue()));
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      out.append(((Number) v).longValue());
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }

  private static void writeObject(StringBuilder out, Map<?, ?> m, int indent) {
    if (m.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append("{\n");
    int i = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("JSON object keys must be strings: " + e.getKey());
      }
      pad(out, indent + 1);
      writeString(out, key);
      out.append(": ");
      write(out, e.getValue(), indent + 1);
      out.append(++i < m.size() ? ",\n" : "\n");
    }
    pad(out, indent);
    out.append('}');
  }

  private static void writeArray(StringBuilder out, List<?> l, int indent) {
    if (l.isEmpty()) {
      out.append("[]");
      return;
    }
    boolean flat = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
    if (flat) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        write(out, l.get(i), indent);
      }
      out.append(']');
      return;
    }
    out.append("[\n");
    for (int i = 0; i < l.size(); i++) {
      pad(out, indent + 1);
      write(out, l.get(i), indent + 1);
      out.append(i + 1 < l.size() ? ",\n" : "\n");
    }
    pad(out, indent);
    out.append(']');
  }

  private static void pad(StringBuilder out, int indent) {
    out.append("  ".repeat(indent));
  }

  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("not a JSON number: " + d);
    }
    String s =
        BigDecimal.valueOf(d)
            .setScale(DECIMALS, RoundingMode.HALF_EVEN)
            .stripTrailingZeros()
            .toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
