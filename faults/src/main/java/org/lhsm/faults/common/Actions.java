package org.lhsm.faults.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The coordinator's {@code hsm.actions} text, record by record. */
public final class Actions {
  /** One record: FID, cookie, action name, status name. */
  public record Record(String fid, long cookie, String action, String status) {
    public boolean isFinal() {
      return status.equals("SUCCEED") || status.equals("FAILED") || status.equals("CANCELED");
    }
  }

  private static final Pattern LINE =
      Pattern.compile(
          "fid=\\[([^\\]]+)\\].*?cookie=0x[0-9a-f]+/0x([0-9a-f]+) action=(\\w+).*?status=(\\w+)");

  private Actions() {}

  public static List<Record> parse(String text) {
    List<Record> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (m.find()) {
        out.add(
            new Record(m.group(1), Long.parseUnsignedLong(m.group(2), 16), m.group(3), m.group(4)));
      }
    }
    return out;
  }
}
