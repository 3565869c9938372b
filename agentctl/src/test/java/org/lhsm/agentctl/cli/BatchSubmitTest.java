package org.lhsm.agentctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.testing.Cli;
import org.lhsm.agentctl.testing.FakeHsmFiles;
import org.lhsm.agentctl.testing.ParamTree;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.UserAction;

/**
 * Many files per request, within the kernel's limit and per MDT; failures still named per file. The
 * fake MDT handles a request's items in order and stops at the first that fails, keeping the ones
 * before it, as {@code mdt_hsm_register_hal} does.
 */
class BatchSubmitTest {
  @TempDir Path tmp;

  private FakeHsmFiles fs;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    fs = new FakeHsmFiles(tmp.resolve("mnt"));
    ParamTree tree = new ParamTree(tmp.resolve("root"), ParamTree.Layout.SYSFS_DEBUGFS);
    tree.defaults("lustre-MDT0000");
    cli = new Cli(fs, tree.systemRoots());
  }

  private List<Path> files(int n) throws Exception {
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(fs.add("d/f" + i));
    }
    return out;
  }

  private static String[] args(String cmd, List<Path> files, String... options) {
    List<String> a = new ArrayList<>(List.of(cmd));
    a.addAll(List.of(options));
    files.forEach(f -> a.add(f.toString()));
    return a.toArray(String[]::new);
  }

  private List<Fid> fids(List<Path> files) {
    return files.stream().map(fs::fid).toList();
  }

  /** How often each FID was sent, over all requests. */
  private List<Integer> sendCounts(List<Path> files) {
    return files.stream()
        .map(f -> (int) fs.submitted.stream().filter(s -> s.fids().contains(fs.fid(f))).count())
        .toList();
  }

  @Test
  void fiftyTwoFilesPerRequestInInputOrder() throws Exception {
    List<Path> files = files(120);
    Collections.shuffle(files, new java.util.Random(7));
    Cli.Result r = cli.run(args("archive", files));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(fs.submitted).extracting(s -> s.fids().size()).containsExactly(52, 52, 16);
    List<Fid> sent = fs.submitted.stream().flatMap(s -> s.fids().stream()).toList();
    assertThat(sent).isEqualTo(fids(files));
    assertThat(r.out().lines().toList())
        .hasSize(120)
        .allSatisfy(l -> assertThat(l).contains(": archive requested ["));
    assertThat(r.out().lines().map(l -> l.substring(0, l.indexOf(':'))).toList())
        .isEqualTo(files.stream().map(Path::toString).toList());
    // one MDT lookup for the one FID sequence, not one per file
    assertThat(fs.mdtIndexCalls).isEqualTo(1);
  }

  @Test
  void opaqueDataLeavesRoomForFewerFiles() throws Exception {
    List<Path> files = files(60);
    // (1705 - 24 - 100) / 32 = 49 files per request
    Cli.Result r = cli.run(args("archive", files, "--data", "x".repeat(100)));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(fs.submitted).extracting(s -> s.fids().size()).containsExactly(49, 11);
  }

  @Test
  void filesAreGroupedByTheMdtOfTheirSequence() throws Exception {
    fs.mdtOfSequence.put(0x200000402L, 1);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      files.add(fs.addInSequence("m/f" + i, i % 2 == 0 ? 0x200000401L : 0x200000402L));
    }
    Cli.Result r = cli.run(args("restore", files));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(fs.submitted).hasSize(2);
    assertThat(fs.submitted.get(0).fids())
        .containsExactly(fs.fid(files.get(0)), fs.fid(files.get(2)), fs.fid(files.get(4)));
    assertThat(fs.submitted.get(1).fids())
        .containsExactly(fs.fid(files.get(1)), fs.fid(files.get(3)), fs.fid(files.get(5)));
    assertThat(fs.mdtIndexCalls).isEqualTo(2);
  }

  @Test
  void aFailingFileIsNamedWithItsErrnoAndTheOthersAreRequestedOnce() throws Exception {
    List<Path> files = files(10);
    fs.requestErrno(files.get(3), Errno.EPERM);
    fs.requestErrno(files.get(7), Errno.ENOENT);
    Cli.Result r = cli.run(args("archive", files));
    assertThat(r.exitCode()).isEqualTo(ExitCode.PARTIAL);
    assertThat(r.err().lines().toList())
        .containsExactly(
            "agentctl: archive "
                + files.get(3)
                + ": llapi_hsm_request("
                + files.get(3)
                + "): EPERM (Operation not permitted) — not allowed for this user or incompatible"
                + " with the file's HSM state",
            "agentctl: archive "
                + files.get(7)
                + ": llapi_hsm_request("
                + files.get(7)
                + "): ENOENT (No such file or directory)");
    assertThat(r.out().lines()).hasSize(8);
    for (int i : List.of(0, 1, 2, 4, 5, 6, 8, 9)) {
      assertThat(fs.file(files.get(i)).pendingAction()).isEqualTo(UserAction.ARCHIVE);
    }
    // files 0-2 were recorded by the first request and not sent again; 3 alone; 4-9 again as one
    // request, which failed at 7: 4-6 recorded; 7 alone; 8-9 once more as one request
    assertThat(sendCounts(files)).containsExactly(1, 1, 1, 2, 2, 2, 2, 3, 3, 3);
    assertThat(fs.submitted).extracting(s -> s.fids().size()).containsExactly(10, 1, 6, 1, 2);
  }

  @Test
  void aCoordinatorWideErrorFailsEveryFileOfTheRequestWithoutRetries() throws Exception {
    List<Path> files = files(60);
    for (Path f : files) {
      fs.requestErrno(f, Errno.EAGAIN);
    }
    Cli.Result r = cli.run(args("archive", files));
    assertThat(r.exitCode()).isEqualTo(ExitCode.COORDINATOR_UNAVAILABLE);
    assertThat(fs.submitted).hasSize(2);
    assertThat(r.err().lines().toList()).hasSize(60);
    assertThat(r.err())
        .contains(
            "agentctl: archive "
                + files.get(59)
                + ": llapi_hsm_request("
                + files.get(59)
                + "): EAGAIN");
  }

  @Test
  void releasedFilesAreNotReleasedTwiceAfterAFailure() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      files.add(fs.add("r/f" + i, HsmState.EXISTS, HsmState.ARCHIVED));
    }
    fs.requestErrno(files.get(2), Errno.EBUSY);
    Cli.Result r = cli.run(args("release", files));
    assertThat(r.exitCode()).isEqualTo(ExitCode.PARTIAL);
    assertThat(r.err()).contains("release " + files.get(2) + ": llapi_hsm_request(");
    assertThat(sendCounts(files)).containsExactly(1, 1, 2, 2);
    assertThat(fs.flags(files.get(3))).contains(HsmState.RELEASED);
  }

  @Test
  void cancelsAreResentAloneAfterAFailure() throws Exception {
    List<Path> files = files(3);
    fs.requestErrno(files.get(1), Errno.EPERM);
    Cli.Result r = cli.run(args("cancel", files));
    assertThat(r.exitCode()).isEqualTo(ExitCode.PARTIAL);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).contains("cancel " + files.get(1) + ":");
    assertThat(fs.submitted).extracting(s -> s.fids().size()).containsExactly(3, 1, 1, 1);
  }

  @Test
  void missingFilesFailAtResolutionAndTheRestGoInOneRequest() throws Exception {
    List<Path> files = files(5);
    List<String> names = new ArrayList<>(files.stream().map(Path::toString).toList());
    names.add(2, tmp.resolve("mnt/nope").toString());
    List<String> argv = new ArrayList<>(List.of("archive"));
    argv.addAll(names);
    Cli.Result r = cli.run(argv.toArray(String[]::new));
    assertThat(r.exitCode()).isEqualTo(ExitCode.PARTIAL);
    assertThat(r.err()).contains("no such file: " + tmp.resolve("mnt/nope"));
    assertThat(fs.submitted).hasSize(1);
    assertThat(fs.submitted.get(0).fids()).isEqualTo(fids(files));
    assertThat(
            r.out().lines().map(l -> l.substring(0, l.indexOf(':'))).collect(Collectors.toList()))
        .isEqualTo(files.stream().map(Path::toString).toList());
  }
}
