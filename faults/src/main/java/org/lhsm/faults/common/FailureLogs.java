package org.lhsm.faults.common;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The warnings of a campaign that failed, printed before its directory is deleted: on a CI machine
 * the printed output is all that is left, so the last warnings and errors of every log the campaign
 * wrote (the emulator's, the copytool's) are what explains a failure.
 */
final class FailureLogs {
  static final int LINES_PER_LOG = 12;

  /** Log levels, and the words of jhsmtool's lhsmtool_posix-like lines, which carry no level. */
  private static final Pattern NOTABLE =
      Pattern.compile("\\b(WARN|ERROR|SEVERE|FATAL|[Ff]ailed|[Cc]annot|refused|lost)\\b");

  private FailureLogs() {}

  /**
   * Prints the last {@value #LINES_PER_LOG} warning or error lines of each log under {@code dirs}.
   */
  static void print(List<Path> dirs, PrintStream out) {
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path log : s.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
          printTail(dir, log, out);
        }
      } catch (IOException e) {
        out.println("  (cannot list " + dir + ": " + e.getMessage() + ")");
      }
    }
  }

  private static void printTail(Path dir, Path log, PrintStream out) {
    Deque<String> last = new ArrayDeque<>();
    long notable = 0;
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      for (String l : (Iterable<String>) lines::iterator) {
        if (NOTABLE.matcher(l).find()) {
          notable++;
          last.addLast(l);
          if (last.size() > LINES_PER_LOG) {
            last.removeFirst();
          }
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      out.println("  (cannot read " + log + ": " + e.getMessage() + ")");
      return;
    }
    if (notable == 0) {
      return;
    }
    out.printf(
        "  last %d of %d warnings/errors in %s:%n", last.size(), notable, dir.relativize(log));
    last.forEach(l -> out.println("    " + l));
  }
}
