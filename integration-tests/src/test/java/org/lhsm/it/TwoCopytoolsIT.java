package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.HsmClient;
import org.lhsm.it.support.ArchiveTree;
import org.lhsm.it.support.Copytool;
import org.lhsm.it.support.TestData;

/**
 * Two copytools on two client mounts, each with its own archive root so the work can be attributed.
 * The coordinator gives each batch to the least busy agent, so while the first (throttled, one
 * worker) is busy the second must receive some of the files. Both targets.
 */
class TwoCopytoolsIT extends HsmSuite {
  private static final int FILES = 8;

  @Test
  void bothCopytoolsTakeAShareAndEveryFileIsArchivedOnce() throws Exception {
    String[] throttle = {"--max-jobs", "1", "--bandwidth", Sizes.BANDWIDTH};
    Copytool a = startCopytool("ct-a", target.agentMounts().get(0), throttle);
    Copytool b = startCopytool("ct-b", target.agentMounts().get(1), throttle);
    List<Path> files = new ArrayList<>();
    List<String> shas = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      Path f = dir.resolve("f" + i);
      shas.add(TestData.write(f, Sizes.busyFor(1), 30 + i));
      files.add(f);
    }

    agentctl.ok("archive --archive-id 1", files.toArray(Path[]::new));

    int byA = 0;
    int byB = 0;
    for (int i = 0; i < FILES; i++) {
      Path f = files.get(i);
      awaitArchived(f);
      Path inA = ArchiveTree.dataFile(a.hsmRoot(), HsmClient.path2fid(f));
      Path inB = ArchiveTree.dataFile(b.hsmRoot(), HsmClient.path2fid(f));
      assertThat(inA.toFile().exists() ^ inB.toFile().exists())
          .as("%s archived by exactly one copytool (a: %s, b: %s)", f, inA, inB)
          .isTrue();
      assertSameContent(inA.toFile().exists() ? inA : inB, shas.get(i));
      if (inA.toFile().exists()) {
        byA++;
      } else {
        byB++;
      }
    }
    assertThat(byA).as("files archived by %s", a).isPositive();
    assertThat(byB).as("files archived by %s", b).isPositive();
  }
}
