package org.lhsm.emulator.cdt;

/** Source of wall-clock time, injectable so tests can drive timeouts without sleeping. */
@FunctionalInterface
public interface Clock {
  long millis();

  default long seconds() {
    return millis() / 1000;
  }

  Clock SYSTEM = System::currentTimeMillis;
}
