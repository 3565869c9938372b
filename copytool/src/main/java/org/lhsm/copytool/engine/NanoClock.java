package org.lhsm.copytool.engine;

/** Monotonic time source, injectable so the limiter and progress cadence are testable. */
@FunctionalInterface
public interface NanoClock {
  NanoClock SYSTEM = System::nanoTime;

  long nanoTime();
}
