package org.lhsm.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.Fid;

class ArchiveTreeTest {
  @TempDir Path root;

  @Test
  void dataFileFollowsTheV1LayoutOfTheCompatSpec() {
    // compat spec §6.1 example and the 2.16.1 sample tree
    assertThat(ArchiveTree.dataFile(root, Fid.parse("[0x200000401:0x5:0x0]")))
        .isEqualTo(root.resolve("0005/0000/0401/0000/0002/0000/0x200000401:0x5:0x0"));
    assertThat(ArchiveTree.dataFile(root, Fid.parse("[0x200000401:0x1:0x0]")))
        .isEqualTo(root.resolve("0001/0000/0401/0000/0002/0000/0x200000401:0x1:0x0"));
  }

  @Test
  void dataFileUsesAllSixteenBitGroupsOfSeqAndOid() {
    assertThat(ArchiveTree.dataFile(root, new Fid(0x123456789abcdef0L, 0xfedc1234, 0x2)))
        .isEqualTo(root.resolve("1234/fedc/def0/9abc/5678/1234/0x123456789abcdef0:0xfedc1234:0x2"));
  }

  @Test
  void listsSeparateDataFilesSideFilesAndTemporariesAndSkipTheShadowTree() throws Exception {
    Path data = ArchiveTree.dataFile(root, Fid.parse("[0x200000401:0x5:0x0]"));
    Files.createDirectories(data.getParent());
    Files.writeString(data, "d");
    Files.writeString(data.resolveSibling(data.getFileName() + ".lov"), "l");
    Path tmp = data.resolveSibling(data.getFileName() + "_tmp");
    Files.writeString(tmp, "t");
    Files.createDirectories(root.resolve("shadow"));
    Files.writeString(root.resolve("shadow/0x200000401:0x6:0x0"), "not an archive file");

    assertThat(ArchiveTree.dataFiles(root)).containsExactly(data);
    assertThat(ArchiveTree.temporaries(root)).containsExactly(tmp);
    assertThat(ArchiveTree.files(root)).hasSize(3);
    assertThat(ArchiveTree.files(root.resolve("absent"))).isEmpty();
  }
}
