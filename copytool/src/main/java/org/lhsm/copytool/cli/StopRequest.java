package org.lhsm.copytool.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.lhsm.copytool.engine.Engine;

/**
 * SIGTERM/SIGINT for the copytool mode. Installed before registering, so a signal that arrives
 * while the agent registers (or before its engine exists) is carried out as soon as it can be: the
 * agent is still unregistered, never left behind by the JVM's default exit. The first signal stops
 * gracefully; the second leaves at once with 1, as the stock tool does. A registration that does
 * not return (an MDT that does not answer) cannot be interrupted: if the engine has not arrived
 * within a bound after the first signal, the process leaves with 1 rather than hang.
 */
final class StopRequest {
  /** What a second signal does (the real process halts the JVM). */
  interface Halt {
    void now(int status);
  }

  private final AtomicInteger signals = new AtomicInteger();
  private final AtomicReference<Engine> engine = new AtomicReference<>();
  private final CountDownLatch attached = new CountDownLatch(1);
  private final PrintStream err;
  private final Halt halt;
  private final Duration registrationWait;

  StopRequest(PrintStream err, Halt halt, Duration registrationWait) {
    this.err = err;
    this.halt = halt;
    this.registrationWait = registrationWait;
  }

  /** The signal handler: runs on the JDK's signal thread. */
  void onSignal(String name) {
    if (signals.getAndIncrement() == 0) {
      err.println("exiting: " + Signals.describe(name));
      Engine e = engine.get();
      if (e != null) {
        e.shutdown();
      } else {
        watchRegistration();
      }
    } else {
      halt.now(1);
    }
  }

  private void watchRegistration() {
    Thread t =
        new Thread(
            () -> {
              try {
                if (!attached.await(registrationWait.toMillis(), TimeUnit.MILLISECONDS)) {
                  err.println(
                      "exiting: registration did not return within "
                          + registrationWait.toSeconds()
                          + " s");
                  halt.now(1);
                }
              } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
              }
            },
            "jhsmtool-stop-watch");
    t.setDaemon(true);
    t.start();
  }

  /** Hands over the engine; stops it at once if a signal came first. */
  void attach(Engine e) {
    engine.set(e);
    attached.countDown();
    // set before read, as onSignal counts before it reads: one of the two sees the other
    if (requested()) {
      e.shutdown();
    }
  }

  boolean requested() {
    return signals.get() > 0;
  }
}
