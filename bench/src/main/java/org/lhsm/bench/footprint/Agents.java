package org.lhsm.bench.footprint;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lhsm.emulator.testkit.Emulator;

/**
 * The emulator's {@code hsm.agents}: one line per registered copytool, {@code uuid=… archive_id=…
 * requests=[current:N ok:N errors:N]}, rewritten by the daemon as each operation is answered.
 */
record Agents(int registered, long current, long ok, long errors) {
  private static final Pattern COUNTS =
      Pattern.compile("requests=\\[current:(\\d+) ok:(\\d+) errors:(\\d+)\\]");

  static Agents read(Emulator emu) throws IOException {
    return parse(emu.param("hsm/agents"));
  }

  static Agents parse(String text) {
    int n = 0;
    long current = 0;
    long ok = 0;
    long errors = 0;
    for (String line : text.split("\n")) {
      if (!line.startsWith("uuid=")) {
        continue;
      }
      n++;
      Matcher m = COUNTS.matcher(line);
      if (m.find()) {
        current += Long.parseLong(m.group(1));
        ok += Long.parseLong(m.group(2));
        errors += Long.parseLong(m.group(3));
      }
    }
    return new Agents(n, current, ok, errors);
  }

  long ended() {
    return ok + errors;
  }
}
