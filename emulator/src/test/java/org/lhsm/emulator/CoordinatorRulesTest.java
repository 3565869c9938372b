package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.emulator.codec.Hsm.HUA_ARCHIVE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.ActionList;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.codec.Progress;
import org.lhsm.emulator.server.Op;
import org.lhsm.emulator.testing.ProtocolClient;
import org.lhsm.emulator.testing.TestCopytool;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.InProcessEmulator;

/** Finer coordinator rules: limits, packing, retries, data-version guard, RAoLU, tunables. */
class CoordinatorRulesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration QUIET = Duration.ofMillis(300);
  @TempDir Path dir;
  InProcessEmulator fx;
  ProtocolClient user;

  private void start() throws Exception {
    fx = EmulatorLauncher.create().under(dir).startInProcess();
    user = new ProtocolClient(fx.socket());
  }

  @AfterEach
  void stop() throws Exception {
    if (user != null) {
      user.close();
    }
    if (fx != null) {
      fx.close();
    }
  }

  private String actions() {
    return fx.param("hsm/actions");
  }

  /** Stops the daemon (the user connection first); {@code ct} sees its event connection end. */
  private void stopDaemonSeenBy(TestCopytool ct) throws Exception {
    user.close();
    user = null;
    fx.stop();
    assertThat(ct.awaitShutdown(WAIT)).isTrue();
  }

  /** Starts the daemon again on its directory, with a new user connection. */
  private void restartDaemon() throws Exception {
    fx.restart();
    user = new ProtocolClient(fx.socket());
  }

  @Test
  void maxRequestsLimitsDispatchAndItemsArePackedPerArchive() throws Exception {
    start();
    List<Fid> fids = new ArrayList<>();
    Path any = null;
    for (int i = 0; i < 5; i++) {
      any = fx.file("f" + i, "x" + i);
      fids.add(user.path2fid(any));
    }
    assertThat(user.request(any, HUA_ARCHIVE, 0, 0, new byte[0], fids.toArray(Fid[]::new)))
        .isZero();
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 0)) {
      ActionList.Decoded list = ct.next(WAIT);
      assertThat(list.items()).hasSize(3);
      assertThat(ct.next(QUIET)).isNull();
      assertThat(actions().lines().filter(l -> l.contains("STARTED"))).hasSize(3);
      assertThat(actions().lines().filter(l -> l.contains("WAITING"))).hasSize(2);
      ActionItem first = list.items().get(0);
      assertThat(ct.control().copyStart(first).rc()).isZero();
      assertThat(ct.control().copyEnd(first, 0, 0)).isZero();
      ActionList.Decoded next = ct.next(WAIT);
      assertThat(next.items()).hasSize(1);
    }
  }

  @Test
  void retryRequeuesOnlyWithoutNoRetryAction() throws Exception {
    start();
    Path f = fx.file("f", "x");
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], user.path2fid(f))).isZero();
      ActionItem item = ct.next(WAIT).items().get(0);
      assertThat(ct.control().copyEnd(item, Hsm.HP_FLAG_RETRY, Errno.EIO)).isZero();
      assertThat(actions()).contains("status=FAILED");
      fx.set("hsm/policy", "-NRA");
      assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], user.path2fid(f))).isZero();
      ActionItem again = ct.next(WAIT).items().get(0);
      assertThat(ct.control().copyEnd(again, Hsm.HP_FLAG_RETRY, Errno.EIO)).isZero();
      ActionItem requeued = ct.next(WAIT).items().get(0);
      assertThat(requeued.cookie()).as("same cookie when requeued").isEqualTo(again.cookie());
      assertThat(fx.param("hsm/agents")).contains("errors:2");
    }
  }

  /**
   * Regression (disk-full, seed 0x4: a restore that failed with ENOSPC and the retry flag was sent
   * again with the volatile FID of its first attempt, so every progress and the end of the second
   * attempt were refused with EINVAL and the file was never restored).
   */
  @Test
  void aRequeuedRestoreStartsAfreshWithItsNewVolatileFile() throws Exception {
    start();
    Path f = fx.file("f", "0123456789");
    Fid fid = user.path2fid(f);
    fx.set("hsm/policy", "-NRA");
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], fid)).isZero();
      ActionItem a = ct.next(WAIT).items().get(0);
      assertThat(ct.control().copyStart(a).rc()).isZero();
      assertThat(ct.control().copyEnd(a, 0, 0)).isZero();
      assertThat(user.request(f, Hsm.HUA_RELEASE, 0, 0, new byte[0], fid)).isZero();
      assertThat(user.request(f, Hsm.HUA_RESTORE, 0, 0, new byte[0], fid)).isZero();
      for (int attempt = 0; attempt < 2; attempt++) {
        ActionItem r = ct.next(WAIT).items().get(0);
        assertThat(r.dfid())
            .as("attempt %d is sent with the file's own FID", attempt)
            .isEqualTo(fid);
        org.lhsm.emulator.codec.WireReader vol =
            ct.control()
                .ok(
                    org.lhsm.emulator.server.Op.CREATE_VOLATILE,
                    new org.lhsm.emulator.codec.WireWriter().fid(fid).u32(-1).toBytes());
        Fid vfid = vol.fid();
        Path vpath = Path.of(vol.string());
        assertThat(ct.control().copyStart(r.withDfid(vfid)).rc()).isZero();
        assertThat(ct.control().progress(vfid, r.cookie(), 0, 5)).isZero();
        ActionItem end = new ActionItem(r.action(), vfid, vfid, 0, -1L, r.cookie(), 0, new byte[0]);
        if (attempt == 0) {
          assertThat(ct.control().copyEnd(end, Hsm.HP_FLAG_RETRY, 28 /* ENOSPC */)).isZero();
        } else {
          Files.writeString(vpath, "0123456789");
          assertThat(ct.control().copyEnd(end, 0, 0)).isZero();
        }
      }
      assertThat(Files.readString(f)).isEqualTo("0123456789");
      assertThat(user.state(f)[0] & Hsm.HS_RELEASED).isZero();
    }
  }

  @Test
  void archiveOfFileModifiedDuringCopyEndsWithEbusy() throws Exception {
    start();
    Path f = fx.file("f", "before");
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], user.path2fid(f))).isZero();
      ActionItem item = ct.next(WAIT).items().get(0);
      assertThat(ct.control().copyStart(item).rc()).isZero();
      Files.writeString(f, "after, longer");
      assertThat(ct.control().copyEnd(item, 0, 0)).isEqualTo(-Errno.EBUSY);
      assertThat(actions()).contains("status=FAILED");
      assertThat(user.state(f)[0]).isEqualTo(Hsm.HS_EXISTS | Hsm.HS_DIRTY);
    }
  }

  @Test
  void progressChecksFidAndErrorFlags() throws Exception {
    start();
    Path f = fx.file("f", "x");
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], user.path2fid(f))).isZero();
      ActionItem item = ct.next(WAIT).items().get(0);
      Fid other = new Fid(0x200000401L, 77, 0);
      assertThat(ct.control().progress(other, item.cookie(), 0, 1)).isEqualTo(-Errno.EINVAL);
      byte[] errNoCompleted = new Progress(item.fid(), item.cookie(), 0, 0, 0, Errno.EIO).encode();
      assertThat(ct.control().call(Op.PROGRESS, errNoCompleted).rc()).isEqualTo(-Errno.EINVAL);
      assertThat(ct.control().call(Op.PROGRESS, new byte[10]).rc()).isEqualTo(-Errno.EPROTO);
    }
  }

  @Test
  void timeoutsAreNotEnforcedWhileDisabled() throws Exception {
    start();
    fx.set("hsm/active_request_timeout", "10");
    Path f = fx.file("f", "x");
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], user.path2fid(f))).isZero();
      ct.next(WAIT);
      fx.set("hsm_control", "disabled");
      fx.advance(30);
      assertThat(actions()).contains("status=STARTED");
      fx.set("hsm_control", "enabled");
      fx.advance(10);
      assertThat(actions()).contains("status=CANCELED");
    }
  }

  /**
   * {@code lctl set_param} is synchronous on a real MDT: a request submitted after the write sees
   * it. Here the write is a plain file the daemon polls, so it must be applied before the request
   * (the file is written without the test kit's wake-up, as agentctl writes it).
   */
  @Test
  void aRequestAfterDisablingWaitsWithoutAWakeUp() throws Exception {
    start();
    Path f = fx.file("f", "x");
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      Files.writeString(fx.paramFile("hsm_control"), "disabled\n");
      assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], user.path2fid(f))).isZero();
      assertThat(fx.param("hsm_control")).isEqualTo("disabled\n");
      assertThat(actions()).contains("status=WAITING").doesNotContain("status=STARTED");
      assertThat(ct.next(QUIET)).isNull();
      fx.set("hsm_control", "enabled");
      assertThat(ct.next(WAIT).items()).hasSize(1);
    }
  }

  @Test
  void lastUnlinkQueuesRemoveWhenEnabled() throws Exception {
    start();
    fx.set("hsm/remove_archive_on_last_unlink", "1");
    Path f = fx.file("f", "x");
    Fid fid = user.path2fid(f);
    assertThat(user.stateSet(f, Hsm.HS_EXISTS | Hsm.HS_ARCHIVED, 0, 3)).isZero();
    Files.delete(f);
    fx.advance(10);
    assertThat(actions())
        .contains("fid=" + fid + " dfid=[0:0x0:0x0]")
        .contains("action=REMOVE archive#=3")
        .contains("status=WAITING");
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 3)) {
      ActionItem item = ct.next(WAIT).items().get(0);
      assertThat(item.action()).isEqualTo(Hsm.HSMA_REMOVE);
      assertThat(ct.control().copyEnd(item, 0, 0)).isZero();
      assertThat(actions()).contains("status=SUCCEED");
    }
  }

  @Test
  void persistentParametersApplyAtStart() throws Exception {
    start();
    fx.stop();
    Files.writeString(
        fx.dir().resolve("state/params.conf"),
        "# like lctl set_param -P\nhsm.max_requests=9\nhsm.loop_period=0\nhsm.grace_delay=5\n");
    fx.restart();
    assertThat(fx.param("hsm/max_requests")).isEqualTo("9\n");
    assertThat(fx.param("hsm/loop_period")).isEqualTo("10\n");
    assertThat(fx.param("hsm/grace_delay")).isEqualTo("5\n");
  }

  @Test
  void housekeepingAlwaysAdmitsOneRestore() throws Exception {
    start();
    fx.set("hsm/max_requests", "1");
    Path a = fx.file("a", "x");
    Path r = fx.file("r", "y");
    assertThat(user.stateSet(r, Hsm.HS_EXISTS | Hsm.HS_ARCHIVED | Hsm.HS_RELEASED, 0, 1)).isZero();
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      assertThat(user.request(a, HUA_ARCHIVE, 0, 0, new byte[0], user.path2fid(a))).isZero();
      assertThat(ct.next(WAIT).items().get(0).action()).isEqualTo(Hsm.HSMA_ARCHIVE);
      assertThat(user.request(r, Hsm.HUA_RESTORE, 0, 0, new byte[0], user.path2fid(r))).isZero();
      fx.advance(1);
      assertThat(ct.next(QUIET)).as("budget used up outside housekeeping").isNull();
      fx.advance(10);
      assertThat(ct.next(WAIT).items().get(0).action()).isEqualTo(Hsm.HSMA_RESTORE);
      assertThat(fx.param("hsm/restore_count")).isEqualTo("1\n");
    }
  }

  @Test
  void afterRestartAStartedRestoreIsDispatchedAgain() throws Exception {
    start();
    Path f = fx.file("f", "0123456789");
    Fid fid = user.path2fid(f);
    long cookie;
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], fid)).isZero();
      ActionItem a = ct.next(WAIT).items().get(0);
      assertThat(ct.control().copyStart(a).rc()).isZero();
      assertThat(ct.control().copyEnd(a, 0, 0)).isZero();
      assertThat(user.request(f, Hsm.HUA_RELEASE, 0, 0, new byte[0], fid)).isZero();
      assertThat(user.request(f, Hsm.HUA_RESTORE, 0, 0, new byte[0], fid)).isZero();
      cookie = ct.next(WAIT).items().get(0).cookie();
      assertThat(actions()).containsPattern("action=RESTORE .* status=STARTED");
      stopDaemonSeenBy(ct);
    }
    restartDaemon();
    assertThat(actions()).containsPattern("action=RESTORE .* status=WAITING");
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      ActionItem again = ct.next(WAIT).items().get(0);
      assertThat(again.action()).isEqualTo(Hsm.HSMA_RESTORE);
      assertThat(again.fid()).isEqualTo(fid);
      assertThat(again.cookie()).as("the same record, sent again").isEqualTo(cookie);
    }
  }

  /**
   * Regression (coordinator-kill, seed 0x11: "wrong data after a restore"): the cookie counter of a
   * restarted coordinator went on from the highest cookie still in the log, so a cookie whose
   * record was gone (purged after the grace delay here; in the campaign, dispatched before its line
   * was durable and lost with the kill) was handed to another request, and a copytool task still
   * holding it ended that request with its own file's volatile. Cookies are handed out many a
   * second, so the time in seconds is no bound either.
   */
  @Test
  void aCookieHandedOutBeforeARestartIsNotHandedOutAgain() throws Exception {
    start();
    fx.set("hsm/grace_delay", "10");
    List<Long> before = new ArrayList<>();
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      for (int i = 0; i < 30; i++) {
        Path f = fx.file("before" + i, "x");
        assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], user.path2fid(f))).isZero();
        ActionItem a = ct.next(WAIT).items().get(0);
        assertThat(ct.control().copyStart(a).rc()).isZero();
        assertThat(ct.control().copyEnd(a, 0, 0)).isZero();
        before.add(a.cookie());
      }
      fx.advance(11);
      assertThat(actions()).as("every finished record purged").isEmpty();
      stopDaemonSeenBy(ct);
    }
    restartDaemon();
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      Path f = fx.file("after", "y");
      assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], user.path2fid(f))).isZero();
      long after = ct.next(WAIT).items().get(0).cookie();
      assertThat(after).as("cookies before the restart: " + before).isGreaterThan(before.get(29));
    }
  }

  @Test
  void restoreDoesNotOverwriteAReleasedFileWrittenMeanwhile() throws Exception {
    start();
    Path f = fx.file("f", "0123456789");
    Fid fid = user.path2fid(f);
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], fid)).isZero();
      ActionItem a = ct.next(WAIT).items().get(0);
      assertThat(ct.control().copyStart(a).rc()).isZero();
      assertThat(ct.control().copyEnd(a, 0, 0)).isZero();
      assertThat(user.request(f, Hsm.HUA_RELEASE, 0, 0, new byte[0], fid)).isZero();
      assertThat(user.request(f, Hsm.HUA_RESTORE, 0, 0, new byte[0], fid)).isZero();
      ActionItem r = ct.next(WAIT).items().get(0);
      Fid vfid =
          ct.control()
              .ok(
                  Op.CREATE_VOLATILE,
                  new org.lhsm.emulator.codec.WireWriter().fid(fid).u32(-1).toBytes())
              .fid();
      assertThat(ct.control().copyStart(r.withDfid(vfid)).rc()).isZero();
      Files.writeString(f, "written while released");
      ActionItem end = new ActionItem(r.action(), vfid, vfid, 0, -1L, r.cookie(), 0, new byte[0]);
      assertThat(ct.control().copyEnd(end, 0, 0)).isZero();
      assertThat(actions()).containsPattern("action=RESTORE .* status=FAILED");
      assertThat(Files.readString(f)).isEqualTo("written while released");
      assertThat(fx.daemon().layout().volatileDir()).isEmptyDirectory();
    }
  }

  @Test
  void copyStartOfVanishedFileFailsTheRequest() throws Exception {
    start();
    Path f = fx.file("f", "x");
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], user.path2fid(f))).isZero();
      ActionItem item = ct.next(WAIT).items().get(0);
      Files.delete(f);
      assertThat(ct.control().copyStart(item).rc()).isEqualTo(-Errno.ENOENT);
      assertThat(actions()).contains("status=FAILED");
      assertThat(fx.param("hsm/agents")).contains("errors:1");
    }
  }

  @Test
  void afterRestartStartedRequestsTimeOutFromTheLoggedChangeTime() throws Exception {
    start();
    Path f = fx.file("f", "x");
    long firstCookie;
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], user.path2fid(f))).isZero();
      firstCookie = ct.next(WAIT).items().get(0).cookie();
      stopDaemonSeenBy(ct);
    }
    restartDaemon();
    assertThat(fx.param("hsm/active_requests")).as("nothing in memory after a restart").isEmpty();
    assertThat(actions()).containsPattern("action=ARCHIVE archive#=1 .* status=STARTED");
    Path g = fx.file("g", "y");
    assertThat(user.request(g, HUA_ARCHIVE, 7, 0, new byte[0], user.path2fid(g))).isZero();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "compound/cookie=0x0/0x(\\p{XDigit}+) action=ARCHIVE archive#=7")
            .matcher(actions());
    assertThat(m.find()).as(actions()).isTrue();
    assertThat(Long.parseLong(m.group(1), 16))
        .as("above the logged cookies")
        .isGreaterThan(firstCookie);
    fx.advance(3600);
    assertThat(actions()).containsPattern("action=ARCHIVE archive#=1 .* status=STARTED");
    fx.advance(10);
    assertThat(actions()).containsPattern("action=ARCHIVE archive#=1 .* status=CANCELED");
    assertThat(fx.param("hsm/active_requests")).isEmpty();
  }

  @Test
  void rootMayRemoveTheArchiveOfAVanishedFile() throws Exception {
    start();
    Path f = fx.file("f", "x");
    Fid fid = user.path2fid(f);
    Files.delete(f);
    assertThat(user.request(fx.mount(1), Hsm.HUA_REMOVE, 0, 0, new byte[0], fid)).isZero();
    assertThat(actions()).contains("fid=" + fid).contains("action=REMOVE archive#=1");
    assertThat(user.request(fx.mount(1), HUA_ARCHIVE, 0, 0, new byte[0], fid))
        .isEqualTo(-Errno.ENOENT);
  }
}
