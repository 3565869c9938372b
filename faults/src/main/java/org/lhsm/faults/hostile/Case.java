package org.lhsm.faults.hostile;

import java.util.Arrays;
import java.util.List;

/**
 * One bad invocation: the tool, the category of the issue it covers, its arguments (placeholders
 * {@code {mnt}}, {@code {root}}… expanded by {@link Fixture}), the documented exit code and what
 * the error output must name.
 *
 * @param unprivileged run as nobody (uid 65534): root reads mode-000 files
 */
record Case(
    Tool tool,
    String category,
    String name,
    List<String> args,
    int code,
    List<String> names,
    boolean unprivileged) {

  /** The CLI under test. */
  enum Tool {
    JHSMTOOL,
    AGENTCTL
  }

  /** A case; {@code args} split on single spaces (an argument holding a space: use {@link #of}). */
  /**
   * Adds {@code c} in the {@code --full} run only: the bounded run keeps one JVM start per idea.
   */
  static void more(List<Case> k, boolean full, Case c) {
    if (full) {
      k.add(c);
    }
  }

  static Case c(Tool t, String category, String name, String args, int code, String... names) {
    return new Case(t, category, name, split(args), code, List.of(names), false);
  }

  static Case of(Tool t, String category, String name, List<String> args, int code, String... n) {
    return new Case(t, category, name, List.copyOf(args), code, List.of(n), false);
  }

  Case asNobody() {
    return new Case(tool, category, name, args, code, names, true);
  }

  static List<String> split(String args) {
    return args.isEmpty() ? List.of() : Arrays.asList(args.split(" "));
  }

  @Override
  public String toString() {
    return tool.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
  }
}
