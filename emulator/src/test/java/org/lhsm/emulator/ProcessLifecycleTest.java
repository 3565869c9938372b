package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.emulator.codec.Hsm.HUA_ARCHIVE;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.cli.EmulatorMain;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.ActionList;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.testing.ProtocolClient;
import org.lhsm.emulator.testing.TestCopytool;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.EmulatorExtension;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.EmulatorProcess;
import picocli.CommandLine;

/** The daemon as a separate process: kill -9 recovery and the command line. */
class ProcessLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path tmp;

  @RegisterExtension
  final EmulatorExtension emulator = new EmulatorExtension(EmulatorLauncher.create());

  /** The command-line test's daemon, if an assertion left it running. */
  @AfterEach
  void cleanUp() throws Exception {
    Path pidFile = tmp.resolve("fs1/state/emulator.pid");
    if (Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      Optional<ProcessHandle> leftover = ProcessHandle.of(pid);
      if (leftover.isPresent()) {
        leftover.get().destroyForcibly();
        leftover.get().onExit().get();
      }
    }
  }

  @Test
  void kill9WithWaitingAndStartedRequestsLosesNothing() throws Exception {
    EmulatorProcess child = emulator.get();
    Path fsRoot = child.dir().resolve("fs").toRealPath();
    Path f1 = Files.writeString(fsRoot.resolve("f1"), "first");
    Path f2 = Files.writeString(fsRoot.resolve("f2"), "second");
    Path socket = child.socket();
    ActionItem started;
    String uuid;
    Fid fid2;
    try (ProtocolClient user = new ProtocolClient(socket);
        TestCopytool ct = TestCopytool.register(socket, child.mount(1), "", 1)) {
      uuid = ct.uuid();
      Fid fid1 = user.path2fid(f1);
      fid2 = user.path2fid(f2);
      assertThat(user.request(f1, HUA_ARCHIVE, 1, 0, new byte[0], fid1)).isZero();
      started = ct.next(WAIT).items().get(0);
      assertThat(ct.control().copyStart(started).rc()).isZero();
      assertThat(ct.control().progress(fid1, started.cookie(), 0, 5)).isZero();
      assertThat(user.request(f2, HUA_ARCHIVE, 2, 0, new byte[0], fid2)).isZero();
      child.kill9();
      assertThat(ct.awaitEof(WAIT)).isTrue();
    }
    child.restart();
    try (ProtocolClient user = new ProtocolClient(socket);
        TestCopytool ct = TestCopytool.register(socket, child.mount(1), uuid, 1);
        TestCopytool ct2 = TestCopytool.register(socket, child.mount(2), "", 2)) {
      assertThat(ct.uuid()).isEqualTo(uuid);
      // as after an MDT restart: the ARCHIVE in flight is no longer a running request, its
      // record stays STARTED (until active_request_timeout) and the file is not ARCHIVED
      assertThat(ct.control().progress(started.fid(), started.cookie(), 5, 0))
          .isEqualTo(-Errno.ENOENT);
      assertThat(ct.control().copyEnd(started, 0, 0)).isEqualTo(-Errno.ENOENT);
      assertThat(user.state(f1)).containsExactly(0x1, 1);
      ActionList.Decoded waiting = ct2.next(WAIT);
      ActionItem i2 = waiting.items().get(0);
      assertThat(i2.fid()).isEqualTo(fid2);
      assertThat(ct2.control().copyStart(i2).rc()).isZero();
      assertThat(ct2.control().copyEnd(i2, 0, 0)).isZero();
      assertThat(user.state(f2)).containsExactly(0x9, 2);
      Await.until(
          "the waiting record SUCCEED, the one in flight still STARTED",
          WAIT,
          () -> child.param("hsm/actions"),
          a ->
              a.lines().count() == 2
                  && a.lines().anyMatch(l -> l.contains(fid2.toString()) && l.contains("SUCCEED"))
                  && a.lines().anyMatch(l -> l.contains("STARTED")));
      assertThat(child.stop()).as("exit after SIGTERM").isIn(0, 143);
      assertThat(ct.awaitShutdown(WAIT)).as("shutdown frame at stop").isTrue();
    }
    assertThat(socket).doesNotExist();
    assertThat(child.dir().resolve("state/emulator.pid")).doesNotExist();
  }

  private record Run(int rc, String out, String err) {}

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new EmulatorMain());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute(args);
    return new Run(rc, out.toString(), err.toString());
  }

  @Test
  void commandLineStartStopMountAndErrors() throws Exception {
    Path dir = tmp.resolve("fs1");
    Run start = cli("start", dir.toString(), "--mounts", "2");
    assertThat(start.rc()).as(start.err()).isZero();
    assertThat(start.out())
        .contains("mount: " + dir.resolve("mnt"))
        .contains("mount: " + dir.resolve("mnt2"))
        .contains("export LHSM_LIBLUSTREAPI=")
        .contains("liblustreapi.so.1");
    assertThat(Files.readString(dir.resolve("fs/.lustre/lhsm-emulator.conf")))
        .contains("socket=" + dir.resolve("state/emulator.sock"))
        .contains("fsname=lustre");
    Run second = cli("start", dir.toString());
    assertThat(second.rc()).isEqualTo(4);
    assertThat(second.err()).contains("already serves");
    Run mount = cli("mount", dir.toString(), "--json");
    assertThat(mount.rc()).isZero();
    assertThat(mount.out().trim()).isEqualTo("{\"mount\":\"" + dir.resolve("mnt3") + "\"}");
    try (TestCopytool ct =
        TestCopytool.register(dir.resolve("state/emulator.sock"), dir.resolve("mnt3"), "", 1)) {
      Run stop = cli("stop", dir.toString());
      assertThat(stop.rc()).as(stop.err()).isZero();
      assertThat(ct.awaitShutdown(WAIT)).isTrue();
    }
    assertThat(dir.resolve("state/emulator.sock")).doesNotExist();
    assertThat(cli("stop", dir.toString()).rc()).isEqualTo(6);

    Files.writeString(dir.resolve("state/emulator.sock"), "");
    Run restart = cli("start", dir.toString(), "--mounts", "1", "--json");
    assertThat(restart.rc()).as(restart.err()).isZero();
    assertThat(restart.out())
        .startsWith("{\"fsname\":\"lustre\",\"dir\":\"" + dir + "\",\"mounts\":[")
        .contains("\"env\":{\"LHSM_LIBLUSTREAPI\":");
    assertThat(restart.err()).contains("removed stale socket");
    assertThat(cli("stop", dir.toString()).rc()).isZero();

    Path foreign = Files.createDirectories(tmp.resolve("foreign"));
    Files.writeString(foreign.resolve("precious"), "data");
    Run f = cli("start", foreign.toString());
    assertThat(f.rc()).isEqualTo(3);
    assertThat(f.err()).contains("not empty");
    assertThat(foreign.resolve("precious")).hasContent("data");
    Run notDir = cli("start", foreign.resolve("precious").toString());
    assertThat(notDir.rc()).isEqualTo(3);
    assertThat(cli("stop", foreign.toString()).rc()).isEqualTo(7);
  }
}
