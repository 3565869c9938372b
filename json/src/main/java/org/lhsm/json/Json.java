package org.lhsm.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Writes JSON from plain Java values: {@link Map} (string keys, written in iteration order), {@link
 * Collection}, {@link CharSequence}, {@link Enum} (its name), integral numbers, {@link Boolean} and
 * null. Floating-point numbers are rounded to {@value #DECIMALS} decimals and written plain; NaN
 * and infinities are refused (they are not JSON), as is any other type.
 */
public final class Json {
  /** Decimals kept for floating-point values. */
  public static final int DECIMALS = 4;

  private static final int COMPACT = -1;

  private Json() {}

  /** On one line without blanks, e.g. {@code {"a":[1,2]}}. */
  public static String compact(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, COMPACT);
    return out.toString();
  }

  /** Two-space indentation, arrays of scalars on one line ({@code [1, 2]}), no trailing newline. */
  public static String pretty(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0);
    return out.toString();
  }

  private static void write(StringBuilder out, Object v, int indent) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Map<?, ?> m) {
      writeObject(out, m, indent);
    } else if (v instanceof Collection<?> c) {
      writeArray(out, c, indent);
    } else if (v instanceof CharSequence s) {
      writeString(out, s.toString());
    } else if (v instanceof Enum<?> e) {
      writeString(out, e.name());
    } else if (v instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (v instanceof Double || v instanceof Float) {
      out.append(number(((Number) v).doubleValue()));
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte
        || v instanceof BigInteger) {
      out.append(v);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }

  private static void writeObject(StringBuilder out, Map<?, ?> m, int indent) {
    if (m.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append(indent == COMPACT ? "{" : "{\n");
    int i = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("JSON object keys must be strings: " + e.getKey());
      }
      pad(out, indent + 1);
      writeString(out, key);
      out.append(indent == COMPACT ? ":" : ": ");
      write(out, e.getValue(), indent == COMPACT ? COMPACT : indent + 1);
      separate(out, ++i < m.size(), indent);
    }
    pad(out, indent);
    out.append('}');
  }

  private static void writeArray(StringBuilder out, Collection<?> c, int indent) {
    if (c.isEmpty()) {
      out.append("[]");
      return;
    }
    boolean flat = c.stream().noneMatch(x -> x instanceof Map || x instanceof Collection);
    if (flat || indent == COMPACT) {
      out.append('[');
      int i = 0;
      for (Object x : c) {
        if (i++ > 0) {
          out.append(indent == COMPACT ? "," : ", ");
        }
        write(out, x, indent);
      }
      out.append(']');
      return;
    }
    out.append("[\n");
    int i = 0;
    for (Object x : c) {
      pad(out, indent + 1);
      write(out, x, indent + 1);
      separate(out, ++i < c.size(), indent);
    }
    pad(out, indent);
    out.append(']');
  }

  private static void separate(StringBuilder out, boolean more, int indent) {
    if (indent == COMPACT) {
      out.append(more ? "," : "");
    } else {
      out.append(more ? ",\n" : "\n");
    }
  }

  private static void pad(StringBuilder out, int indent) {
    if (indent > 0) {
      out.append("  ".repeat(indent));
    }
  }

  /** A floating-point value as written: plain decimal, rounded, never {@code -0}. */
  public static String number(double d) {
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

  private static void writeString(StringBuilder out, String s) {
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
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
