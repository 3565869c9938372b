package org.lhsm.faults.common;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one campaign: trials passed and failed, its own figures, and every failure with
 * the seed and the command that replays it. Thread-safe.
 */
public final class CampaignResult {
  /** One failed trial. */
  public record Failure(int trial, long seed, String what) {}

  private final String campaign;
  private final long seed;
  private final String replayPrefix;
  private int passed;
  private final List<Failure> failures = new ArrayList<>();
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private Duration duration = Duration.ZERO;

  /**
   * @param replayPrefix the command that runs this campaign, e.g. {@code faults/run.sh
   *     copytool-kill --full}; a failure's replay adds {@code --seed S --trial K}
   */
  public CampaignResult(String campaign, long seed, String replayPrefix) {
    this.campaign = campaign;
    this.seed = seed;
    this.replayPrefix = replayPrefix;
  }

  public String campaign() {
    return campaign;
  }

  public long seed() {
    return seed;
  }

  public synchronized void pass() {
    passed++;
  }

  /** Counts {@code n} passed trials at once (a part run by another process). */
  public synchronized void passMany(long n) {
    passed += (int) n;
  }

  public synchronized void fail(int trial, String what) {
    failures.add(new Failure(trial, Seeds.trial(seed, campaign, trial), what));
  }

  /** Records a trial: passed when {@code problem} is null. */
  public synchronized void trial(int trial, String problem) {
    if (problem == null) {
      pass();
    } else {
      fail(trial, problem);
    }
  }

  public synchronized void figure(String name, Object value) {
    figures.put(name, value);
  }

  /** Adds {@code delta} to a numeric figure. */
  public synchronized void count(String name, long delta) {
    figures.merge(name, delta, (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
  }

  public synchronized void note(String line) {
    notes.add(line);
  }

  public synchronized void duration(Duration d) {
    duration = d;
  }

  public synchronized int passed() {
    return passed;
  }

  public synchronized int failed() {
    return failures.size();
  }

  public synchronized int trials() {
    return passed + failures.size();
  }

  public synchronized List<Failure> failures() {
    return List.copyOf(failures);
  }

  public synchronized Map<String, Object> figures() {
    return new LinkedHashMap<>(figures);
  }

  public synchronized Duration duration() {
    return duration;
  }

  /** The command that replays {@code f}. */
  public String replay(Failure f) {
    return replayPrefix + " --seed " + Seeds.hex(seed) + " --trial " + f.trial();
  }

  /** The report: the summary line, figures, notes, then each failure with its replay. */
  public synchronized void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%s: %d passed, %d failed (%d trials, seed %s, %.1f s)%n",
        campaign,
        passed,
        failures.size(),
        trials(),
        Seeds.hex(seed),
        duration.toMillis() / 1000.0);
    for (Map.Entry<String, Object> e : figures.entrySet()) {
      out.printf(Locale.ROOT, "  %-34s %s%n", e.getKey(), format(e.getValue()));
    }
    for (String n : notes) {
      out.println("  note: " + n);
    }
    for (Failure f : failures) {
      out.printf(
          Locale.ROOT,
          "  FAILED trial %d (seed %s): %s%n    replay: %s%n",
          f.trial(),
          Seeds.hex(f.seed()),
          f.what(),
          replay(f));
    }
    out.flush();
  }

  private static String format(Object v) {
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.3f", d);
    }
    return String.valueOf(v);
  }

  /** The figures as one compact text, for the README table. */
  public synchronized String figuresLine() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Object> e : figures.entrySet()) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(e.getKey()).append(' ').append(format(e.getValue()));
    }
    return b.toString();
  }
}
