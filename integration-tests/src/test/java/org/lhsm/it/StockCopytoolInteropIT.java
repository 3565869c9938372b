package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmState;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.it.support.AgentCtlRunner;
import org.lhsm.it.support.ArchiveTree;
import org.lhsm.it.support.Copytool;
import org.lhsm.it.support.TestData;

/**
 * Archives written by Lustre's lhsmtool_posix restore with jhsmtool, and the reverse, on one HSM
 * root. Runs wherever lhsmtool_posix is installed (the real-Lustre VM; on the emulator too if a
 * build linked against liblustreapi.so.1 is given with {@code -Dlhsm.it.stockCopytool}); skipped,
 * saying so, elsewhere.
 */
class StockCopytoolInteropIT extends HsmSuite {
  private static final long SIZE = 2 * 1024 * 1024 + 4099;

  private Path stock;

  @BeforeEach
  void findStockCopytool() {
    Optional<Path> found = StockCopytool.find();
    assumeTrue(
        found.isPresent(),
        "lhsmtool_posix is not installed (package lustre); -Dlhsm.it.stockCopytool=PATH");
    stock = found.get();
  }

  @ParameterizedTest(name = "archive format {0}")
  @ValueSource(strings = {"v1", "v2"})
  void aFileArchivedByLhsmtoolPosixRestoresWithJhsmtool(String format) throws Exception {
    archiveWithOneRestoreWithTheOther(format, true, 61);
  }

  @ParameterizedTest(name = "archive format {0}")
  @ValueSource(strings = {"v1", "v2"})
  void aFileArchivedByJhsmtoolRestoresWithLhsmtoolPosix(String format) throws Exception {
    archiveWithOneRestoreWithTheOther(format, false, 62);
  }

  private void archiveWithOneRestoreWithTheOther(String format, boolean stockArchives, long seed)
      throws Exception {
    Path mount = target.agentMounts().get(0);
    Path root = scratch.resolve("shared-archive");
    Path f = dir.resolve(stockArchives ? "from-stock" : "from-jhsmtool");
    String sha = TestData.write(f, SIZE, seed);

    Copytool archiver = start(stockArchives, mount, root, format);
    agentctl.ok("archive --archive-id 1", f);
    awaitArchived(f);
    awaitIdle(f);
    if (format.equals("v1")) {
      assertSameContent(ArchiveTree.dataFile(root, HsmClient.path2fid(f)), sha);
    }
    stopAndAwaitUnregistered(archiver);

    start(!stockArchives, mount, root, format);
    releaseAndRestore(f);
    assertSameContent(f, sha);
  }

  private Copytool start(boolean stockTool, Path mount, Path root, String format) throws Exception {
    return stockTool
        ? startStockCopytool("lhsmtool_posix", stock, mount, root, "-F", format)
        : startCopytool("jhsmtool", mount, root, "-F", format);
  }

  private void stopAndAwaitUnregistered(Copytool ct) throws Exception {
    ct.terminate();
    ct.awaitExit(Duration.ofSeconds(60)); // the stock tool exits 1 after a signal, jhsmtool 0
    String uuid = HsmClient.agentUuid(ct.mount());
    Await.until(
        ct + " unregistered",
        () -> agentctl.ok("agents", "--json").out(),
        out -> !AgentCtlRunner.hasJsonField(out, "uuid", uuid));
  }

  private static void releaseAndRestore(Path f) throws Exception {
    agentctl.ok("release", f);
    awaitFlags(f, "released", s -> s.contains(HsmState.RELEASED));
    agentctl.ok("restore --wait --timeout " + Await.scaled(Await.DEFAULT).toSeconds(), f);
    assertThat(flags(f)).contains(HsmState.ARCHIVED).doesNotContain(HsmState.RELEASED);
    assertThat(Files.size(f)).isEqualTo(SIZE);
  }
}
