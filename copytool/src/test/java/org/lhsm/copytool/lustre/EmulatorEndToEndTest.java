package org.lhsm.copytool.lustre;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.ExtendedAttributes;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.UserAction;
import org.lhsm.bindings.internal.NativeAccess;
import org.lhsm.copytool.engine.Engine;
import org.lhsm.copytool.engine.EngineConfig;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.posix.ArchivePaths;
import org.lhsm.copytool.posix.ChecksumAlgorithm;
import org.lhsm.copytool.posix.PosixArchiveBackend;
import org.lhsm.copytool.posix.PosixOptions;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.EmulatorExtension;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.EmulatorProcess;

/**
 * Adapter + engine + POSIX backend against the emulated Lustre: the test kit starts the emulator as
 * a child process for each test and stops it by PID (skipped when the emulator is not built).
 */
class EmulatorEndToEndTest {
  @TempDir Path tmp;

  @RegisterExtension
  final EmulatorExtension emulator = new EmulatorExtension(EmulatorLauncher.create());

  private Engine engine;
  private CompletableFuture<Engine.Result> run;
  private Path mnt;
  private Path mnt2;
  private final List<Integer> endErrnos = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void startEmulator() throws Exception {
    EmulatorProcess emu = emulator.get();
    System.setProperty(NativeAccess.PROPERTY, emu.library().toString());
    mnt = emu.mount(1);
    mnt2 = emu.mount(2);
  }

  @AfterEach
  void stopEngine() throws Exception {
    if (engine != null) {
      engine.shutdown();
      run.get(60, TimeUnit.SECONDS);
    }
  }

  private static boolean has(Path f, HsmState s) {
    try {
      return HsmClient.state(f).states().contains(s);
    } catch (IOException e) {
      return false;
    }
  }

  private static void request(Path f, UserAction a) throws IOException {
    Fid fid = HsmClient.path2fid(f);
    HsmClient.request(
        f,
        new HsmUserRequest(
            a, 1, EnumSet.noneOf(org.lhsm.bindings.RequestFlag.class), List.of(fid), new byte[0]));
  }

  private Path startCopytool(long bandwidth) throws IOException {
    Path arc = Files.createDirectories(tmp.resolve("arc"));
    PosixArchiveBackend backend =
        new PosixArchiveBackend(
            new PosixOptions(
                new ArchivePaths(arc, ArchiveFormat.V2),
                false,
                false,
                false,
                ChecksumAlgorithm.CRC32C));
    BindingsLustreAccess access = new BindingsLustreAccess();
    engine =
        new Engine(
            access.register(mnt2, List.of(1)),
            backend,
            EngineConfig.defaults()
                .withMaxJobs(2)
                .withBandwidth(bandwidth)
                .withUpdateInterval(Duration.ZERO)
                .withPollInterval(Duration.ofMillis(200))
                .withExpectedFsname(access.fsname(mnt2)));
    engine.setListener(
        new org.lhsm.copytool.engine.EngineListener() {
          @Override
          public void actionEnded(
              org.lhsm.bindings.HsmActionItem item, int errno, long bytesCopied) {
            endErrnos.add(errno);
          }
        });
    run = CompletableFuture.supplyAsync(engine::run);
    return arc;
  }

  @Test
  void cancelStopsARunningArchiveAndLeavesNoTemporary() throws Exception {
    Path arc = startCopytool(1 << 20);
    Path f = mnt.resolve("slow");
    Files.write(f, new byte[8 << 20]);
    request(f, UserAction.ARCHIVE);
    Await.until("copy running", () -> engine.runningCount() == 1);
    Await.until("temporary written", () -> countFiles(arc, "_tmp") == 1);
    request(f, UserAction.CANCEL);
    Await.until("copy stopped", () -> engine.runningCount() == 0 && engine.completedCount() == 1);
    assertThat(endErrnos).containsExactly(Errno.ECANCELED.number());
    assertThat(countFiles(arc, "_tmp")).isZero();
    assertThat(countFiles(arc, "0x")).isZero();
    assertThat(has(f, HsmState.ARCHIVED)).isFalse();
  }

  /** Every size class from empty to 64 MiB, through archive, release, restore and remove. */
  @Test
  void filesFromEmptyTo64MiBSurviveArchiveReleaseRestoreAndRemove() throws Exception {
    Path arc = startCopytool(0);
    long[] sizes = {0, 1, 4095, 4096, 65_537, (1 << 20) + 13, (3 << 20) + 1, 64L << 20};
    Map<Path, byte[]> files = new java.util.LinkedHashMap<>();
    Path d = Files.createDirectories(mnt.resolve("sizes"));
    for (long size : sizes) {
      byte[] content = new byte[(int) size];
      new Random(size).nextBytes(content);
      files.put(Files.write(d.resolve("f" + size), content), content);
    }
    for (Path f : files.keySet()) {
      request(f, UserAction.ARCHIVE);
    }
    Await.until(
        "all archived", () -> files.keySet().stream().allMatch(f -> has(f, HsmState.ARCHIVED)));
    for (Map.Entry<Path, byte[]> e : files.entrySet()) {
      Path data =
          arc.resolve(
              ArchivePaths.relativeDataPath(HsmClient.path2fid(e.getKey()), ArchiveFormat.V2));
      assertThat(Files.readAllBytes(data)).as("archive of %s", e.getKey()).isEqualTo(e.getValue());
    }

    for (Path f : files.keySet()) {
      request(f, UserAction.RELEASE);
    }
    Await.until(
        "all released", () -> files.keySet().stream().allMatch(f -> has(f, HsmState.RELEASED)));
    for (Path f : files.keySet()) {
      request(f, UserAction.RESTORE);
    }
    Await.until(
        "all restored", () -> files.keySet().stream().noneMatch(f -> has(f, HsmState.RELEASED)));
    for (Map.Entry<Path, byte[]> e : files.entrySet()) {
      assertThat(Files.readAllBytes(e.getKey()))
          .as("restored %s", e.getKey())
          .isEqualTo(e.getValue());
    }

    for (Path f : files.keySet()) {
      request(f, UserAction.REMOVE);
    }
    Await.until(
        "all removed", () -> files.keySet().stream().noneMatch(f -> has(f, HsmState.EXISTS)));
    // a REMOVE's _rm goes, and its end is counted, just after the coordinator took the end
    Await.until("every end heard", () -> endErrnos.size() == files.size() * 3);
    assertThat(countFiles(arc, "0x")).as("archive copies and side files left").isZero();
    // the engine counts an action once its end returned, after the state the test saw changed
    Await.until("every end counted", () -> endErrnos.size() == files.size() * 3);
    assertThat(endErrnos).containsOnly(0);
  }

