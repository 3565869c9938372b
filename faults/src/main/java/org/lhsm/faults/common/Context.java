package org.lhsm.faults.common;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a campaign runs with: the pieces under test, its seed, full or bounded size, an optional
 * single trial to replay, and a fresh working directory of its own.
 *
 * @param trial only this trial (a replay), if present
 */
public record Context(
    Env env,
    long seed,
    boolean full,
    OptionalInt trial,
    Path workDir,
    boolean keep,
    PrintStream out) {

  /**
   * A fresh directory for {@code campaign} under the work directory, deleted by {@link #cleanup()}.
   */
  public Path directory(String campaign) throws IOException {
    Files.createDirectories(workDir);
    Path d = Files.createTempDirectory(workDir, campaign + "-");
    created.add(d);
    return d;
  }

  private static final java.util.List<Path> created =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  /**
   * After a failed trial: prints the last warnings and errors of the logs in the directories made
   * so far, and keeps those directories (their path printed) for a look at everything else.
   */
  public void keepForDiagnosis() {
    synchronized (created) {
      FailureLogs.print(List.copyOf(created), out);
      for (Path d : created) {
        out.println("  kept for diagnosis: " + d);
      }
      created.clear();
    }
  }

  /** Deletes every directory {@link #directory} made, unless {@code --keep}. */
  public void cleanup() {
    synchronized (created) {
      for (Path d : created) {
        cleanup(d);
      }
      created.clear();
    }
  }

  /** Deletes a campaign's directory unless {@code --keep}. */
  public void cleanup(Path dir) {
    if (keep || dir == null || !Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      out.println("cannot delete " + dir + ": " + e);
    }
  }

  /** Whether trial {@code k} runs (all of them, or only the one replayed). */
  public boolean runs(int k) {
    return trial.isEmpty() || trial.getAsInt() == k;
  }

  /** The command that runs {@code campaign} again at this size. */
  public String replayPrefix(String campaign) {
    return "faults/run.sh " + campaign + (full ? " --full" : "");
  }
}
