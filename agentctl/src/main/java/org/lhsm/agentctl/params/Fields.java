package org.lhsm.agentctl.params;

import java.util.Map;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmExtent;

/** Typed, required access to the fields of one line; failures say which field and why. */
final class Fields {
  private final Map<String, String> map;

  Fields(Map<String, String> map) {
    this.map = map;
  }

  Map<String, String> map() {
    return map;
  }

  String text(String key) {
    String v = map.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing field '" + key + "'");
    }
    return v;
  }

  long u64(String key) {
    return number(key, text(key));
  }

  int int32(String key) {
    String v = text(key);
    try {
      return Numbers.parseInt32(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field '" + key + "': " + e.getMessage());
    }
  }

  Fid fid(String key) {
    String v = text(key);
    try {
      return Fid.parseLenient(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + key + "': " + e.getMessage());
    }
  }

  /** Hex bytes as printed, e.g. {@code data=[434541]}; kept as text. */
  String hex(String key) {
    String v = text(key);
    if (!v.matches("[0-9A-Fa-f]*")) {
      throw new IllegalArgumentException("field '" + key + "': not hex bytes: '" + v + "'");
    }
    return v;
  }

  /** {@code a/b} pairs such as {@code compound/cookie=0x0/0x6b06905a}. */
  long[] pair(String key, char sep) {
    String v = text(key);
    int at = v.indexOf(sep);
    if (at < 0) {
      throw new IllegalArgumentException(
          "field '" + key + "': expected two values separated by '" + sep + "'");
    }
    return new long[] {number(key, v.substring(0, at)), number(key, v.substring(at + 1))};
  }

  HsmExtent extent(String key) {
    long[] p = pair(key, '-');
    return new HsmExtent(p[0], p[1]);
  }

  static long number(String key, String v) {
    try {
      return Numbers.parseU64(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field '" + key + "': " + e.getMessage());
    }
  }
}
