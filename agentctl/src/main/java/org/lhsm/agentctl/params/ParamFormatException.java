package org.lhsm.agentctl.params;

import java.io.IOException;

/** A parameter file line that cannot be understood; the message names source, line and why. */
public final class ParamFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int lineNumber;
  private final String line;

  public ParamFormatException(String source, int lineNumber, String line, String reason) {
    super(source + " line " + lineNumber + ": " + reason + ": '" + line + "'");
    this.source = source;
    this.lineNumber = lineNumber;
    this.line = line;
  }

  public String source() {
    return source;
  }

  public int lineNumber() {
    return lineNumber;
  }

  public String line() {
    return line;
  }
}