  private static long countFiles(Path root, String nameContains) {
    try (java.util.stream.Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().contains(nameContains))
          .count();
    } catch (IOException e) {
      return -1;
    }
  }

  @Test
  void archiveReleaseRestoreAndRefuseACorruptArchive() throws Exception {
    Path arc = startCopytool(0);

    Path f = Files.createDirectories(mnt.resolve("d1")).resolve("f1");
    byte[] content = new byte[3 << 20];
    new Random(7).nextBytes(content);
    Files.write(f, content);
    byte[] project = "climate".getBytes(StandardCharsets.UTF_8);
    // tmpfs before Linux 6.6 has no user xattrs: the round trip below still runs there
    boolean userXattrs = Files.getFileStore(f).supportsFileAttributeView("user");
    if (userXattrs) {
      ExtendedAttributes.set(f, "user.project", project);
    }
    request(f, UserAction.ARCHIVE);
    Await.until("archived", () -> has(f, HsmState.ARCHIVED));
    Fid fid = HsmClient.path2fid(f);
    Path data = arc.resolve(ArchivePaths.relativeDataPath(fid, ArchiveFormat.V2));
    assertThat(Files.readAllBytes(data)).isEqualTo(content);
    if (userXattrs) {
      // read through the action's fd, written onto the archive copy
      assertThat(ExtendedAttributes.readAll(data))
          .hasEntrySatisfying("user.project", v -> assertThat(v).isEqualTo(project));
    }
    // the emulated files have no lustre.lov: a clean "no layout", so no side file
    assertThat(ArchivePaths.lovPath(data)).doesNotExist();
    assertThat(Files.readSymbolicLink(arc.resolve("shadow/d1/f1")).toString()).startsWith("../../");

    request(f, UserAction.RELEASE);
    Await.until("released", () -> has(f, HsmState.RELEASED));
    request(f, UserAction.RESTORE);
    Await.until("restored", () -> !has(f, HsmState.RELEASED));
    assertThat(Files.readAllBytes(f)).isEqualTo(content);

    request(f, UserAction.RELEASE);
    Await.until("released again", () -> has(f, HsmState.RELEASED));
    byte[] bad = content.clone();
    bad[12345] ^= 1;
    Files.write(data, bad);
    long before = engine.majorErrors();
    request(f, UserAction.RESTORE);
    Await.until("restore failed", () -> engine.majorErrors() > before);
    Await.until("failure reported", () -> engine.runningCount() == 0 && engine.queuedCount() == 0);
    assertThat(has(f, HsmState.RELEASED)).as("corrupt data not swapped in").isTrue();
  }

  @Test
  void aSavedLayoutIsSetOnTheVolatileAndItsRejectionFailsTheRestore() throws Exception {
    Path arc = startCopytool(0);
    Path f = mnt.resolve("striped");
    byte[] content = "layout test".getBytes(StandardCharsets.UTF_8);
    Files.write(f, content);
    request(f, UserAction.ARCHIVE);
    Await.until("archived", () -> has(f, HsmState.ARCHIVED));
    Fid fid = HsmClient.path2fid(f);
    Path data = arc.resolve(ArchivePaths.relativeDataPath(fid, ArchiveFormat.V2));
    request(f, UserAction.RELEASE);
    Await.until("released", () -> has(f, HsmState.RELEASED));
    Await.until("archive reported", () -> endErrnos.size() == 1);

    // a layout saved on real Lustre: the emulator's volatile (a local file) has no lustre.*
    // namespace, so setting it fails and, as in the stock tool, the restore reports that errno
    Files.write(ArchivePaths.lovPath(data), new byte[] {(byte) 0xd0, 0x0b, (byte) 0xd1, 0x0b});
    request(f, UserAction.RESTORE);
    Await.until("restore reported", () -> endErrnos.size() == 2);
    assertThat(endErrnos).containsExactly(0, Errno.EOPNOTSUPP.number());
    assertThat(has(f, HsmState.RELEASED)).as("nothing swapped in").isTrue();

    // without the side file the same archive restores with the default layout
    Files.delete(ArchivePaths.lovPath(data));
    request(f, UserAction.RESTORE);
    Await.until("restored", () -> !has(f, HsmState.RELEASED));
    assertThat(Files.readAllBytes(f)).isEqualTo(content);
  }
}
