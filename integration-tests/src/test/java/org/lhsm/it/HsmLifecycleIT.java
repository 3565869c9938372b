package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.ExtendedAttributes;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmState;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.it.support.ArchiveTree;
import org.lhsm.it.support.Copytool;
import org.lhsm.it.support.TestData;

/** Archive, release, explicit restore and remove of one file, with one copytool. Both targets. */
class HsmLifecycleIT extends HsmSuite {
  private static final long SIZE = 3 * 1024 * 1024 + 17;

  @Test
  void archiveCopiesTheDataAndMarksTheFileArchived() throws Exception {
    Path agentMount = target.agentMounts().get(0);
    Copytool ct = startCopytool("ct", agentMount);
    Path f = dir.resolve("f");
    String sha = TestData.write(f, SIZE, 1);
    byte[] project = "climate".getBytes(StandardCharsets.UTF_8);
    // user.* names exist only where a mount allows them: on Lustre per client mount (user_xattr;
    // the copytool reads through its own mount, which lists none without it), on tmpfs from
    // Linux 6.6; the copy keeps them only if the file's, the copytool's and the archive's do
    boolean userXattrs = userXattrs(f) && userXattrs(agentMount) && userXattrs(ct.hsmRoot());
    if (userXattrs) {
      ExtendedAttributes.set(f, "user.project", project);
    }

    agentctl.ok("archive --archive-id 1", f);

    assertThat(awaitArchived(f)).doesNotContain(HsmState.RELEASED);
    assertThat(HsmClient.state(f).archiveId()).isEqualTo(Copytool.ARCHIVE_ID);
    String state = agentctl.ok("state --json", f).out();
    assertThat(state).as("agentctl state").contains("\"archived\"").doesNotContain("\"released\"");
    Path copy = ArchiveTree.dataFile(ct.hsmRoot(), HsmClient.path2fid(f));
    assertSameContent(copy, sha);
    assertThat(ArchiveTree.temporaries(ct.hsmRoot())).isEmpty();
    if (userXattrs) {
      // the copytool keeps the file's xattrs on the archive copy, as lhsmtool_posix does
      assertThat(ExtendedAttributes.readAll(copy))
          .hasEntrySatisfying("user.project", v -> assertThat(v).isEqualTo(project));
    }
  }

  @Test
  void releaseDropsTheDataButKeepsTheSize() throws Exception {
    startCopytool("ct", target.agentMounts().get(0));
    Path f = dir.resolve("f");
    TestData.write(f, SIZE, 2);
    agentctl.ok("archive --archive-id 1", f);
    awaitArchived(f);

    agentctl.ok("release", f);

    assertThat(awaitFlags(f, "released", s -> s.contains(HsmState.RELEASED)))
        .contains(HsmState.EXISTS, HsmState.ARCHIVED)
        .doesNotContain(HsmState.DIRTY);
    assertThat(Files.size(f)).isEqualTo(SIZE);
  }

  @Test
  void explicitRestoreBringsBackIdenticalData() throws Exception {
    startCopytool("ct", target.agentMounts().get(0));
    Path f = dir.resolve("f");
    String sha = TestData.write(f, SIZE, 3);
    agentctl.ok("archive --archive-id 1", f);
    awaitArchived(f);
    agentctl.ok("release", f);
    awaitFlags(f, "released", s -> s.contains(HsmState.RELEASED));

    // agentctl follows the request itself; exit 0 means it ended and succeeded
    agentctl.ok("restore --wait --timeout " + Await.scaled(Await.DEFAULT).toSeconds(), f);

    assertThat(flags(f))
        .contains(HsmState.EXISTS, HsmState.ARCHIVED)
        .doesNotContain(HsmState.RELEASED);
    assertThat(isIdle(currentAction(f))).isTrue();
    assertThat(Files.size(f)).isEqualTo(SIZE);
    assertSameContent(f, sha);
  }

  @Test
  void removeDeletesTheArchiveCopyAndClearsTheFlags() throws Exception {
    Copytool ct = startCopytool("ct", target.agentMounts().get(0));
    Path f = dir.resolve("f");
    String sha = TestData.write(f, SIZE, 4);
    agentctl.ok("archive --archive-id 1", f);
    awaitArchived(f);
    Path copy = ArchiveTree.dataFile(ct.hsmRoot(), HsmClient.path2fid(f));
    assertThat(copy).exists();

    agentctl.ok("remove --archive-id 1", f);

    awaitFlags(
        f,
        "no longer archived",
        s -> !s.contains(HsmState.ARCHIVED) && !s.contains(HsmState.EXISTS));
    awaitIdle(f);
    assertThat(copy).doesNotExist();
    assertSameContent(f, sha);
  }

  private static boolean userXattrs(Path p) throws IOException {
    return Files.getFileStore(p).supportsFileAttributeView("user");
  }
}
