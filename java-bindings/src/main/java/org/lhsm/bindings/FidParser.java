package org.lhsm.bindings;

import java.math.BigInteger;

/**
 * Hand-written scanner for {@link Fid#parse} (mirrors the leniency of llapi_fid_parse) and for
 * {@link Fid#parseLenient}.
 */
final class FidParser {
  private static final BigInteger SEQ_LIMIT = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger U32_MAX = BigInteger.valueOf(0xffffffffL);

  private final String text;
  private int pos;

  FidParser(String text) {
    this.text = text;
  }

  Fid parse() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    boolean bracket = false;
    while (pos < text.length() && text.charAt(pos) == '[') {
      bracket = true;
      pos++;
    }
    BigInteger seq = field("sequence");
    expect(':');
    BigInteger oid = field("object id");
    expect(':');
    BigInteger ver = field("version");
    if (bracket && pos < text.length() && text.charAt(pos) == ']') {
      pos++;
    }
    if (pos != text.length()) {
      throw error("unexpected '" + text.charAt(pos) + "' at position " + pos);
    }
    if (seq.compareTo(SEQ_LIMIT) >= 0) {
      throw error("sequence out of range (ERANGE)");
    }
    if (oid.compareTo(U32_MAX) > 0) {
      throw error("object id out of range (ERANGE)");
    }
    if (ver.compareTo(U32_MAX) > 0) {
      throw error("version out of range (ERANGE)");
    }
    return new Fid(seq.longValue(), oid.intValue(), ver.intValue());
  }

  private BigInteger field(String what) {
    int radix = 10;
    int start = pos;
    if (startsWithIgnoreCase("0x")
        && pos + 2 < text.length()
        && isDigit(text.charAt(pos + 2), 16)) {
      radix = 16;
      start = pos + 2;
    } else if (pos < text.length() && text.charAt(pos) == '0') {
      radix = 8;
    }
    int end = start;
    while (end < text.length() && isDigit(text.charAt(end), radix)) {
      end++;
    }
    if (end == start) {
      throw error("missing " + what + " at position " + pos);
    }
    pos = end;
    return new BigInteger(text.substring(start, end), radix);
  }

  private boolean startsWithIgnoreCase(String prefix) {
    return text.regionMatches(true, pos, prefix, 0, prefix.length());
  }

  private static boolean isDigit(char c, int radix) {
    return c < 128 && Character.digit(c, radix) >= 0;
  }

  private void expect(char c) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("expected '" + c + "' at position " + pos);
    }
    pos++;
  }

  private IllegalArgumentException error(String why) {
    return bad(text, why);
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException("bad FID '" + text + "': " + why);
  }

  static Fid parseLenient(String text) {
    String s = text.strip();
    s = s.startsWith("[") ? s.substring(1) : s;
    s = s.endsWith("]") ? s.substring(0, s.length() - 1) : s;
    String[] f = s.split(":", -1);
    if (f.length != 3) {
      throw bad(text, "expected [SEQ:OID:VER]");
    }
    BigInteger seq = lenientField(text, f[0], "sequence");
    BigInteger oid = lenientField(text, f[1], "object id");
    BigInteger ver = lenientField(text, f[2], "version");
    if (seq.bitLength() > 64) {
      throw bad(text, "sequence out of range");
    }
    if (oid.compareTo(U32_MAX) > 0 || ver.compareTo(U32_MAX) > 0) {
      throw bad(text, "object id and version must fit 32 bits");
    }
    return new Fid(seq.longValue(), oid.intValue(), ver.intValue());
  }

  private static BigInteger lenientField(String text, String field, String what) {
    String t = field.strip();
    int radix = 10;
    int start = 0;
    if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
      radix = 16;
      start = 2;
    } else if (t.length() > 1 && t.startsWith("0")) {
      radix = 8;
      start = 1;
    }
    boolean ok = start < t.length();
    for (int i = start; ok && i < t.length(); i++) {
      ok = isDigit(t.charAt(i), radix);
    }
    if (!ok) {
      throw bad(text, "bad " + what + " '" + field + "'");
    }
    return new BigInteger(t.substring(start), radix);
  }
}
