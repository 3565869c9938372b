package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lhsm.emulator.codec.Hsm.HUA_ARCHIVE;
import static org.lhsm.emulator.codec.Hsm.HUA_CANCEL;
import static org.lhsm.emulator.codec.Hsm.HUA_RELEASE;
import static org.lhsm.emulator.codec.Hsm.HUA_REMOVE;
import static org.lhsm.emulator.codec.Hsm.HUA_RESTORE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.ActionList;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.codec.WireReader;
import org.lhsm.emulator.codec.WireWriter;
import org.lhsm.emulator.server.Op;
import org.lhsm.emulator.testing.ProtocolClient;
import org.lhsm.emulator.testing.TestCopytool;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.InProcessEmulator;

/** Coordinator behaviour through real sockets, with time driven by a manual clock. */
class CoordinatorScenarioTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration QUIET = Duration.ofMillis(300);
  @TempDir Path dir;
  InProcessEmulator fx;
  ProtocolClient user;

  @BeforeEach
  void start() throws Exception {
    fx = EmulatorLauncher.create().under(dir).startInProcess();
    user = new ProtocolClient(fx.socket());
  }

  @AfterEach
  void stop() throws Exception {
    user.close();
    fx.close();
  }

  private ActionItem only(ActionList.Decoded list) {
    assertThat(list).as("an action list arrives").isNotNull();
    assertThat(list.items()).hasSize(1);
    return list.items().get(0);
  }

  private String actions() {
    return fx.param("hsm/actions");
  }

  private int archive(Path f, int archiveId) throws Exception {
    return user.request(f, HUA_ARCHIVE, archiveId, 0, new byte[0], user.path2fid(f));
  }

  @Test
  void twoAgentsWithDifferentArchivesAreListedAndServedSeparately() throws Exception {
    try (TestCopytool ct1 = TestCopytool.register(fx.socket(), fx.mount(1), "", 1);
        TestCopytool ct2 = TestCopytool.register(fx.socket(), fx.mount(2), "", 2)) {
      assertThat(fx.param("hsm/agents"))
          .isEqualTo(
              "uuid="
                  + ct1.uuid()
                  + " archive_id=1 requests=[current:0 ok:0 errors:0]\n"
                  + "uuid="
                  + ct2.uuid()
                  + " archive_id=2 requests=[current:0 ok:0 errors:0]\n");
      assertThatThrownBy(() -> TestCopytool.register(fx.socket(), dir.resolve("nomount"), "", 1))
          .isInstanceOfSatisfying(
              TestCopytool.RegistrationFailed.class,
              e -> assertThat(e.rc).isEqualTo(-Errno.ENODEV));
      Path f = fx.file("f2", "data");
      assertThat(archive(f, 2)).isZero();
      ActionList.Decoded list = ct2.next(WAIT);
      assertThat(list.archiveId()).isEqualTo(2);
      assertThat(only(list).fid()).isEqualTo(user.path2fid(f));
      assertThat(ct1.next(QUIET)).as("archive 1 agent gets nothing").isNull();
    }
  }

  @Test
  void archiveReleaseRestoreLifecycleAndPurgeAfterGrace() throws Exception {
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      Path f = fx.file("f1", "0123456789");
      Fid fid = user.path2fid(f);
      assertThat(fid.toString()).isEqualTo("[0x200000401:0x1:0x0]");
      byte[] data = "CEA".getBytes(StandardCharsets.UTF_8);
      assertThat(user.request(f, HUA_ARCHIVE, 0, 0, data, fid)).isZero();
      ActionList.Decoded list = ct.next(WAIT);
      assertThat(list.fsname()).isEqualTo("lustre");
      ActionItem item = only(list);
      assertThat(item.action()).isEqualTo(Hsm.HSMA_ARCHIVE);
      assertThat(item.dfid()).isEqualTo(fid);
      assertThat(item.data()).isEqualTo(data);
      assertThat(actions()).contains("status=STARTED data=[434541]").contains("datalen=3");
      assertThat(user.state(f)).containsExactly(Hsm.HS_EXISTS, 1);

      ProtocolClient.Response cs = ct.control().copyStart(item);
      assertThat(cs.rc()).isZero();
      WireReader r = cs.reader();
      r.u64();
      assertThat(r.string()).isEqualTo(f.toString());
      assertThat(ct.control().progress(fid, item.cookie(), 0, 4)).isZero();
      assertThat(ct.control().progress(fid, item.cookie(), 4, 6)).isZero();
      assertThat(fx.param("hsm/active_requests"))
          .contains("action=ARCHIVE archive#=1")
          .contains("canceled=0 uuid=" + ct.uuid() + " done=10");
      assertThat(fx.param("hsm/archive_count")).isEqualTo("1\n");
      WireReader ca = user.ok(Op.CURRENT_ACTION, ProtocolClient.openFile(f).toBytes());
      assertThat(new long[] {ca.u32(), ca.u32(), ca.u64(), ca.u64()})
          .containsExactly(Hsm.HPS_RUNNING, Hsm.HUA_ARCHIVE, 0, 10);
      assertThat(ct.control().copyEnd(item, 0, 0)).isZero();
      assertThat(user.state(f)).containsExactly(0x9, 1);
      assertThat(actions()).contains("status=SUCCEED");
      WireReader idle = user.ok(Op.CURRENT_ACTION, ProtocolClient.openFile(f).toBytes());
      assertThat(new long[] {idle.u32(), idle.u32(), idle.u64(), idle.u64()})
          .as("no request: WAITING + NOOP, as Lustre 2.16.1 reports it")
          .containsExactly(Hsm.HPS_WAITING, Hsm.HUA_NONE, 0, 0);
      assertThat(fx.param("hsm/agents")).contains("requests=[current:0 ok:1 errors:0]");

      assertThat(user.request(f, HUA_RELEASE, 0, 0, new byte[0], fid)).isZero();
      assertThat(user.state(f)).containsExactly(0xd, 1);
      assertThat(Files.size(f)).isEqualTo(10);

      assertThat(user.request(f, HUA_RESTORE, 0, 0, new byte[0], fid)).isZero();
      ActionItem rest = only(ct.next(WAIT));
      assertThat(rest.action()).isEqualTo(Hsm.HSMA_RESTORE);
      WireReader vol =
          ct.control().ok(Op.CREATE_VOLATILE, new WireWriter().fid(fid).u32(-1).toBytes());
      Fid vfid = vol.fid();
      Path vpath = Path.of(vol.string());
      assertThat(vfid).isNotEqualTo(fid);
      Files.writeString(vpath, "0123456789");
      ActionItem withDfid = rest.withDfid(vfid);
      ProtocolClient.Response rcs = ct.control().copyStart(withDfid);
      assertThat(rcs.rc()).isZero();
      assertThat(ct.control().progress(vfid, rest.cookie(), 0, 10)).isZero();
      assertThat(fx.param("hsm/active_requests")).contains("dfid=" + vfid);
      ActionItem end =
          new ActionItem(rest.action(), vfid, vfid, 0, -1L, rest.cookie(), 0, new byte[0]);
      assertThat(ct.control().copyEnd(end, 0, 0)).isZero();
      assertThat(user.state(f)).containsExactly(0x9, 1);
      assertThat(Files.readString(f)).isEqualTo("0123456789");
      assertThat(user.path2fid(f)).isEqualTo(fid);
      assertThat(actions().lines()).hasSize(2).allMatch(l -> l.contains("status=SUCCEED"));

      fx.advance(59);
      assertThat(actions().lines()).hasSize(2);
      fx.advance(11);
      assertThat(actions()).isEmpty();
    }
  }

  @Test
  void droppedCopytoolLosesUndeliveredWorkToAnotherAgentAndStartedWorkTimesOut() throws Exception {
    fx.set("hsm/active_request_timeout", "100");
    Path f1 = fx.file("f1", "a");
    Path f2 = fx.file("f2", "b");
    Path f3 = fx.file("f3", "c");
    TestCopytool ct1 = TestCopytool.register(fx.socket(), fx.mount(1), "", 1);
    try (TestCopytool ct2 = TestCopytool.register(fx.socket(), fx.mount(2), "", 1)) {
      assertThat(archive(f1, 0)).isZero();
      ActionItem i1 = only(ct1.next(WAIT));
      assertThat(archive(f2, 0)).isZero();
      ActionItem i2 = only(ct2.next(WAIT));
      ct1.die();
      Await.until(
          "daemon notices the dead event connection",
          WAIT,
          () -> {
            synchronized (fx.daemon().lock()) {
              return !fx.daemon().coordinator().isConnected(ct1.uuid());
            }
          });
      assertThat(fx.param("hsm/agents")).as("the dead agent lingers").contains(ct1.uuid());
      assertThat(archive(f3, 0)).isZero();
      ActionItem i3 = only(ct2.next(WAIT));
      assertThat(i3.fid()).isEqualTo(user.path2fid(f3));
      assertThat(fx.param("hsm/agents")).doesNotContain(ct1.uuid());

      fx.advance(50);
      assertThat(ct2.control().progress(i2.fid(), i2.cookie(), 0, 1)).isZero();
      assertThat(ct2.control().progress(i3.fid(), i3.cookie(), 0, 1)).isZero();
      fx.advance(60);
      assertThat(actions())
          .contains("cookie=0x0/0x" + Long.toHexString(i1.cookie()) + " action=ARCHIVE")
          .containsPattern(
              "0x" + Long.toHexString(i1.cookie()) + " action=ARCHIVE .* status=CANCELED");
      assertThat(actions().lines().filter(l -> l.contains("status=STARTED"))).hasSize(2);
      try (TestCopytool again = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
        assertThat(again.uuid()).isEqualTo(ct1.uuid());
      }
    }
  }

  @Test
  void aSecondCopytoolOnAMountJoinsItsAgentAndBothReceiveEveryList() throws Exception {
    Path f = fx.file("f", "a");
    Path g = fx.file("g", "b");
    try (TestCopytool first = TestCopytool.register(fx.socket(), fx.mount(1), "", 1);
        TestCopytool second = TestCopytool.register(fx.socket(), fx.mount(1), "", 3)) {
      // as Lustre 2.16: the MDT refuses the second agent (EEXIST), the client ignores that
      assertThat(second.uuid()).isEqualTo(first.uuid());
      assertThat(fx.param("hsm/agents"))
          .as("one agent, with the first copytool's archives")
          .isEqualTo("uuid=" + first.uuid() + " archive_id=1 requests=[current:0 ok:0 errors:0]\n");

      assertThat(archive(f, 1)).isZero();
      ActionItem toFirst = only(first.next(WAIT));
      ActionItem toSecond = only(second.next(WAIT));
      assertThat(toSecond.cookie()).isEqualTo(toFirst.cookie());
      assertThat(toSecond.fid()).isEqualTo(user.path2fid(f));

      // an unregister drops the agent of the mount, for both copytools
      assertThat(first.unregister()).isZero();
      assertThat(fx.param("hsm/agents")).isEmpty();
      assertThat(archive(g, 1)).isZero();
      assertThat(second.next(QUIET)).as("no agent: nothing is sent").isNull();
      assertThat(actions()).containsPattern("action=ARCHIVE .* status=WAITING");
    }
  }

  @Test
  void aCopytoolRestartedAfterACrashJoinsTheLingeringAgentAndReceivesItsWork() throws Exception {
    Path f = fx.file("f", "a");
    TestCopytool dead = TestCopytool.register(fx.socket(), fx.mount(1), "", 1);
    dead.die();
    Await.until(
        "daemon notices the dead event connection",
        WAIT,
        () -> {
          synchronized (fx.daemon().lock()) {
            return !fx.daemon().coordinator().isConnected(dead.uuid());
          }
        });
    assertThat(fx.param("hsm/agents")).as("the dead agent lingers").contains(dead.uuid());

    try (TestCopytool again = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      assertThat(again.uuid()).isEqualTo(dead.uuid());
      assertThat(archive(f, 1)).isZero();
      assertThat(only(again.next(WAIT)).fid()).isEqualTo(user.path2fid(f));
      assertThat(fx.param("hsm/agents"))
          .as("delivered to the live connection: the agent stays")
          .contains(again.uuid());
    }
  }

  @Test
  void silentCopytoolTimesOutWithoutAnyMessage() throws Exception {
    fx.set("hsm/active_request_timeout", "30");
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      Path f = fx.file("f", "x");
      assertThat(archive(f, 0)).isZero();
      ActionItem item = only(ct.next(WAIT));
      assertThat(ct.control().copyStart(item).rc()).isZero();
      fx.advance(20);
      assertThat(actions()).contains("status=STARTED");
      fx.advance(11);
      assertThat(actions()).contains("status=CANCELED");
      assertThat(fx.param("hsm/active_requests")).isEmpty();
      assertThat(fx.param("hsm/agents")).contains("requests=[current:0 ok:0 errors:1]");
      assertThat(ct.control().progress(item.fid(), item.cookie(), 0, 1)).isEqualTo(-Errno.ENOENT);
      assertThat(ct.control().copyEnd(item, 0, 0)).isEqualTo(-Errno.ENOENT);
      assertThat(ct.next(QUIET)).as("nothing is sent on timeout").isNull();
    }
  }

  @Test
  void userCancelOfRunningRequestReachesItsAgent() throws Exception {
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      Path f = fx.file("f", "x");
      Fid fid = user.path2fid(f);
      assertThat(archive(f, 0)).isZero();
      ActionItem item = only(ct.next(WAIT));
      assertThat(ct.control().copyStart(item).rc()).isZero();
      assertThat(user.request(f, HUA_CANCEL, 0, 0, new byte[0], fid)).isZero();
      ActionItem cancel = only(ct.next(WAIT));
      assertThat(cancel.action()).isEqualTo(Hsm.HSMA_CANCEL);
      assertThat(cancel.cookie()).isEqualTo(item.cookie());
      assertThat(actions())
          .containsPattern("action=ARCHIVE .* status=CANCELED")
          .containsPattern("action=CANCEL .* status=STARTED");
      assertThat(fx.param("hsm/active_requests")).contains("canceled=1");
      assertThat(ct.control().progress(fid, item.cookie(), 0, 1)).isEqualTo(-Errno.ECANCELED);
      assertThat(ct.control().copyEnd(item, 0, Errno.ECANCELED)).isZero();
      assertThat(actions()).containsPattern("action=CANCEL .* status=SUCCEED");
      assertThat(user.state(f)[0]).isEqualTo(Hsm.HS_EXISTS);
    }
  }

  @Test
  void userCancelOfQueuedRequestTravelsWithIt() throws Exception {
    Path f = fx.file("f", "x");
    Fid fid = user.path2fid(f);
    assertThat(archive(f, 5)).isZero();
    assertThat(user.request(f, HUA_CANCEL, 0, 0, new byte[0], fid)).isZero();
    assertThat(actions()).containsPattern("action=CANCEL archive#=5 .* status=WAITING");
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 5)) {
      ActionList.Decoded list = ct.next(WAIT);
      assertThat(list.items())
          .extracting(ActionItem::action)
          .containsExactly(Hsm.HSMA_ARCHIVE, Hsm.HSMA_CANCEL);
      ActionItem item = list.items().get(0);
      assertThat(ct.control().copyStart(item).rc()).isEqualTo(-Errno.ECANCELED);
      assertThat(ct.control().copyEnd(item, 0, Errno.ECANCELED)).isZero();
      assertThat(actions())
          .containsPattern("action=ARCHIVE .* status=CANCELED")
          .containsPattern("action=CANCEL .* status=SUCCEED");
    }
  }

  @Test
  void hsmControlShutdownEnableAndPurge() throws Exception {
    Path f = fx.file("f", "x");
    Path g = fx.file("g", "y");
    TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 1);
    assertThat(archive(f, 0)).isZero();
    ActionItem item = only(ct.next(WAIT));
    fx.set("hsm_control", "shutdown");
    assertThat(fx.param("hsm_control")).isEqualTo("stopped\n");
    assertThat(fx.param("hsm/agents")).isEmpty();
    assertThat(archive(g, 0)).isEqualTo(-Errno.EAGAIN);
    assertThat(ct.control().progress(item.fid(), item.cookie(), 0, 1)).isEqualTo(-Errno.EAGAIN);
    assertThatThrownBy(() -> TestCopytool.register(fx.socket(), fx.mount(2), "", 1))
        .isInstanceOfSatisfying(
            TestCopytool.RegistrationFailed.class, e -> assertThat(e.rc).isEqualTo(-Errno.ENXIO));
    ct.close();
    fx.set("hsm_control", "enabled");
    assertThat(fx.param("hsm/policy")).isEqualTo("NonBlockingRestore [NoRetryAction]\n");
    try (TestCopytool ct2 = TestCopytool.register(fx.socket(), fx.mount(1), "", 1)) {
      assertThat(ct2.control().progress(item.fid(), item.cookie(), 0, 1))
          .as("in-memory requests were dropped by shutdown")
          .isEqualTo(-Errno.ENOENT);
      assertThat(archive(g, 0)).isZero();
      ActionItem gi = only(ct2.next(WAIT));
      fx.set("hsm/max_requests", "1");
      Path h = fx.file("h", "z");
      assertThat(archive(h, 0)).isZero();
      assertThat(actions()).containsPattern("action=ARCHIVE .* status=WAITING");
      fx.set("hsm_control", "purge");
      ActionItem purgeCancel = only(ct2.next(WAIT));
      assertThat(purgeCancel.action()).isEqualTo(Hsm.HSMA_CANCEL);
      assertThat(purgeCancel.cookie()).isEqualTo(gi.cookie());
      assertThat(actions().lines().filter(l -> l.contains("status=CANCELED"))).hasSize(3);
      assertThat(fx.param("hsm_control")).isEqualTo("enabled\n");
    }
  }

  @Test
  void requestValidationMatchesTheMdt() throws Exception {
    Path f = fx.file("f", "x");
    Fid fid = user.path2fid(f);
    assertThat(user.request(f, HUA_RESTORE, 0, 0, new byte[0], fid)).as("not needed").isZero();
    assertThat(actions()).isEmpty();
    assertThat(user.request(f, HUA_RELEASE, 0, 0, new byte[0], fid)).isEqualTo(-Errno.EPERM);
    assertThat(user.request(f, HUA_REMOVE, 0, Hsm.HSM_FORCE_ACTION, new byte[0], fid))
        .isEqualTo(-Errno.EPERM);
    assertThat(user.stateSet(f, Hsm.HS_NOARCHIVE, 0, 0)).isZero();
    assertThat(archive(f, 0)).isEqualTo(-Errno.EPERM);
    assertThat(user.request(f, 99, 0, 0, new byte[0], fid)).isEqualTo(-Errno.EINVAL);
    assertThat(user.request(f, HUA_ARCHIVE, 0, 0, new byte[0], new Fid(0x200000401L, 99, 0)))
        .isEqualTo(-Errno.ENOENT);
    assertThat(user.request(Path.of("/etc"), HUA_ARCHIVE, 0, 0, new byte[0], fid))
        .isEqualTo(-Errno.ENOTTY);
    fx.set("hsm/policy", "+NBR");
    assertThat(user.stateSet(f, Hsm.HS_EXISTS | Hsm.HS_ARCHIVED | Hsm.HS_RELEASED, 0x20, 1))
        .isZero();
    assertThat(user.request(f, HUA_RESTORE, 0, 0, new byte[0], fid)).isEqualTo(-Errno.ENODATA);
    assertThat(actions()).containsPattern("action=RESTORE .* status=WAITING");
    assertThat(user.request(f, HUA_RESTORE, 0, 0, new byte[0], fid))
        .as("no duplicate restore record")
        .isEqualTo(-Errno.ENODATA);
    assertThat(actions().lines()).hasSize(1);
    assertThat(user.stateSet(f, Hsm.HS_LOST, 0, 0)).isZero();
    fx.set("hsm/policy", "NRA");
    assertThat(user.call(Op.CURRENT_ACTION, ProtocolClient.openFile(f).toBytes()).rc()).isZero();
  }

  @Test
  void parameterFilesHaveRealFormatsAndAcceptValidatedWrites() throws Exception {
    Path base = fx.dir().resolve("state/params/mdt/lustre-MDT0000");
    assertThat(Files.readString(base.resolve("hsm_control"))).isEqualTo("enabled\n");
    assertThat(Files.readString(base.resolve("hsm/max_requests"))).isEqualTo("3\n");
    assertThat(Files.readString(base.resolve("hsm/active_request_timeout"))).isEqualTo("3600\n");
    assertThat(Files.readString(base.resolve("hsm/grace_delay"))).isEqualTo("60\n");
    assertThat(Files.readString(base.resolve("hsm/loop_period"))).isEqualTo("10\n");
    assertThat(Files.readString(base.resolve("hsm/default_archive_id"))).isEqualTo("1\n");
    assertThat(Files.readString(base.resolve("hsm/remove_archive_on_last_unlink")))
        .isEqualTo("0\n");
    assertThat(Files.readString(base.resolve("hsm/policy")))
        .isEqualTo("NonBlockingRestore [NoRetryAction]\n");
    assertThat(Files.readString(base.resolve("hsm/user_request_mask"))).isEqualTo("RESTORE\n");
    assertThat(Files.readString(base.resolve("hsm/agents"))).isEmpty();
    Files.writeString(base.resolve("hsm/max_requests"), "7\n");
    Files.writeString(base.resolve("hsm/loop_period"), "0\n");
    Files.writeString(base.resolve("hsm/user_request_mask"), "archive restore\n");
    Files.writeString(base.resolve("hsm/policy"), "bogus\n");
    fx.daemon().tickNow();
    fx.daemon().tickNow();
    assertThat(Files.readString(base.resolve("hsm/max_requests"))).isEqualTo("7\n");
    assertThat(Files.readString(base.resolve("hsm/loop_period"))).isEqualTo("10\n");
    assertThat(Files.readString(base.resolve("hsm/user_request_mask")))
        .isEqualTo("ARCHIVE RESTORE\n");
    assertThat(Files.readString(base.resolve("hsm/policy")))
        .isEqualTo("NonBlockingRestore [NoRetryAction]\n");
    Files.writeString(base.resolve("hsm/policy"), "NBR NRA\n");
    Files.writeString(base.resolve("hsm_control"), "disabled\n");
    fx.daemon().tickNow();
    fx.daemon().tickNow();
    assertThat(Files.readString(base.resolve("hsm/policy")))
        .isEqualTo("[NonBlockingRestore] [NoRetryAction]\n");
    assertThat(Files.readString(base.resolve("hsm_control"))).isEqualTo("disabled\n");
  }

  @Test
  void importedFileIsReleasedAndRestorable() throws Exception {
    Path p = fx.daemon().fs().root().resolve("imp");
    byte[] imp = new org.lhsm.emulator.codec.UserImport(100, 1, 2, 0, 0, 0, 0, 0644, 2).encode();
    WireReader r = user.ok(Op.IMPORT, new WireWriter().string(p.toString()).raw(imp).toBytes());
    Fid fid = r.fid();
    assertThat(user.state(p)).containsExactly(0xd, 2);
    WireReader path = user.ok(Op.FID2PATH, new WireWriter().fid(fid).u64(-1).u32(0).toBytes());
    assertThat(path.string()).isEqualTo("imp");
    try (TestCopytool ct = TestCopytool.register(fx.socket(), fx.mount(1), "", 0)) {
      assertThat(user.request(p, HUA_RESTORE, 0, 0, new byte[0], fid)).isZero();
      ActionList.Decoded list = ct.next(WAIT);
      assertThat(list.archiveId()).isEqualTo(2);
      assertThat(fx.param("hsm/agents")).contains("archive_id=ANY");
    }
  }
}
