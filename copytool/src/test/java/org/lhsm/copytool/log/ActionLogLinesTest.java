package org.lhsm.copytool.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.copytool.engine.Engine;
import org.lhsm.copytool.engine.EngineConfig;
import org.lhsm.copytool.fakes.FakeActionSource;
import org.lhsm.copytool.fakes.Items;
import org.lhsm.copytool.fakes.NoopBackend;
import org.lhsm.emulator.testkit.Await;
import org.slf4j.LoggerFactory;

/**
 * The log contract sanity-hsm relies on: each item's upper-case action name appears exactly once
 * (on its {@code action <NAME>} line), while every line of the action carries cookie, FID, action
 * and archive id.
 */
class ActionLogLinesTest {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Logger root;
  private Level previous;

  @BeforeEach
  void attach() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previous = root.getLevel();
    root.setLevel(Level.INFO);
    appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void detach() {
    root.detachAppender(appender);
    root.setLevel(previous);
  }

  /** Runs a one-worker engine over {@code batch} until every item has ended, then stops it. */
  private static void runUntilEnded(FakeActionSource source, HsmActionList batch) throws Exception {
    Engine engine =
        new Engine(
            source,
            new NoopBackend(),
            EngineConfig.defaults().withMaxJobs(1).withPollInterval(Duration.ofMillis(20)));
    Thread t = new Thread(engine::run);
    t.start();
    source.push(batch);
    Await.until("all ended", () -> source.endOrder().size() == batch.items().size());
    engine.shutdown();
    t.join(20_000);
  }

  @Test
  @SuppressWarnings("rawtypes") // logback's converter map is declared with a raw type
  void upperCaseActionNameOncePerItemAndContextOnEveryActionLine() throws Exception {
    FakeActionSource source = new FakeActionSource();
    runUntilEnded(
        source,
        Items.batch(
            Items.item(CopytoolAction.RESTORE, 0x51), Items.item(CopytoolAction.ARCHIVE, 0x52)));

    PatternLayout layout = new PatternLayout();
    layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    Map<String, Supplier<DynamicConverter>> rules = layout.getInstanceConverterMap();
    rules.put("actionTag", ActionTagConverter::new);
    rules.put("epochMicros", EpochMicrosConverter::new);
    layout.setPattern("jhsmtool: %epochMicros jhsmtool[%thread]: %actionTag%msg");
    layout.start();
    List<String> lines;
    synchronized (appender.list) {
      lines = appender.list.stream().map(layout::doLayout).collect(Collectors.toList());
    }
    List<String> named =
        lines.stream()
            .filter(l -> l.contains("RESTORE") || l.contains("ARCHIVE"))
            .collect(Collectors.toList());
    assertThat(named).hasSize(2);
    assertThat(named.get(0)).contains("action RESTORE reclen 72, cookie=0x51");
    assertThat(named.get(1)).contains("action ARCHIVE reclen 72, cookie=0x52");
    List<String> restoreLines =
        lines.stream().filter(l -> l.contains("cookie=0x51 ")).collect(Collectors.toList());
    assertThat(restoreLines)
        .isNotEmpty()
        .allMatch(
            l -> l.contains("{cookie=0x51 fid=[0x200000401:0x51:0x0] act=restore archive=1}"));
    assertThat(lines)
        .anyMatch(l -> l.matches("jhsmtool: \\d+\\.\\d{6} jhsmtool\\[.*\\]: .*"))
        .anyMatch(l -> l.contains("Action completed, notifying coordinator cookie=0x51"));
  }

  @Test
  void anUnknownActionIsLoggedWithItsNumberLikeTheStockTool() throws Exception {
    FakeActionSource source = new FakeActionSource();
    HsmActionItem known = Items.item(CopytoolAction.ARCHIVE, 0x61);
    HsmActionItem unknown =
        new HsmActionItem(
            CopytoolAction.UNKNOWN,
            known.fid(),
            known.dfid(),
            HsmExtent.whole(),
            0x61,
            0,
            null,
            99);
    runUntilEnded(source, Items.batch(unknown));

    List<String> messages;
    synchronized (appender.list) {
      messages =
          appender.list.stream()
              .map(ILoggingEvent::getFormattedMessage)
              .collect(Collectors.toList());
    }
    assertThat(messages).anyMatch(m -> m.startsWith("unknown action 99, on '"));
  }
}
