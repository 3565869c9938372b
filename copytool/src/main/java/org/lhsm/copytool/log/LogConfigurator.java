package org.lhsm.copytool.log;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * jhsmtool's logging, configured in code (a logback {@link Configurator} found through {@code
 * META-INF/services}): no XML parser and no pattern compiler at start-up, which took a third of the
 * time to registration. One console appender on standard error, root level {@code
 * -Djhsmtool.log.level} (default INFO; {@code -v}/{@code -q} move it later), and the line chosen as
 * before:
 *
 * <ul>
 *   <li>{@code -Djhsmtool.log.pattern=…}: that logback pattern, with {@code %epochMicros}, {@code
 *       %syslogPrefix} and {@code %actionTag} available;
 *   <li>under systemd ({@code JOURNAL_STREAM} set): {@code <N>} priority, action tag, message
 *       (journald adds time and pid);
 *   <li>else the lhsmtool_posix-like {@code prog: sec.usec prog[thread]: {tag} message}.
 * </ul>
 *
 * <p>A {@code logback-test.xml} on the class path (tests) or {@code -Dlogback.configurationFile}
 * takes precedence: this configurator then leaves the configuration to logback.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
  /** System property: the logback pattern of a line. */
  public static final String PATTERN_PROPERTY = "jhsmtool.log.pattern";

  /** System property: the root level. */
  public static final String LEVEL_PROPERTY = "jhsmtool.log.level";

  /** System property: the program name in the line ({@code jhsmtool}, {@code lhsmtool_posix}). */
  public static final String PROGNAME_PROPERTY = "lhsm.progname";

  public LogConfigurator() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader cl = LogConfigurator.class.getClassLoader();
    if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null
        || (cl != null && cl.getResource(ClassicConstants.TEST_AUTOCONFIG_FILE) != null)) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Layout<ILoggingEvent> layout = layout(context, System.getenv("JOURNAL_STREAM") != null);
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setImmediateFlush(true);
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getProperty(LEVEL_PROPERTY), Level.INFO));
    root.addAppender(appender);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The line format: see the class comment. */
  static Layout<ILoggingEvent> layout(LoggerContext context, boolean journal) {
    String pattern = System.getProperty(PATTERN_PROPERTY);
    Layout<ILoggingEvent> layout;
    if (pattern != null) {
      PatternLayout p = new PatternLayout();
      p.getInstanceConverterMap().put("epochMicros", EpochMicrosConverter::new);
      p.getInstanceConverterMap().put("syslogPrefix", SyslogPrefixConverter::new);
      p.getInstanceConverterMap().put("actionTag", ActionTagConverter::new);
      p.setPattern(pattern);
      layout = p;
    } else {
      layout = new LineLayout(System.getProperty(PROGNAME_PROPERTY, "jhsmtool"), journal);
    }
    layout.setContext(context);
    layout.start();
    return layout;
  }
}
