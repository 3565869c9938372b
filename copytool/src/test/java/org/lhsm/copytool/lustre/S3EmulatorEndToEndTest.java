package org.lhsm.copytool.lustre;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.UserAction;
import org.lhsm.bindings.internal.NativeAccess;
import org.lhsm.copytool.engine.Engine;
import org.lhsm.copytool.engine.EngineConfig;
import org.lhsm.copytool.engine.EngineListener;
import org.lhsm.copytool.s3.S3ArchiveBackend;
import org.lhsm.copytool.s3.S3Import;
import org.lhsm.copytool.s3.S3Settings;
import org.lhsm.copytool.s3.S3Store;
import org.lhsm.copytool.s3.S3TestServer;
import org.lhsm.emulator.testkit.EmulatorExtension;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.EmulatorProcess;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Adapter + engine + S3 backend against the emulated Lustre and a real S3 server (S3Proxy):
 * archive, release, restore (content compared), remove, a corrupted object refused with the file
 * left released, import of one object and of a prefix, and cancel of a multipart upload. The test
 * kit starts the emulator for each test (skipped when it is not built), the test S3Proxy.
 */
class S3EmulatorEndToEndTest {
  private static final String BUCKET = "lhsm-e2e";

  @TempDir Path tmp;

  @RegisterExtension
  final EmulatorExtension emulator = new EmulatorExtension(EmulatorLauncher.create());

