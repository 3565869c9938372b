package org.lhsm.copytool.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

/**
 * jhsmtool's two log lines, written directly rather than through a compiled pattern: {@code prog:
 * <sec.usec> prog[thread]: {tag} message} (the lhsmtool_posix-like line, as the pattern {@code
 * PROG: %epochMicros PROG[%thread]: %actionTag%msg%n}) or, for journald, {@code <N>{tag} message}
 * ({@code %syslogPrefix%actionTag%msg%n}); a stack trace follows when the event has one.
 */
final class LineLayout extends LayoutBase<ILoggingEvent> {
  private final String prog;
  private final boolean journal;

  LineLayout(String prog, boolean journal) {
    this.prog = prog;
    this.journal = journal;
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder b = new StringBuilder(128);
    if (journal) {
      b.append(SyslogPrefixConverter.prefix(event.getLevel()));
    } else {
      b.append(prog).append(": ");
      EpochMicrosConverter.append(b, event.getInstant());
      b.append(' ').append(prog).append('[').append(event.getThreadName()).append("]: ");
    }
    ActionTagConverter.append(b, event);
    b.append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy t = event.getThrowableProxy();
    if (t != null) {
      b.append(ThrowableProxyUtil.asString(t)); // ends with a line separator
    }
    return b.toString();
  }
}
