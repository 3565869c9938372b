package org.lhsm.copytool.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Maps {@code -v}/{@code -q} onto the logback root level (default INFO, like the stock tool). */
final class LogLevels {
  private LogLevels() {}

  static Level forDelta(int delta) {
    if (delta >= 2) {
      return Level.TRACE;
    }
    if (delta == 1) {
      return Level.DEBUG;
    }
    if (delta == 0) {
      return Level.INFO;
    }
    if (delta == -1) {
      return Level.WARN;
    }
    return Level.ERROR;
  }

  static void apply(int delta) {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(forDelta(delta));
    }
  }
}
