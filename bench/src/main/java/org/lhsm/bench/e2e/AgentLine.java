package org.lhsm.bench.e2e;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the coordinator's {@code hsm/agents}: {@code uuid=U archive_id=1 requests=[current:C
 * ok:O errors:E]}, as a 2.16 MDT and the emulator print it.
 */
record AgentLine(String uuid, long current, long ok, long errors) {
  private static final Pattern LINE =
      Pattern.compile("uuid=(\\S+) .*requests=\\[current:(\\d+) ok:(\\d+) errors:(\\d+)\\]");

  /** Every agent listed in {@code text}. */
  static java.util.List<AgentLine> parse(String text) {
    java.util.List<AgentLine> out = new java.util.ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (m.find()) {
        out.add(
            new AgentLine(
                m.group(1),
                Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4))));
      }
    }
    return out;
  }

  /** The line of agent {@code uuid} in {@code text}, if listed. */
  static Optional<AgentLine> of(String text, String uuid) {
    return parse(text).stream().filter(a -> a.uuid.equals(uuid)).findFirst();
  }

  /** Completed actions, successful or not. */
  long done() {
    return ok + errors;
  }
}
