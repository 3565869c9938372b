package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.emulator.codec.Hsm.HS_NORELEASE;
import static org.lhsm.emulator.codec.Hsm.HUA_ARCHIVE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.testing.ProtocolClient;
import org.lhsm.emulator.testkit.EmulatorExtension;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.EmulatorProcess;

/**
 * Group commit against {@code kill -9}: clients on several connections send a burst of changes that
 * write both journals (a FID on first sight and a state change: the FID table; an ARCHIVE request:
 * the request log), the daemon is killed while the burst goes on, and after a restart every change
 * that was acknowledged before the kill is there. Changes that were not acknowledged may be lost.
 */
class GroupCommitCrashTest {
  private static final int THREADS = 8;
  private static final int FILES_PER_THREAD = 60;

  @RegisterExtension
  final EmulatorExtension emulator = new EmulatorExtension(EmulatorLauncher.create());

  @Test
  void everyChangeAcknowledgedBeforeAKill9IsThereAfterTheRestart() throws Exception {
    EmulatorProcess child = emulator.get();
    Path root = child.dir().resolve("fs").toRealPath();
    List<List<Path>> files = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Path d = Files.createDirectories(root.resolve("t" + t));
      List<Path> mine = new ArrayList<>();
      for (int i = 0; i < FILES_PER_THREAD; i++) {
        mine.add(Files.writeString(d.resolve("f" + i), "data " + t + "/" + i));
      }
      files.add(mine);
    }
    Map<Path, Fid> fidAcked = new ConcurrentHashMap<>();
    Map<Path, Fid> archiveAcked = new ConcurrentHashMap<>();
    Set<Path> stateAcked = ConcurrentHashMap.newKeySet();
    CountDownLatch halfway = new CountDownLatch(THREADS * FILES_PER_THREAD / 2);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> clients = new ArrayList<>();
    for (List<Path> mine : files) {
      clients.add(
          pool.submit(
              () -> {
                try (ProtocolClient c = new ProtocolClient(child.socket())) {
                  for (Path f : mine) {
                    Fid fid = c.path2fid(f);
                    fidAcked.put(f, fid);
                    if (c.request(f, HUA_ARCHIVE, 1, 0, new byte[0], fid) == 0) {
                      archiveAcked.put(f, fid);
                    }
                    if (c.stateSet(f, HS_NORELEASE, 0, 0) == 0) {
                      stateAcked.add(f);
                    }
                    halfway.countDown();
                  }
                } catch (Exception e) {
                  // the daemon was killed under this client: what it acknowledged is recorded
                }
                return null;
              }));
    }
    assertThat(halfway.await(120, TimeUnit.SECONDS)).as("half the burst acknowledged").isTrue();
    child.kill9();
    for (Future<?> c : clients) {
      c.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(archiveAcked).as("acknowledged before the kill").hasSizeGreaterThan(0);

    child.restart();
    String actions = child.param("hsm/actions");
    try (ProtocolClient c = new ProtocolClient(child.socket())) {
      for (Map.Entry<Path, Fid> e : fidAcked.entrySet()) {
        assertThat(c.path2fid(e.getKey())).as("FID of %s", e.getKey()).isEqualTo(e.getValue());
      }
      for (Path f : stateAcked) {
        assertThat(c.state(f)[0] & HS_NORELEASE).as("NORELEASE of %s", f).isNotZero();
      }
    }
    for (Map.Entry<Path, Fid> e : archiveAcked.entrySet()) {
      assertThat(actions)
          .as("ARCHIVE request of %s", e.getKey())
          .containsPattern(
              "fid=\\Q" + e.getValue() + "\\E .* action=ARCHIVE archive#=1 .* status=WAITING");
    }
  }
}
