package org.lhsm.copytool.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;

/** {@code <seconds>.<microseconds>} since the epoch, as the stock tool prints its timestamps. */
public final class EpochMicrosConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    StringBuilder b = new StringBuilder(20);
    append(b, event.getInstant());
    return b.toString();
  }

  static void append(StringBuilder b, Instant t) {
    String frac = Long.toString(t.getNano() / 1000);
    b.append(t.getEpochSecond()).append('.').append("000000", frac.length(), 6).append(frac);
  }
}
