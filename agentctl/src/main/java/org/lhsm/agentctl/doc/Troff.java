package org.lhsm.agentctl.doc;

/** Escaping of plain text for troff (man macros) input. */
public final class Troff {
  private Troff() {}

  /**
   * Escapes one line of text: backslash becomes {@code \e}, hyphen-minus becomes {@code \-} (so
   * options copy-paste as ASCII), and a leading {@code .} or {@code '} is guarded with {@code \&}
   * so troff does not take the line as a request. Line breaks become spaces: callers split
   * paragraphs themselves.
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\e");
        case '-' -> out.append("\\-");
        case '\r', '\n' -> out.append(' ');
        default -> out.append(c);
      }
    }
    if (out.length() > 0 && (out.charAt(0) == '.' || out.charAt(0) == '\'')) {
      out.insert(0, "\\&");
    }
    return out.toString();
  }

  /** {@code text} escaped and set in bold. */
  public static String bold(String text) {
    return "\\fB" + escape(text) + "\\fR";
  }

  /** {@code text} escaped and set in italics. */
  public static String italic(String text) {
    return "\\fI" + escape(text) + "\\fR";
  }
}
