package org.lhsm.copytool.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;

/** {@code <seconds>.<microseconds>} since the epoch, as the stock tool prints its timestamps. */
public final class EpochMicrosConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    Instant t = event.getInstant();
    long micros = t.getNano() / 1000;
    String frac = Long.toString(micros);
    return t.getEpochSecond() + "." + "000000".substring(frac.length()) + frac;
  }
}
