package org.lhsm.copytool.lustre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.ExtendedAttributes;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.UserAction;
import org.lhsm.copytool.engine.Engine;
import org.lhsm.copytool.engine.EngineConfig;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.posix.ArchivePaths;
import org.lhsm.copytool.posix.ChecksumAlgorithm;
import org.lhsm.copytool.posix.PosixArchiveBackend;
import org.lhsm.copytool.posix.PosixOptions;

/**
 * Adapter + engine + POSIX backend against the emulated Lustre. Runs only when the emulator is
 * given: {@code -Dlhsm.emulator.jar=<lhsm-emulator.jar> -Dlhsm.emulator.lib=<liblustreapi.so.1>},
 * which this module's build passes (the emulator is a test-scoped dependency so the reactor builds
 * it first). The test starts the emulator in the foreground as its own child process and stops it
 * by PID.
 */
class EmulatorEndToEndTest {
  @TempDir Path tmp;
  private Process emulator;
  private Engine engine;
  private CompletableFuture<Engine.Result> run;
  private Path mnt;
  private Path mnt2;
  private ProgressRecordingSource progress;
  private final List<Integer> endErrnos = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void startEmulator() throws Exception {
    String jar = System.getProperty("lhsm.emulator.jar");
    String lib = System.getProperty("lhsm.emulator.lib");
    assumeTrue(jar != null && lib != null, "emulator not given (-Dlhsm.emulator.jar/.lib)");
    assumeTrue(Files.isRegularFile(Path.of(jar)) && Files.isRegularFile(Path.of(lib)));
    System.setProperty("lhsm.liblustreapi", lib);
    Path fs = tmp.resolve("emu");
    Path nativeDir = Path.of(lib).toAbsolutePath().getParent();
    emulator =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlhsm.native.dir=" + nativeDir,
                "-jar",
                jar,
                "start",
                fs.toString(),
                "--mounts",
                "2",
                "--foreground")
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(
            new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
    List<String> mounts = new java.util.ArrayList<>();
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("mount: ")) {
        mounts.add(line.substring("mount: ".length()));
      }
      if (line.startsWith("export LHSM_LIBLUSTREAPI")) {
        break;
      }
    }
    assertThat(mounts).as("emulator mounts").hasSize(2);
    mnt = Path.of(mounts.get(0));
    mnt2 = Path.of(mounts.get(1));
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // keep the pipe from filling up
                }
              } catch (IOException ignored) {
                // emulator gone
              }
            });
    drain.setDaemon(true);
    drain.start();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (engine != null) {
      engine.shutdown();
      run.get(60, TimeUnit.SECONDS);
    }
    if (emulator != null) {
      emulator.destroy();
      if (!emulator.waitFor(30, TimeUnit.SECONDS)) {
        emulator.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void await(String what, BooleanSupplier c) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!c.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
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
    return startCopytool(EngineConfig.defaults().withMaxJobs(2).withBandwidth(bandwidth));
  }

  private Path startCopytool(EngineConfig config) throws IOException {
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
    progress = new ProgressRecordingSource(access.register(mnt2, List.of(1)));
    engine =
        new Engine(
            progress,
            backend,
            config
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
    await("copy running", () -> engine.runningCount() == 1);
    await("temporary written", () -> countFiles(arc, "_tmp") == 1);
    request(f, UserAction.CANCEL);
    await("copy stopped", () -> engine.runningCount() == 0 && engine.completedCount() == 1);
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
    await("all archived", () -> files.keySet().stream().allMatch(f -> has(f, HsmState.ARCHIVED)));
    for (Map.Entry<Path, byte[]> e : files.entrySet()) {
      Path data =
          arc.resolve(
              ArchivePaths.relativeDataPath(HsmClient.path2fid(e.getKey()), ArchiveFormat.V2));
      assertThat(Files.readAllBytes(data)).as("archive of %s", e.getKey()).isEqualTo(e.getValue());
    }

    for (Path f : files.keySet()) {
      request(f, UserAction.RELEASE);
    }
    await("all released", () -> files.keySet().stream().allMatch(f -> has(f, HsmState.RELEASED)));
    for (Path f : files.keySet()) {
      request(f, UserAction.RESTORE);
    }
    await("all restored", () -> files.keySet().stream().noneMatch(f -> has(f, HsmState.RELEASED)));
    for (Map.Entry<Path, byte[]> e : files.entrySet()) {
      assertThat(Files.readAllBytes(e.getKey()))
          .as("restored %s", e.getKey())
          .isEqualTo(e.getValue());
    }

    for (Path f : files.keySet()) {
      request(f, UserAction.REMOVE);
    }
    await("all removed", () -> files.keySet().stream().noneMatch(f -> has(f, HsmState.EXISTS)));
    assertThat(countFiles(arc, "0x")).as("archive copies and side files left").isZero();
    assertThat(endErrnos).hasSize(files.size() * 3).containsOnly(0);
  }

  /**
   * Four copies share one limit: over the 5 s the archives take, the bytes reported to the
   * coordinator arrive at the limit, within 10%. The limiter starts empty, so the rate cannot be
   * above it on any machine; below it would mean over-throttling (or a machine slower than 4
   * MiB/s).
   */
  @Test
  void theBandwidthLimitIsHeldAcrossWorkersOverFiveSeconds() throws Exception {
    long limit = 4L << 20;
    int chunk = 256 << 10;
    startCopytool(EngineConfig.defaults().withMaxJobs(4).withChunkSize(chunk).withBandwidth(limit));
    List<Path> files = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Path f = mnt.resolve("limited-" + i);
      byte[] content = new byte[(5 << 20) + chunk];
      new Random(i).nextBytes(content);
      Files.write(f, content);
      files.add(f);
    }
    for (Path f : files) {
      request(f, UserAction.ARCHIVE);
    }
    await("all archived", () -> files.stream().allMatch(f -> has(f, HsmState.ARCHIVED)));

    ProgressRecordingSource.Window w = progress.window();
    assertThat(w.bytes())
        .as("bytes reported after the first report")
        .isEqualTo(4L * (5 << 20) + 3L * chunk);
    assertThat(w.nanos()).as("window").isGreaterThanOrEqualTo(Duration.ofSeconds(5).toNanos());
    assertThat(w.bytesPerSecond())
        .as("aggregate rate of the four copies, limit %d B/s", limit)
        .isBetween(0.9 * limit, 1.1 * limit);
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
    await("archived", () -> has(f, HsmState.ARCHIVED));
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
    await("released", () -> has(f, HsmState.RELEASED));
    request(f, UserAction.RESTORE);
    await("restored", () -> !has(f, HsmState.RELEASED));
    assertThat(Files.readAllBytes(f)).isEqualTo(content);

    request(f, UserAction.RELEASE);
    await("released again", () -> has(f, HsmState.RELEASED));
    byte[] bad = content.clone();
    bad[12345] ^= 1;
    Files.write(data, bad);
    long before = engine.majorErrors();
    request(f, UserAction.RESTORE);
    await("restore failed", () -> engine.majorErrors() > before);
    await("failure reported", () -> engine.runningCount() == 0 && engine.queuedCount() == 0);
    assertThat(has(f, HsmState.RELEASED)).as("corrupt data not swapped in").isTrue();
  }

  @Test
  void aSavedLayoutIsSetOnTheVolatileAndItsRejectionFailsTheRestore() throws Exception {
    Path arc = startCopytool(0);
    Path f = mnt.resolve("striped");
    byte[] content = "layout test".getBytes(StandardCharsets.UTF_8);
    Files.write(f, content);
    request(f, UserAction.ARCHIVE);
    await("archived", () -> has(f, HsmState.ARCHIVED));
    Fid fid = HsmClient.path2fid(f);
    Path data = arc.resolve(ArchivePaths.relativeDataPath(fid, ArchiveFormat.V2));
    request(f, UserAction.RELEASE);
    await("released", () -> has(f, HsmState.RELEASED));
    await("archive reported", () -> endErrnos.size() == 1);

    // a layout saved on real Lustre: the emulator's volatile (a local file) has no lustre.*
    // namespace, so setting it fails and, as in the stock tool, the restore reports that errno
    Files.write(ArchivePaths.lovPath(data), new byte[] {(byte) 0xd0, 0x0b, (byte) 0xd1, 0x0b});
    request(f, UserAction.RESTORE);
    await("restore reported", () -> endErrnos.size() == 2);
    assertThat(endErrnos).containsExactly(0, Errno.EOPNOTSUPP.number());
    assertThat(has(f, HsmState.RELEASED)).as("nothing swapped in").isTrue();

    // without the side file the same archive restores with the default layout
    Files.delete(ArchivePaths.lovPath(data));
    request(f, UserAction.RESTORE);
    await("restored", () -> !has(f, HsmState.RELEASED));
    assertThat(Files.readAllBytes(f)).isEqualTo(content);
  }
}
