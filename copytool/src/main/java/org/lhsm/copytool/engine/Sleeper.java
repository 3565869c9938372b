package org.lhsm.copytool.engine;

import java.util.concurrent.TimeUnit;

/** Blocks the calling thread; injectable so limiter tests need no real sleeping. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = TimeUnit.NANOSECONDS::sleep;

  void sleepNanos(long nanos) throws InterruptedException;
}
