package org.lhsm.faults.hostile;

import java.util.ArrayList;
import java.util.List;

/** What a case's run must show: its exit code, stderr naming the fault, no change, no hang. */
final class Verdict {
  private Verdict() {}

  /** The problems of {@code run}, or null if it behaved. */
  static String of(Case c, Cli.Run run, Fixture fx, List<String> changed) {
    List<String> problems = new ArrayList<>();
    if (run.hung()) {
      problems.add("still running after " + Cli.BOUND.toSeconds() + " s: killed");
    } else if (run.exit() != c.code()) {
      problems.add("exit " + run.exit() + ", documented " + c.code());
    }
    for (String n : c.names()) {
      String want = fx.expand(n);
      if (!run.err().contains(want)) {
        problems.add("stderr does not name " + want);
      }
    }
    if (!run.out().isBlank() && c.code() != 0) {
      problems.add("an error printed on stdout: " + first(run.out()));
    }
    if (!changed.isEmpty()) {
      problems.add("changed: " + String.join(", ", changed));
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private static String first(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
