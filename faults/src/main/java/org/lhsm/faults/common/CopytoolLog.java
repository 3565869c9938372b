package org.lhsm.faults.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a jhsmtool log says about how its actions ended. */
public final class CopytoolLog {
  /** One {@code Action completed, notifying coordinator ...} line. */
  public record Completion(String fid, int hpFlags, int errno) {
    public boolean retry() {
      return (hpFlags & 2) != 0;
    }
  }

  private static final Pattern DONE =
      Pattern.compile(
          "Action completed, notifying coordinator cookie=\\S+, FID=\\[([^\\]]+)\\], hp_flags=(\\d+) err=(\\d+)");

  private CopytoolLog() {}

  public static List<Completion> completions(String log) {
    List<Completion> out = new ArrayList<>();
    Matcher m = DONE.matcher(log);
    while (m.find()) {
      out.add(
          new Completion(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }
    return out;
  }

  /** Completions of {@code fid} (no brackets). */
  public static List<Completion> of(String log, String fid) {
    return completions(log).stream().filter(c -> c.fid().equals(fid)).toList();
  }
}
