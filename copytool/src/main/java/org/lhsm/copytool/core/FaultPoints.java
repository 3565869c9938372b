package org.lhsm.copytool.core;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.lhsm.bindings.CopytoolAction;

/**
 * Test-only pause points for crash campaigns: with the system property {@value #PROPERTY} set to
 * {@code <phase>[:<n>]} (read once, at class load), the {@code n}-th time (default 1) a copy
 * reaches {@code phase} the thread prints {@code FAULT-POINT <phase> <what>} on stderr and stops
 * there for good, so a harness watching the log kills the process in exactly that phase. Unset
 * (production) every call is a read of one final field. Phases, in the order an archive passes
 * them: {@code begin} (action begun, nothing written), {@code copy} (after the first chunk), {@code
 * fsync} (before the data fsync), {@code rename} (before {@code _tmp} takes the final name), {@code
 * dirsync} (renamed, before the directory fsync), {@code end} (before the action is ended). A
 * restore passes {@code begin}, {@code copy} and {@code end}.
 */
public final class FaultPoints {
  /** The system property naming the phase. */
  public static final String PROPERTY = "jhsmtool.test.pauseAt";

  private static final String PHASE;
  private static final String ACTION;
  private static final int NTH;
  private static final AtomicInteger SEEN = new AtomicInteger();

  static {
    String v = System.getProperty(PROPERTY, "").strip().toLowerCase(Locale.ROOT);
    int colon = v.indexOf(':');
    int nth = 1;
    if (colon > 0) {
      try {
        nth = Math.max(1, Integer.parseInt(v.substring(colon + 1)));
      } catch (NumberFormatException e) {
        nth = 1;
      }
      v = v.substring(0, colon);
    }
    int slash = v.indexOf('/');
    ACTION = slash > 0 ? v.substring(slash + 1) : null;
    v = slash > 0 ? v.substring(0, slash) : v;
    PHASE = v.isEmpty() ? null : v;
    NTH = nth;
  }

  private FaultPoints() {}

  /** Called at each phase; pauses forever at the chosen one (see the class comment). */
  public static void reached(String phase, CopytoolAction action, Object what) {
    if (PHASE == null
        || !PHASE.equals(phase)
        || (ACTION != null && !ACTION.equals(action.wireName().toLowerCase(Locale.ROOT)))
        || SEEN.incrementAndGet() != NTH) {
      return;
    }
    System.err.println(
        "FAULT-POINT " + phase + " " + action.wireName().toLowerCase(Locale.ROOT) + " " + what);
    System.err.flush();
    Object never = new Object();
    synchronized (never) {
      while (true) {
        try {
          never.wait();
        } catch (InterruptedException e) {
          // stay: only the harness's SIGKILL ends this
        }
      }
    }
  }
}
