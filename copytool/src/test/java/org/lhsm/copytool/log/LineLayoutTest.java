package org.lhsm.copytool.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Layout;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lines written in code are exactly what the logback patterns of the former {@code logback.xml}
 * wrote: the stock-like line, the journald line, with and without an action tag and a stack trace.
 */
class LineLayoutTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("org.lhsm.copytool.engine.Engine");

  private ILoggingEvent event(Level level, String msg, Throwable t, Map<String, String> mdc) {
    LoggingEvent e = new LoggingEvent("fqcn", logger, level, msg, t, null);
    e.setThreadName("ct-worker-3");
    e.setMDCPropertyMap(mdc);
    return e;
  }

  private Layout<ILoggingEvent> pattern(String p) {
    PatternLayout l = new PatternLayout();
    l.setContext(context);
    l.getInstanceConverterMap().put("epochMicros", EpochMicrosConverter::new);
    l.getInstanceConverterMap().put("syslogPrefix", SyslogPrefixConverter::new);
    l.getInstanceConverterMap().put("actionTag", ActionTagConverter::new);
    l.setPattern(p);
    l.start();
    return l;
  }

  private Layout<ILoggingEvent> line(String prog, boolean journal) {
    LineLayout l = new LineLayout(prog, journal);
    l.setContext(context);
    l.start();
    return l;
  }

  @Test
  void theStockLikeLineIsThePatternsLine() {
    Layout<ILoggingEvent> old =
        pattern("lhsmtool_posix: %epochMicros lhsmtool_posix[%thread]: %actionTag%msg%n");
    Layout<ILoggingEvent> now = line("lhsmtool_posix", false);
    for (ILoggingEvent e :
        new ILoggingEvent[] {
          event(Level.INFO, "waiting for message from kernel", null, Map.of()),
          event(Level.INFO, "copied 4096 bytes", null, Map.of("action", "cookie=0x5 act=archive")),
          event(Level.ERROR, "archive failed", new IllegalStateException("boom"), Map.of()),
        }) {
      assertThat(now.doLayout(e)).isEqualTo(old.doLayout(e));
    }
    assertThat(now.doLayout(event(Level.INFO, "x", null, Map.of())))
        .matches("lhsmtool_posix: \\d+\\.\\d{6} lhsmtool_posix\\[ct-worker-3\\]: x\\R");
  }

  @Test
  void theJournaldLineIsThePatternsLine() {
    Layout<ILoggingEvent> old = pattern("%syslogPrefix%actionTag%msg%n");
    Layout<ILoggingEvent> now = line("jhsmtool", true);
    for (Level l : new Level[] {Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE}) {
      ILoggingEvent e = event(l, "m", null, Map.of("action", "cookie=0x1"));
      assertThat(now.doLayout(e)).isEqualTo(old.doLayout(e));
    }
    assertThat(now.doLayout(event(Level.WARN, "m", null, Map.of()))).startsWith("<4>m");
  }

  @Test
  void microsecondsArePaddedToSixDigits() {
    StringBuilder b = new StringBuilder();
    EpochMicrosConverter.append(b, java.time.Instant.ofEpochSecond(1700000000L, 42_000));
    assertThat(b).hasToString("1700000000.000042");
  }
}
