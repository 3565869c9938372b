package org.lhsm.agentctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.agentctl.testing.Cli;
import org.lhsm.agentctl.testing.FakeHsmFiles;
import org.lhsm.agentctl.testing.ParamTree;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmState;

/** {@code why}: one line from state, current action, queue record, agents and hsm_control. */
class WhyCommandTest {
  private static final String DEV = "lustre-MDT0000";
  private static final String AGENT = "de2c3719-cca7-4408-9d26-90db9b7adf2e";

  @TempDir Path tmp;

  private FakeHsmFiles fs;
  private ParamTree tree;
  private Cli cli;
  private Path file;

  @BeforeEach
  void setUp() throws Exception {
    fs = new FakeHsmFiles(tmp.resolve("mnt"));
    tree = new ParamTree(tmp.resolve("root"), ParamTree.Layout.PROCFS);
    tree.defaults(DEV);
    cli = new Cli(fs, tree.systemRoots());
    file = fs.add("f");
  }

  static String rec(Fid fid, long cookie, String action, int archive, String status) {
    return "lrh=[type=10680000 len=136 idx=1/"
        + cookie
        + "] fid="
        + fid
        + " dfid="
        + fid
        + " compound/cookie=0x0/0x"
        + Long.toHexString(cookie)
        + " action="
        + action
        + " archive#="
        + archive
        + " flags=0x0 extent=0x0-0xffffffffffffffff gid=0x0 datalen=0 status="
        + status
        + " data=[]\n";
  }

  static String active(Fid fid, long cookie, String uuid, long done, int canceled) {
    return "fid="
        + fid
        + " dfid="
        + fid
        + " compound/cookie=0x0/0x"
        + Long.toHexString(cookie)
        + " action=ARCHIVE archive#=1 flags=0x0 extent=0x0-0xffffffffffffffff gid=0x0 data=[]"
        + " canceled="
        + canceled
        + " uuid="
        + uuid
        + " done="
        + done
        + "\n";
  }

  static String agent(String uuid, String archives) {
    return "uuid=" + uuid + " archive_id=" + archives + " requests=[current:0 ok:0 errors:0]\n";
  }

  private void pendingArchive(FakeHsmFiles.Ending ending, int archive) throws Exception {
    fs.ending(file, ending);
    assertThat(cli.run("archive", "-a", String.valueOf(archive), file.toString()).exitCode())
        .isZero();
  }

  private String why() {
    Cli.Result r = cli.run("why", file.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().lines().count()).isEqualTo(1);
    return r.out();
  }

  @Test
  void coordinatorDisabled() throws Exception {
    pendingArchive(FakeHsmFiles.Ending.NEVER, 1);
    tree.put(DEV, "actions", rec(fs.fid(file), 0x10, "ARCHIVE", 1, "WAITING"));
    tree.put(DEV, "agents", agent(AGENT, "1"));
    tree.put(DEV, "hsm_control", "disabled\n");
    assertThat(why())
        .isEqualTo(
            file
                + ": ARCHIVE (cookie 0x10, archive 1) waits: the coordinator of lustre-MDT0000 is disabled (agentctl coordinator enable)\n");
  }

  @Test
  void noAgentAtAll() throws Exception {
    pendingArchive(FakeHsmFiles.Ending.NEVER, 1);
    tree.put(DEV, "actions", rec(fs.fid(file), 0x10, "ARCHIVE", 1, "WAITING"));
    assertThat(why()).contains("waits: no copytool is registered on lustre-MDT0000");
  }

  @Test
  void noAgentForTheArchive() throws Exception {
    pendingArchive(FakeHsmFiles.Ending.NEVER, 2);
    tree.put(DEV, "actions", rec(fs.fid(file), 0x10, "ARCHIVE", 2, "WAITING"));
    tree.put(DEV, "agents", agent(AGENT, "1") + agent("other", "3,4"));
    assertThat(why())
        .contains("waits: no copytool serves archive 2 on lustre-MDT0000 (agents serve: 1, 3,4)");
  }

  @Test
  void maxRequestsReached() throws Exception {
    pendingArchive(FakeHsmFiles.Ending.NEVER, 1);
    Fid other = new Fid(0x200000401L, 99, 0);
    tree.put(DEV, "actions", rec(fs.fid(file), 0x10, "ARCHIVE", 1, "WAITING"));
    tree.put(DEV, "agents", agent(AGENT, "ANY"));
    tree.put(DEV, "max_requests", "1\n");
    tree.put(DEV, "active_requests", active(other, 0x5, AGENT, 0, 0));
    assertThat(why())
        .contains("waits: lustre-MDT0000 already runs 1 requests = hsm.max_requests 1");
  }

