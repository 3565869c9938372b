package org.lhsm.agentctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.testing.Cli;
import org.lhsm.agentctl.testing.FakeHsmFiles;
import org.lhsm.agentctl.testing.ParamTree;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.UserAction;

/** File commands against the fake file layer (and an emulator-layout parameter tree). */
class FileCommandsTest {
  private static final String DEV = "lustre-MDT0000";

  @TempDir Path tmp;

  private FakeHsmFiles fs;
  private ParamTree tree;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    fs = new FakeHsmFiles(tmp.resolve("mnt"));
    tree = new ParamTree(tmp.resolve("root"), ParamTree.Layout.SYSFS_DEBUGFS);
    tree.defaults(DEV);
    cli = new Cli(fs, tree.systemRoots());
  }

  @Test
  void archiveSubmitsOneRequestForAllFilesWithArchiveIdAndData() throws Exception {
    Path a = fs.add("a");
    Path b = fs.add("dir/b");
    Cli.Result r =
        cli.run("archive", "--archive-id", "3", "--data", "CEA", a.toString(), b.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(fs.submitted).hasSize(1);
    assertThat(fs.submitted.get(0).kind()).isEqualTo(UserAction.ARCHIVE);
    assertThat(fs.submitted.get(0).archiveId()).isEqualTo(3);
    assertThat(fs.submitted.get(0).data()).isEqualTo("CEA");
    assertThat(fs.submitted.get(0).fids()).containsExactly(fs.fid(a), fs.fid(b));
    assertThat(r.out()).contains(a + ": archive requested " + fs.fid(a));
    assertThat(r.err()).isEmpty();
  }

  @Test
  void waitFollowsEachFileToTheEnd() throws Exception {
    Path a = fs.add("a");
    Path b = fs.add("b");
    Cli.Result r = cli.run("archive", "--wait", a.toString(), b.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains(a + ": archived (0x00000009) exists archived, archive_id:1");
    assertThat(fs.flags(b)).contains(HsmState.ARCHIVED, HsmState.EXISTS);
    assertThat(cli.pauses()).isEqualTo(2);
  }

  @Test
  void waitReportsPerFileFailureAndPartialExit() throws Exception {
    Path good = fs.add("good");
    Path bad = fs.add("bad");
    fs.ending(bad, FakeHsmFiles.Ending.FAIL);
    tree.put(
        DEV,
        "actions",
        "lrh=[type=10680000 len=136 idx=1/1] fid="
            + fs.fid(bad)
            + " dfid="
            + fs.fid(bad)
            + " compound/cookie=0x0/0x77 action=ARCHIVE archive#=1 flags=0x0 extent=0x0-0xffffffffffffffff gid=0x0 datalen=0 status=FAILED data=[]\n");
    Cli.Result r = cli.run("archive", "--wait", good.toString(), bad.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.PARTIAL);
    assertThat(r.out()).contains(good + ": archived");
    assertThat(r.err())
        .contains(
            "agentctl: archive "
                + bad
                + ": ARCHIVE failed (hsm.actions status FAILED, cookie 0x77");
  }

  @Test
  void waitWithoutVisibleRecordJudgesByFileState() throws Exception {
    Path bad = fs.add("bad");
    fs.ending(bad, FakeHsmFiles.Ending.FAIL);
    Cli.Result r = cli.run("archive", "--wait", bad.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.GENERAL);
    assertThat(r.err()).contains("archive ended but the file is (0x00000000), archive_id:0");
  }

  @Test
  void waitTimesOutWithItsOwnExitCode() throws Exception {
    Path stuck = fs.add("stuck");
    fs.ending(stuck, FakeHsmFiles.Ending.NEVER);
    Cli.Result r = cli.run("restore", "--wait", "--timeout", "5", stuck.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.TIMEOUT);
    assertThat(r.err())
        .contains("restore still pending after 5s (see: agentctl why " + stuck + ")");
    assertThat(cli.pauses()).isEqualTo(10);
  }

  @Test
  void restoreReleaseRemoveCancel() throws Exception {
    Path f = fs.add("f", HsmState.EXISTS, HsmState.ARCHIVED);
    Cli.Result rel = cli.run("release", "--wait", f.toString());
    assertThat(rel.exitCode()).as(rel.err()).isZero();
    assertThat(fs.flags(f)).contains(HsmState.RELEASED);
    Cli.Result res = cli.run("restore", "--wait", "--json", f.toString());
    assertThat(res.exitCode()).as(res.err()).isZero();
    assertThat(res.out()).contains("\"ok\":true", "\"result\":\"restored (0x00000009)");
    Cli.Result rm = cli.run("remove", "--wait", f.toString());
    assertThat(rm.exitCode()).as(rm.err()).isZero();
    assertThat(fs.flags(f)).doesNotContain(HsmState.ARCHIVED, HsmState.EXISTS);
    Path g = fs.add("g");
    fs.ending(g, FakeHsmFiles.Ending.NEVER);
    assertThat(cli.run("archive", g.toString()).exitCode()).isZero();
    Cli.Result c = cli.run("cancel", "--wait", g.toString());
    assertThat(c.exitCode()).as(c.err()).isZero();
    assertThat(fs.submitted.get(fs.submitted.size() - 1).kind()).isEqualTo(UserAction.CANCEL);
  }

  @Test
  void fidsNeedMountAndResolveThroughDotLustreFid() throws Exception {
    Path f = fs.add("f");
    Fid fid = fs.fid(f);
    Cli.Result r = cli.run("archive", "--mount", fs.root().toString(), fid.toString(), "--wait");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(fs.submitted.get(0).path()).isEqualTo(fs.root());
    assertThat(r.out()).contains(fid + ": archived");
  }

  @Test
  void readsNewlineAndNulSeparatedListsFromStdin() throws Exception {
    Path a = fs.add("a b");
    Path b = fs.add("c");
    Cli.Result r = cli.stdin(a + "\n\n" + b + "\n").run("archive");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(fs.submitted).hasSize(1);
    assertThat(fs.submitted.get(0).fids()).containsExactly(fs.fid(a), fs.fid(b));
    Cli.Result z = cli.stdin(a + "\0" + b + "\0").run("archive", "-0", "-");
    assertThat(z.exitCode()).as(z.err()).isZero();
    assertThat(fs.submitted).hasSize(2);
    assertThat(fs.submitted.get(1).fids()).containsExactly(fs.fid(a), fs.fid(b));
  }

  @Test
  void stateSetClearAndAction() throws Exception {
    Path f = fs.add("f", HsmState.EXISTS, HsmState.ARCHIVED, HsmState.RELEASED);
    Cli.Result s = cli.run("state", f.toString());
    assertThat(s.out()).isEqualTo(f + ": (0x0000000d) released exists archived, archive_id:1\n");
    Cli.Result j = cli.run("state", "--json", f.toString());
    assertThat(j.out())
        .contains(
            "\"mask\":13", "\"flags\":[\"exists\",\"released\",\"archived\"]", "\"archiveId\":1");
    Cli.Result set = cli.run("set", "--norelease", "--noarchive", f.toString());
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(fs.flags(f)).contains(HsmState.NORELEASE, HsmState.NOARCHIVE);
    Cli.Result clear = cli.run("clear", "--norelease", f.toString());
    assertThat(clear.exitCode()).isZero();
    assertThat(fs.flags(f)).doesNotContain(HsmState.NORELEASE).contains(HsmState.NOARCHIVE);
    assertThat(cli.run("action", f.toString()).out()).isEqualTo(f + ": NOOP\n");
    assertThat(cli.run("action", "--json", f.toString()).out())
        .as("the idle file's WAITING + NOOP reads as no state (lfs: unknown)")
        .contains("\"action\":\"NOOP\"")
        .contains("\"state\":\"unknown\"");
    fs.ending(f, FakeHsmFiles.Ending.NEVER);
    cli.run("restore", f.toString());
    assertThat(cli.run("action", f.toString()).out())
        .isEqualTo(f + ": RESTORE waiting (0x0-0xffffffffffffffff)\n");
  }

  @Test
  void everyDocumentedExitCodeIsInEveryHelpAndMatchesTheConstants() throws Exception {
    java.util.List<Integer> constants = new java.util.ArrayList<>();
    for (java.lang.reflect.Field f : ExitCode.class.getFields()) {
      constants.add(f.getInt(null));
    }
    assertThat(constants).doesNotHaveDuplicates();
    for (String[] cmd :
        new String[][] {
          {"--help"}, {"archive", "--help"}, {"tunables", "set", "--help"}, {"why", "--help"}
        }) {
      Cli.Result r = cli.run(cmd);
      assertThat(r.exitCode()).isZero();
      assertThat(r.out()).contains("Exit codes:");
      String list = r.out().substring(r.out().indexOf("Exit codes:"));
      java.util.List<Integer> listed =
          list.lines()
              .map(
                  l ->
                      l.matches("^\\s+\\d+\\s+\\S.*")
                          ? Integer.parseInt(l.strip().split("\\s+")[0])
                          : -1)
              .filter(n -> n >= 0)
              .toList();
      assertThat(listed).as(String.join(" ", cmd)).containsExactlyInAnyOrderElementsOf(constants);
    }
  }
}
