package org.lhsm.copytool.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.lhsm.copytool.engine.Engine;

/**
 * SIGTERM/SIGINT for the copytool mode. Installed before registering, so a signal that arrives
 * while the agent registers (or before its engine exists) is carried out as soon as it can be: the
 * agent is still unregistered, never left behind by the JVM's default exit. The first signal stops
 * gracefully; the second leaves at once with 1, as the stock tool does.
 */
final class StopRequest {
  /** What a second signal does (the real process halts the JVM). */
  interface Halt {
    void now(int status);
  }

  private final AtomicInteger signals = new AtomicInteger();
  private final AtomicReference<Engine> engine = new AtomicReference<>();
  private final PrintStream err;
  private final Halt halt;

  StopRequest(PrintStream err, Halt halt) {
    this.err = err;
    this.halt = halt;
  }

  /** The signal handler: runs on the JDK's signal thread. */
  void onSignal(String name) {
    if (signals.getAndIncrement() == 0) {
      err.println("exiting: " + Signals.describe(name));
      Engine e = engine.get();
      if (e != null) {
        e.shutdown();
      }
    } else {
      halt.now(1);
    }
  }

  /** Hands over the engine; stops it at once if a signal came first. */
  void attach(Engine e) {
    engine.set(e);
    // set before read, as onSignal counts before it reads: one of the two sees the other
    if (requested()) {
      e.shutdown();
    }
  }

  boolean requested() {
    return signals.get() > 0;
  }
}
