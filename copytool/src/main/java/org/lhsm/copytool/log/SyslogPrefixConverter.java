package org.lhsm.copytool.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code <N>} syslog priority prefix that journald reads from a service's stderr. */
public final class SyslogPrefixConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return prefix(event.getLevel());
  }

  static String prefix(Level l) {
    int level = l.toInt();
    if (level >= Level.ERROR_INT) {
      return "<3>";
    }
    if (level >= Level.WARN_INT) {
      return "<4>";
    }
    if (level >= Level.INFO_INT) {
      return "<6>";
    }
    return "<7>";
  }
}
