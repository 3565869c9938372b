package org.lhsm.emulator.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.cdt.Coordinator;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.fs.EmulatedFs;
import org.lhsm.emulator.fs.FsLayout;
import org.lhsm.emulator.fs.MountTable;
import org.lhsm.emulator.log.RequestLog;
import org.lhsm.emulator.params.ParamTree;

/**
 * The parameter files' publication budget on a clock the test moves: every publication costs 10 ms
 * of it (each reading of the clock advances it by 10 ms). With credit left a changed list is
 * written at once; past the budget it is due later, and written once enough time passed; a forced
 * publication writes at once; nothing unchanged is written.
 */
class ParamPublisherTest {
  private static final long STEP = 10_000_000L;
  @TempDir Path dir;
  private final AtomicLong nanos = new AtomicLong();
  private RequestLog log;
  private EmulatedFs fs;
  private Coordinator cdt;
  private ParamTree params;
  private ParamPublisher publisher;
  private int cookie;

  @BeforeEach
  void setUp() throws Exception {
    FsLayout layout = new FsLayout(dir);
    layout.create("lustre");
    MountTable mounts = new MountTable(layout);
    mounts.ensure(1);
    fs = new EmulatedFs(layout);
    log = new RequestLog(layout.requestLog());
    cdt = new Coordinator(fs, log, mounts, () -> 1_800_000_000_000L, "lustre");
    cdt.recover();
    params = new ParamTree(layout.params(), "lustre");
    publisher = new ParamPublisher(cdt, params, () -> nanos.addAndGet(STEP));
  }

  @AfterEach
  void tearDown() throws Exception {
    log.close();
    fs.close();
  }

  private void change() throws Exception {
    Fid f = new Fid(0x200000401L, ++cookie, 0);
    log.add(1, 0, 1, new ActionItem(Hsm.HSMA_ARCHIVE, f, f, 0, Hsm.EOF, cookie, 0, new byte[0]));
  }

  private String actionsFile() throws Exception {
    return Files.readString(params.base().resolve("hsm/actions"));
  }

  @Test
  void listsArePublishedAtOnceWithinTheBudgetAndWhenDueBeyondIt() throws Exception {
    assertThat(publisher.publish(true)).isFalse();
    assertThat(actionsFile()).isEmpty();
    // 20 ms of credit: the first publications go out at once, each costing 10 ms
    change();
    assertThat(publisher.publish(false)).isFalse();
    assertThat(actionsFile()).isEqualTo(cdt.param("hsm/actions")).hasLineCount(1);
    change();
    assertThat(publisher.publish(false)).isFalse();
    assertThat(actionsFile()).hasLineCount(2);
    long renders = publisher.renders();
    // credit spent: the next change is due later, and the caller is told to wake the thread
    change();
    boolean deferred = false;
    for (int i = 0; i < 3 && !deferred; i++) {
      deferred = publisher.publish(false);
      if (!deferred) {
        change();
      }
    }
    assertThat(deferred).as("a publication left for later").isTrue();
    int published = actionsFile().split("\n").length;
    assertThat(published).as("the file lags the log").isLessThan(log.size());
    change();
    assertThat(publisher.publish(false)).as("already due: no second wake-up").isFalse();
    assertThat(publisher.nanosUntilDue()).isPositive().isLessThanOrEqualTo(1_000_000_000L);
    assertThat(publisher.deferrals()).isPositive();
    // once enough time has passed the coordinator thread's publication writes everything
    nanos.addAndGet(publisher.nanosUntilDue() + STEP);
    assertThat(publisher.publish(false)).isFalse();
    assertThat(actionsFile()).isEqualTo(cdt.param("hsm/actions")).hasLineCount(log.size());
    assertThat(publisher.nanosUntilDue()).isEqualTo(Long.MAX_VALUE);
    assertThat(publisher.renders()).isGreaterThan(renders);
  }

  @Test
  void aForcedPublicationWritesAtOnceAndNothingUnchangedIsWritten() throws Exception {
    publisher.publish(true);
    for (int i = 0; i < 5; i++) {
      change();
      publisher.publish(false);
    }
    change();
    publisher.publish(true);
    assertThat(actionsFile()).isEqualTo(cdt.param("hsm/actions")).hasLineCount(6);
    long renders = publisher.renders();
    Object key = Files.readAttributes(params.base().resolve("hsm/actions"), "unix:ino").get("ino");
    assertThat(publisher.publish(true)).isFalse();
    assertThat(publisher.renders()).as("nothing changed, nothing rendered").isEqualTo(renders);
    assertThat(Files.readAttributes(params.base().resolve("hsm/actions"), "unix:ino").get("ino"))
        .as("the file was not replaced")
        .isEqualTo(key);
  }

  /**
   * Past the budget a change of the coordinator's shape (here its state; a tunable or an agent
   * alike) is still written before the operation is answered, as {@code lctl get_param} shows it on
   * a real MDT right after the call (CI: a copytool's unregistration read back a second late).
   */
  @Test
  void aShapeChangeIsPublishedAtOnceEvenPastTheBudget() throws Exception {
    publisher.publish(true);
    boolean deferred = false;
    for (int i = 0; i < 10 && !deferred; i++) {
      change();
      deferred = publisher.publish(false);
    }
    assertThat(deferred).as("credit spent").isTrue();
    cdt.setParam("hsm_control", "disabled");
    assertThat(publisher.publish(false)).isFalse();
    assertThat(Files.readString(params.base().resolve("hsm_control"))).isEqualTo("disabled\n");
    assertThat(actionsFile()).as("the lists with it").isEqualTo(cdt.param("hsm/actions"));
  }

  /**
   * However much the forced publications cost (a daemon's start renders every record on a cold JVM,
   * a copytool's registration renders them again), a list left for later is written at most {@value
   * ParamPublisher#MAX_DELAY_MILLIS} ms after the change, and the changes that follow do not put it
   * off. A debt paid back at 1/{@value ParamPublisher#FACTOR} of the time kept {@code hsm/actions}
   * seconds behind after a restart: coordinator-kill's audit, which looks 3 s for the FAILED record
   * of a request that ended without its effect, counted such requests lost (seeds 0x10 and 0x11, a
   * FAILED record written right after a restart).
   */
  @Test
  void aListLeftForLaterIsWrittenWithinTheMaximumDelayWhateverTheDebt() throws Exception {
    for (int i = 0; i < 30; i++) {
      change();
      publisher.publish(true); // 10 ms each, paid back at 0.5 ms per 10 ms
    }
    change();
    String first = "cookie=0x0/0x" + Integer.toHexString(cookie) + " ";
    assertThat(publisher.publish(false)).as("a publication left for later").isTrue();
    assertThat(actionsFile()).doesNotContain(first);
    long changedAt = nanos.get();
    while (!actionsFile().contains(first)) {
      assertThat(nanos.get() - changedAt)
          .as("fake time since the change left for later")
          .isLessThanOrEqualTo((ParamPublisher.MAX_DELAY_MILLIS + 100) * 1_000_000L);
      nanos.addAndGet(50_000_000L); // an operation every 50 ms, each changing the list
      change();
      publisher.publish(false);
      if (publisher.nanosUntilDue() == 0) {
        publisher.publish(false); // the coordinator thread, once due
      }
    }
  }
}
