package org.lhsm.copytool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.copytool.fakes.Items;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.posix.ArchivePaths;
import org.lhsm.emulator.testkit.Await;

class MainTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final FakeLustreAccess access = new FakeLustreAccess();

  private int run(String... args) {
    return Main.execute(
        args,
        access,
        "lhsmtool_posix",
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Path dir(String name) throws IOException {
    return Files.createDirectories(tmp.resolve(name));
  }

  @Test
  void helpGoesToStdoutAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--hsm-root", "--archive-upgrade");
  }

  @Test
  void unknownOptionIsEinvalWithTheStockHint() {
    assertThat(run("--bogus", "/mnt")).isEqualTo(22);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("try 'lhsmtool_posix --help' for more information");
  }

  @Test
  void nonNumericArchiveIdIsEinval() {
    assertThat(run("-A", "one", "-p", "/a", "/mnt")).isEqualTo(22);
  }

  @Test
  void missingHsmRootIsEinval() {
    assertThat(run("/mnt")).isEqualTo(22);
  }

  @Test
  void wrongOperandCountIsEinval() throws IOException {
    Path arc = dir("arc");
    assertThat(run("-p", arc.toString())).isEqualTo(22);
    assertThat(run("-p", arc.toString(), "--import", "a", "/mnt")).isEqualTo(22);
    assertThat(run("-p", arc.toString(), "-M", "a", "/mnt")).isEqualTo(22);
  }

  @Test
  void unopenableHsmRootIs256MinusErrno() {
    assertThat(run("-p", tmp.resolve("missing").toString(), "/mnt")).isEqualTo(254);
  }

  @Test
  void anEmptyHsmRootIsUnopenableNotTheWorkingDirectory() throws IOException {
    // found by the faults hostile campaign: '' was taken for the working directory
    assertThat(run("--hsm-root=", dir("mnt").toString())).isEqualTo(254);
    assertThat(run("--hsm-root=", "-M", "/mnt")).isEqualTo(254);
  }

  @Test
  void configKeysJhsmtoolDoesNotReadAreKnownAsSuch() {
    assertThat(ConfigFile.known("archive_path")).isTrue();
    assertThat(ConfigFile.known("backend.3")).isTrue();
    assertThat(ConfigFile.known("archive_pth")).isFalse();
  }

  @Test
  void mountThatIsNotLustreReturnsTheErrno() throws IOException {
    assertThat(run("-p", dir("arc").toString(), tmp.resolve("nomnt").toString())).isEqualTo(2);
  }

  @Test
  void registrationFailureReturnsTheErrno() throws IOException {
    access.registerErrno = Errno.ENOTCONN;
    assertThat(run("-p", dir("arc").toString(), dir("mnt").toString())).isEqualTo(107);
  }

  @Test
  void configFileOverridesRootAndFormatAndBadConfigFails() throws IOException {
    Path arc = dir("arc");
    Files.createDirectories(arc.resolve("0001/0002/0003/0004"));
    Path conf =
        Files.writeString(
            tmp.resolve("ct.yaml"),
            "---\n# comment\narchive_format: \"v2\"\narchive_path: " + arc + "\nother: x\n");
    assertThat(run("-C", conf.toString(), "-M", "/mnt")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("max_sequence: 0x1000200030004");
    assertThat(run("-C", tmp.resolve("none.yaml").toString(), "-M", "/mnt")).isEqualTo(2);
    Path bad = Files.writeString(tmp.resolve("bad.yaml"), "just words\n");
    assertThat(run("-C", bad.toString(), "-M", "/mnt")).isEqualTo(22);
    // found by the faults hostile campaign: a directory was EIO (5), saying nothing of why
    assertThat(run("-C", tmp.toString(), "-M", "/mnt")).isEqualTo(21);
  }

  @Test
  void copytoolServesUntilKernelShutdownAndExits108() throws Exception {
    Path arc = dir("arc");
    Path mnt = dir("mnt");
    Path lustreFile = Files.writeString(tmp.resolve("lustre-file"), "hello archive");
    access.source.dataFile = lustreFile;
    Path pid = tmp.resolve("ct.pid");
    HsmActionItem a = Items.item(CopytoolAction.ARCHIVE, 0x77);
    access.source.push(Items.batch(a));
    CompletableFuture<Integer> rc =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    "--archive-format=v2",
                    "-A",
                    "1",
                    "-A",
                    "1",
                    "-A",
                    "2",
                    "--pid-file",
                    pid.toString(),
                    "--hsm-root=" + arc + "/",
                    "-u",
                    "1",
                    mnt.toString()));
    Await.until(
        "archive ended",
        () -> access.source.handle(0x77) != null && access.source.handle(0x77).end() != null);
    access.source.pushKernelShutdown();
    assertThat(rc.get(30, TimeUnit.SECONDS)).isEqualTo(108);
    assertThat(access.registeredIds).containsExactly(1, 2);
    Path data = arc.resolve(ArchivePaths.relativeDataPath(a.fid(), ArchiveFormat.V2));
    assertThat(Files.readString(data)).isEqualTo("hello archive");
    assertThat(access.source.handle(0x77).end().errno()).isZero();
    assertThat(Files.readString(pid)).isEqualTo(ProcessHandle.current().pid() + "\n");
    assertThat(access.source.isClosed()).isTrue();
  }

  @Test
  void archiveIdZeroServesAll() throws IOException {
    access.source.pushKernelShutdown();
    assertThat(
            run(
                "-A",
                "3",
                "-A",
                "0",
                "-A",
                "5",
                "-p",
                dir("arc").toString(),
                dir("mnt").toString()))
        .isEqualTo(108);
    assertThat(access.registeredIds).isEmpty();
  }

  @Test
  void rebindSingleAndListExitCodes() throws IOException {
    Path arc = dir("arc");
    Fid a = Fid.parseLenient("0x200000401:0x5:0x0");
    Fid b = Fid.parseLenient("0x200000401:0x6:0x0");
    Path data = arc.resolve(ArchivePaths.relativeDataPath(a, ArchiveFormat.V1));
    Files.createDirectories(data.getParent());
    Files.writeString(data, "x");
    assertThat(run("-p", arc.toString(), "--rebind", a.toString(), b.toString(), "/mnt")).isZero();
    assertThat(run("-p", arc.toString(), "--rebind", a.toString(), b.toString(), "/mnt"))
        .isEqualTo(2);
    assertThat(run("-p", arc.toString(), "--rebind", "junk", b.toString(), "/mnt")).isEqualTo(22);
    Path list = Files.writeString(tmp.resolve("l"), b + " " + a + "\nbad line here\n");
    assertThat(run("-p", arc.toString(), "--rebind", list.toString(), "/mnt")).isEqualTo(1);
    assertThat(Files.exists(data)).isTrue();
  }

  @Test
  void importHardLinksTheSourceAtTheNewFidPath() throws IOException {
    Path arc = dir("arc");
    Path mnt = dir("mnt");
    Files.createDirectories(arc.resolve("sub/deeper"));
    Files.writeString(arc.resolve("sub/a"), "A");
    Files.writeString(arc.resolve("sub/deeper/b"), "BB");
    assertThat(
            run(
                "-A",
                "4",
                "-F",
                "v2",
                "-p",
                arc.toString(),
                "--import",
                "sub",
                mnt.toString(),
                mnt.toString()))
        .isZero();
    assertThat(Files.exists(mnt.resolve("sub/a"))).isTrue();
    assertThat(Files.exists(mnt.resolve("sub/deeper/b"))).isTrue();
    assertThat(access.imports).hasSize(2);
    for (int oid : new int[] {0x100, 0x101}) {
      Path data =
          arc.resolve(
              ArchivePaths.relativeDataPath(new Fid(0x200000401L, oid, 0), ArchiveFormat.V2));
      assertThat(Files.isRegularFile(data)).isTrue();
    }
    assertThat(Files.readString(arc.resolve("sub/a"))).isEqualTo("A");
    assertThat(run("-p", arc.toString(), "--import", "/abs", mnt.toString(), mnt.toString()))
        .isEqualTo(22);
    assertThat(run("-p", arc.toString(), "--import", "sub", "rel", mnt.toString())).isEqualTo(22);
  }

  @Test
  void importRefusesASourceOrDestinationOutsideItsTree() throws IOException {
    Path arc = dir("arc");
    Path mnt = dir("mnt");
    Path outside = dir("outside");
    Files.writeString(outside.resolve("secret"), "S");
    Files.createSymbolicLink(arc.resolve("link"), outside);
    Files.writeString(arc.resolve("a"), "A");
    String m = mnt.toString();
    // found by the faults hostile campaign: ../ imported a file from outside the HSM root
    assertThat(run("-p", arc.toString(), "--import", "../outside/secret", m + "/x", m))
        .isEqualTo(22);
    assertThat(run("-p", arc.toString(), "--import", "link/secret", m + "/x", m)).isEqualTo(22);
    assertThat(run("-p", arc.toString(), "--import", "a", outside + "/x", m)).isEqualTo(22);
    assertThat(run("-p", arc.toString(), "--import", "a", m + "/../outside/x", m)).isEqualTo(22);
    assertThat(access.imports).isEmpty();
    try (var s = Files.list(arc)) {
      assertThat(s.count()).isEqualTo(2);
    }
    assertThat(run("-p", arc.toString(), "--import", "a", m + "/x", m)).isZero();
    // another client mount of the same filesystem, as sanity-hsm 72/222a import through
    Path mnt2 = dir("mnt2");
    assertThat(run("-p", arc.toString(), "--import", "a", mnt2 + "/y", m)).isZero();
    assertThat(access.imports).hasSize(2);
  }

  @Test
  void moreArchiveIdsThanLiblustreapiTakesIsEinval() throws IOException {
    String[] args = new String[66 + 3];
    for (int i = 0; i < 33; i++) {
      args[2 * i] = "-A";
      args[2 * i + 1] = String.valueOf(i + 1);
    }
    args[66] = "-p";
    args[67] = dir("arc").toString();
    args[68] = dir("mnt").toString();
    assertThat(run(args)).isEqualTo(22);
    assertThat(access.registeredIds).isEmpty();
  }

  @Test
  void archiveUpgradeNeedsNoMountPoint() throws IOException {
    Path arc = dir("arc");
    Fid a = Fid.parseLenient("0x200000401:0x5:0x0");
    Path v1 = arc.resolve(ArchivePaths.relativeDataPath(a, ArchiveFormat.V1));
    Files.createDirectories(v1.getParent());
    Files.writeString(v1, "x");
    assertThat(run("-p", arc.toString(), "--archive-upgrade=v2")).isZero();
    assertThat(Files.readString(arc.resolve("0404/0x200000401:0x5:0x0"))).isEqualTo("x");
  }
}