  private S3TestServer server;
  private S3Store store;
  private S3ArchiveBackend backend;
  private Engine engine;
  private CompletableFuture<Engine.Result> run;
  private Path mnt;
  private Path mnt2;
  private BindingsLustreAccess access;
  private final List<Integer> endErrnos = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    EmulatorProcess emu = emulator.get();
    System.setProperty(NativeAccess.PROPERTY, emu.library().toString());
    mnt = emu.mount(1);
    mnt2 = emu.mount(2);
    server = S3TestServer.start(tmp.resolve("s3"));
    server.createBucket(BUCKET);
  }

  @AfterEach
  void stopAll() throws Exception {
    if (engine != null) {
      engine.shutdown();
      run.get(60, TimeUnit.SECONDS);
    }
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void startCopytool(long bandwidth) throws IOException {
    S3Settings settings = server.settings(BUCKET);
    store = S3Store.open(settings, S3TestServer.credentials());
    store.checkBucket();
    store.probeChecksums();
    access = new BindingsLustreAccess();
    String fsname = access.fsname(mnt2);
    backend = new S3ArchiveBackend(store, fsname, 1);
    engine =
        new Engine(
            access.register(mnt2, List.of(1)),
            backend,
            EngineConfig.defaults()
                .withMaxJobs(4)
                .withBandwidth(bandwidth)
                .withUpdateInterval(Duration.ZERO)
                .withPollInterval(Duration.ofMillis(200))
                .withExpectedFsname(fsname));
    engine.setListener(
        new EngineListener() {
          @Override
          public void actionEnded(HsmActionItem item, int errno, long bytesCopied) {
            endErrnos.add(errno);
          }
        });
    run = CompletableFuture.supplyAsync(engine::run);
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

  private String keyOf(Path f) throws IOException {
    return backend.keys().key(access.fsname(mnt2), 1, HsmClient.path2fid(f));
  }

  @Test
  void archiveReleaseRestoreImportAndRemoveThroughS3AndACorruptObjectIsRefused() throws Exception {
    startCopytool(0);
    long[] sizes = {0, 1, 65_537, S3Settings.MIN_PART_SIZE + 1, 2L * S3Settings.MIN_PART_SIZE + 3};
    Map<Path, byte[]> files = new LinkedHashMap<>();
    Path d = Files.createDirectories(mnt.resolve("s3"));
    for (long size : sizes) {
      byte[] content = new byte[(int) size];
      new Random(size).nextBytes(content);
      files.put(Files.write(d.resolve("f" + size), content), content);
    }
    for (Path f : files.keySet()) {
      request(f, UserAction.ARCHIVE);
    }
    await("all archived", () -> files.keySet().stream().allMatch(f -> has(f, HsmState.ARCHIVED)));
    for (Path f : files.keySet()) {
      S3Store.ObjectInfo o = store.head(keyOf(f)).orElseThrow();
      assertThat(o.size()).isEqualTo(files.get(f).length);
      assertThat(o.attributes().path()).contains("s3/" + f.getFileName());
      assertThat(o.attributes().fsname()).isEqualTo(access.fsname(mnt2));
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
    // the engine counts an action once its end returned, after the state the test saw changed
    await("every end counted", () -> endErrnos.size() == files.size() * 2);
    assertThat(endErrnos).containsOnly(0);

    // a corrupted object: the restore fails with EIO and the file stays released
    Path big = d.resolve("f" + sizes[sizes.length - 1]);
    request(big, UserAction.RELEASE);
    await("released again", () -> has(big, HsmState.RELEASED));
    try (RandomAccessFile raf =
        new RandomAccessFile(server.objectFile(BUCKET, keyOf(big)).toFile(), "rw")) {
      raf.seek(1234);
      int b = raf.read();
      raf.seek(1234);
      raf.write(b ^ 1);
    }
    int before = endErrnos.size();
    request(big, UserAction.RESTORE);
    await("corrupt restore ended", () -> endErrnos.size() == before + 1);
    assertThat(endErrnos.get(before)).isEqualTo(Errno.EIO.number());
    assertThat(has(big, HsmState.RELEASED)).isTrue();

    // import: one object by key, and a prefix of foreign objects, as released files
    Path small = d.resolve("f65537");
    S3Import imp = new S3Import(store, access, access.fsname(mnt2), 1, false);
    Path imported = mnt.resolve("imported");
    imp.importOne(keyOf(small), imported);
    byte[] foreign = "an object not written by jhsmtool\n".getBytes(StandardCharsets.US_ASCII);
    try (var c = server.adminClient()) {
      c.putObject(b -> b.bucket(BUCKET).key("incoming/a/one"), RequestBody.fromBytes(foreign));
      c.putObject(b -> b.bucket(BUCKET).key("incoming/two"), RequestBody.fromBytes(foreign));
    }
    List<String> failures = new CopyOnWriteArrayList<>();
    imp.importPrefix("incoming/", mnt, (what, e) -> failures.add(what + ": " + e));
    assertThat(failures).isEmpty();
    Path one = mnt.resolve("incoming/a/one");
    assertThat(has(imported, HsmState.RELEASED)).isTrue();
    assertThat(has(one, HsmState.RELEASED)).isTrue();
    assertThat(Files.size(one)).isEqualTo(foreign.length);
    request(imported, UserAction.RESTORE);
    request(one, UserAction.RESTORE);
    await(
        "imports restored",
        () -> !has(imported, HsmState.RELEASED) && !has(one, HsmState.RELEASED));
    // their ends are counted after the states changed: wait for them, or the removes' count
    // below would start from a number they then overtake
    await("the imports' ends counted", () -> endErrnos.size() == before + 3);
    assertThat(endErrnos.subList(before + 1, before + 3)).containsOnly(0);
    assertThat(Files.readAllBytes(imported)).isEqualTo(files.get(small));
    assertThat(Files.readAllBytes(one)).isEqualTo(foreign);

    // remove: the object of every archived (not released) file goes
    files.remove(big);
    int beforeRemove = endErrnos.size();
    for (Path f : files.keySet()) {
      request(f, UserAction.REMOVE);
    }
    await("all removed", () -> endErrnos.size() == beforeRemove + files.size());
    assertThat(endErrnos.subList(beforeRemove, endErrnos.size())).containsOnly(0);
    for (Path f : files.keySet()) {
      assertThat(store.head(keyOf(f))).as("object of %s", f).isEmpty();
    }
  }

  @Test
  void cancelAbortsTheMultipartUploadAndLeavesNoObject() throws Exception {
    startCopytool(2L << 20);
    Path f = mnt.resolve("slow");
    byte[] content = new byte[3 * S3Settings.MIN_PART_SIZE];
    new Random(7).nextBytes(content);
    Files.write(f, content);
    request(f, UserAction.ARCHIVE);
    String key = keyOf(f);
    await("upload running", () -> uploadsOf(key) == 1);
    request(f, UserAction.CANCEL);
    await("copy stopped", () -> engine.runningCount() == 0 && engine.completedCount() == 1);
    assertThat(endErrnos).containsExactly(Errno.ECANCELED.number());
    assertThat(uploadsOf(key)).isZero();
    assertThat(store.head(key)).isEmpty();
    assertThat(has(f, HsmState.ARCHIVED)).isFalse();
  }

  private int uploadsOf(String key) {
    try {
      return (int) store.uploadsInProgress(key).stream().filter(u -> u.key().equals(key)).count();
    } catch (IOException e) {
      return -1;
    }
  }
}
