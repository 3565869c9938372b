package org.lhsm.emulator.testkit;

import java.util.concurrent.atomic.AtomicLong;
import org.lhsm.emulator.cdt.Clock;

/** A clock that only moves when the test says so. */
public final class ManualClock implements Clock {
  private final AtomicLong millis = new AtomicLong(1_800_000_000_000L);

  @Override
  public long millis() {
    return millis.get();
  }

  public void advanceSeconds(long s) {
    millis.addAndGet(s * 1000);
  }
}
