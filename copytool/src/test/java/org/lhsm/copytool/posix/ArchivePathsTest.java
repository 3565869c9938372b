package org.lhsm.copytool.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.Fid;

class ArchivePathsTest {
  private static final Fid SAMPLE = Fid.parseLenient("[0x200000401:0x1:0x0]");
  private static final Fid SPEC_EXAMPLE = Fid.parseLenient("[0x200000401:0x5:0x0]");

  @Test
  void v1MatchesTheRealLustreSampleTree() {
    assertThat(ArchivePaths.relativeDataPath(SAMPLE, ArchiveFormat.V1))
        .isEqualTo("0001/0000/0401/0000/0002/0000/0x200000401:0x1:0x0");
  }

  @Test
  void specExamplesForBothFormats() {
    assertThat(ArchivePaths.relativeDataPath(SPEC_EXAMPLE, ArchiveFormat.V1))
        .isEqualTo("0005/0000/0401/0000/0002/0000/0x200000401:0x5:0x0");
    assertThat(ArchivePaths.relativeDataPath(SPEC_EXAMPLE, ArchiveFormat.V2))
        .isEqualTo("0404/0x200000401:0x5:0x0");
    assertThat(ArchivePaths.relativeDataPath(SAMPLE, ArchiveFormat.V2))
        .isEqualTo("0400/0x200000401:0x1:0x0");
  }

  @Test
  void allSixteenBitGroupsOfLargeValues() {
    Fid f = new Fid(0x123456789abcdef0L, 0xfedcba98, 7);
    assertThat(ArchivePaths.relativeDataPath(f, ArchiveFormat.V1))
        .isEqualTo("ba98/fedc/def0/9abc/5678/1234/0x123456789abcdef0:0xfedcba98:0x7");
    // v2 hashes the low 32 bits of oid ^ seq: 0xfedcba98 ^ 0x9abcdef0 = 0x64606468
    assertThat(ArchivePaths.relativeDataPath(f, ArchiveFormat.V2))
        .isEqualTo("6468/0x123456789abcdef0:0xfedcba98:0x7");
  }

  @Test
  void zeroSequencePrintsLikeCHashFlag() {
    assertThat(new Fid(0, 1, 0).toNoBraceString()).isEqualTo("0:0x1:0x0");
  }

  @Test
  void sideFilesAndTemporaryNames() {
    ArchivePaths p = new ArchivePaths(Path.of("/arc"), ArchiveFormat.V2);
    Path data = p.dataPath(SPEC_EXAMPLE);
    assertThat(data).isEqualTo(Path.of("/arc/0404/0x200000401:0x5:0x0"));
    assertThat(p.tmpPath(SPEC_EXAMPLE)).isEqualTo(Path.of("/arc/0404/0x200000401:0x5:0x0_tmp"));
    assertThat(ArchivePaths.lovPath(p.tmpPath(SPEC_EXAMPLE)))
        .isEqualTo(Path.of("/arc/0404/0x200000401:0x5:0x0_tmp.lov"));
    assertThat(ArchivePaths.checksumPath(data))
        .isEqualTo(Path.of("/arc/0404/0x200000401:0x5:0x0.cksum"));
  }

  @Test
  void shadowTargetIsRelativeToTheLinkDirectory() {
    assertThat(ShadowTree.linkTarget("d1/f1", "0404/0x200000401:0x5:0x0"))
        .isEqualTo("../../0404/0x200000401:0x5:0x0");
    assertThat(ShadowTree.linkTarget("f1", "x")).isEqualTo("../x");
    assertThat(ShadowTree.linkTarget("/a/b/c/f", "x")).isEqualTo("../../../../x");
  }

  @Test
  void fidParsingAcceptsBracketsAndRejectsGarbage() {
    assertThat(Fid.parseLenient("0x200000401:0x5:0x0")).isEqualTo(SPEC_EXAMPLE);
    assertThat(Fid.parseLenient(" [0x200000401:5:0] ")).isEqualTo(SPEC_EXAMPLE);
    assertThatThrownBy(() -> Fid.parseLenient("0x1:0x2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x1:0x2");
    assertThatThrownBy(() -> Fid.parseLenient("0x1:0x100000000:0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SPEC_EXAMPLE.isFileFid()).isTrue();
    assertThat(new Fid(13, 1, 0).isFileFid()).isTrue();
    assertThat(new Fid(0x200000007L, 1, 0).isFileFid()).isFalse();
  }

  @Test
  void formatParsing() {
    assertThat(ArchiveFormat.parse("V2")).isEqualTo(ArchiveFormat.V2);
    assertThatThrownBy(() -> ArchiveFormat.parse("v3")).hasMessageContaining("'v3'");
  }
}