  @Test
  void queuedBehindOlderRequests() throws Exception {
    pendingArchive(FakeHsmFiles.Ending.NEVER, 1);
    Fid other = new Fid(0x200000401L, 99, 0);
    tree.put(
        DEV,
        "actions",
        rec(other, 0x8, "ARCHIVE", 1, "WAITING")
            + rec(other, 0x9, "RESTORE", 1, "WAITING")
            + rec(fs.fid(file), 0x10, "ARCHIVE", 1, "WAITING"));
    tree.put(DEV, "agents", agent(AGENT, "1"));
    assertThat(why())
        .contains("waits in the queue of lustre-MDT0000 behind 2 older waiting request(s)");
  }

  @Test
  void firstPendingRecordCountsAndAQueuedCancelIsMentioned() throws Exception {
    pendingArchive(FakeHsmFiles.Ending.NEVER, 1);
    Fid fid = fs.fid(file);
    tree.put(
        DEV,
        "actions",
        rec(fid, 0x41, "ARCHIVE", 1, "WAITING")
            + rec(fid, 0x43, "ARCHIVE", 1, "WAITING")
            + rec(fid, 0x41, "CANCEL", 1, "WAITING"));
    assertThat(why())
        .isEqualTo(
            file
                + ": ARCHIVE (cookie 0x41, archive 1) waits: no copytool is registered on"
                + " lustre-MDT0000; a CANCEL for it is queued too\n");
  }

  @Test
  void runningOnAnAgent() throws Exception {
    pendingArchive(FakeHsmFiles.Ending.RUNNING_FOREVER, 1);
    cli.run("action", file.toString());
    tree.put(DEV, "actions", rec(fs.fid(file), 0x10, "ARCHIVE", 1, "STARTED"));
    tree.put(DEV, "agents", agent(AGENT, "1"));
    tree.put(DEV, "active_requests", active(fs.fid(file), 0x10, AGENT, 65536, 0));
    java.nio.file.Files.write(file, new byte[1 << 20]);
    Cli.Result r = cli.run("why", "--eta-wait", "0", file.toString());
    assertThat(r.out())
        .contains("running on agent " + AGENT + ", 64.0 KiB of 1.0 MiB done, rate unknown");
    // the default waits for progress reports; none come here
    assertThat(why()).contains("running on agent " + AGENT + ", 64.0 KiB of 1.0 MiB done");
    assertThat(cli.pauses()).isEqualTo(70);
  }

  @Test
  void runningOnAVanishedAgent() throws Exception {
    pendingArchive(FakeHsmFiles.Ending.RUNNING_FOREVER, 1);
    tree.put(DEV, "actions", rec(fs.fid(file), 0x10, "ARCHIVE", 1, "STARTED"));
    tree.put(DEV, "active_requests", active(fs.fid(file), 0x10, "gone-uuid", 0, 0));
    assertThat(why())
        .contains("runs on agent gone-uuid, which is no longer registered on lustre-MDT0000");
  }

  @Test
  void lastRequestFailed() throws Exception {
    tree.put(DEV, "actions", rec(fs.fid(file), 0x10, "ARCHIVE", 1, "FAILED"));
    assertThat(why()).contains("last ARCHIVE FAILED (cookie 0x10 on lustre-MDT0000)");
  }

  @Test
  void nothingPending() throws Exception {
    fs.file(file);
    assertThat(why()).isEqualTo(file + ": nothing pending; (0x00000000), archive_id:0\n");
  }

  @Test
  void lostCopy() throws Exception {
    Path lost = fs.add("lost", HsmState.EXISTS, HsmState.ARCHIVED, HsmState.LOST);
    Cli.Result r = cli.run("why", "--json", lost.toString());
    assertThat(r.out()).contains("\"reason\":\"lost\"");
  }

  @Test
  void pendingButParametersUnreadableHere() throws Exception {
    pendingArchive(FakeHsmFiles.Ending.NEVER, 1);
    Cli.Result r = cli.run("why", "--param-root", tmp.resolve("empty").toString(), file.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains(
            "ARCHIVE waiting; cannot say more, coordinator parameters unreadable here: no MDT of filesystem 'lustre' found under");
  }
}
