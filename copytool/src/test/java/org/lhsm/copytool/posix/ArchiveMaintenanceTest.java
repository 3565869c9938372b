package org.lhsm.copytool.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.ExtendedAttributes;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.LocalFile;

class ArchiveMaintenanceTest {
  @TempDir Path root;

  private static final Fid A = Fid.parseLenient("0x200000401:0x5:0x0");
  private static final Fid B = Fid.parseLenient("0x200000402:0x7:0x0");
  private static final Fid C = Fid.parseLenient("0x200000403:0x9:0x0");
  private static final Fid D = Fid.parseLenient("0x200000404:0xb:0x0");

  private Path put(ArchivePaths p, Fid f, String suffix, String content) throws IOException {
    Path d = ArchivePaths.withSuffix(p.dataPath(f), suffix);
    Files.createDirectories(d.getParent());
    return Files.writeString(d, content);
  }

  @Test
  void rebindMovesDataAndSideFiles() throws IOException {
    ArchivePaths p = new ArchivePaths(root, ArchiveFormat.V2);
    put(p, A, "", "data");
    put(p, A, ".lov", "lov");
    new ArchiveMaintenance(p).rebind(A, B);
    assertThat(Files.readString(p.dataPath(B))).isEqualTo("data");
    assertThat(Files.readString(ArchivePaths.lovPath(p.dataPath(B)))).isEqualTo("lov");
    assertThat(Files.exists(p.dataPath(A))).isFalse();
  }

  @Test
  void rebindOfMissingCopyIsEnoentAndNonFileFidIsEinval() {
    ArchiveMaintenance m = new ArchiveMaintenance(new ArchivePaths(root, ArchiveFormat.V1));
    assertThatThrownBy(() -> m.rebind(A, B))
        .satisfies(e -> assertThat(Errno.numberOf(e, Errno.EIO)).isEqualTo(Errno.ENOENT.number()));
    assertThatThrownBy(() -> m.rebind(A, new Fid(0x200000007L, 1, 0)))
        .satisfies(e -> assertThat(Errno.numberOf(e, Errno.EIO)).isEqualTo(Errno.EINVAL.number()));
  }

  @Test
  void rebindListCountsGoodAndBadLines() throws IOException {
    ArchivePaths p = new ArchivePaths(root, ArchiveFormat.V2);
    put(p, A, "", "data");
    Path list =
        Files.writeString(
            root.resolve("list"),
            "# comment\n\n[" + A.toNoBraceString() + "] " + B.toNoBraceString() + "\nonly-one\n");
    ArchiveMaintenance.RebindSummary s = new ArchiveMaintenance(p).rebindList(list);
    assertThat(s.ok()).isEqualTo(1);
    assertThat(s.failed()).isEqualTo(1);
    assertThat(Files.exists(p.dataPath(B))).isTrue();
  }

  @Test
  void upgradeMovesEveryFidFileAndIsIdempotent() throws IOException {
    ArchivePaths v1 = new ArchivePaths(root, ArchiveFormat.V1);
    ArchivePaths v2 = new ArchivePaths(root, ArchiveFormat.V2);
    put(v1, A, "", "a");
    put(v1, A, ".lov", "alov");
    put(v1, B, "_tmp", "btmp");
    Files.createDirectories(root.resolve("shadow"));
    Files.writeString(root.resolve("shadow/keep"), "x");
    Files.writeString(root.resolve("imported"), "x");
    ArchiveMaintenance m = new ArchiveMaintenance(v1);
    assertThat(m.upgrade(ArchiveFormat.V2)).isEqualTo(3);
    assertThat(Files.readString(v2.dataPath(A))).isEqualTo("a");
    assertThat(Files.readString(ArchivePaths.lovPath(v2.dataPath(A)))).isEqualTo("alov");
    assertThat(Files.readString(v2.tmpPath(B))).isEqualTo("btmp");
    assertThat(Files.exists(root.resolve("0005"))).as("emptied v1 dirs removed").isFalse();
    assertThat(Files.exists(root.resolve("shadow/keep"))).isTrue();
    assertThat(m.upgrade(ArchiveFormat.V2)).isZero();
    assertThat(m.upgrade(ArchiveFormat.V1)).isEqualTo(3);
    assertThat(Files.readString(v1.dataPath(A))).isEqualTo("a");
  }

  @Test
  void maxSequenceCombinesTheLargestTopLevelNames() throws IOException {
    Files.createDirectories(root.resolve("0001/0002/0003/0004"));
    Files.createDirectories(root.resolve("0002/0001/0000/0009"));
    Files.createDirectories(root.resolve("shadow"));
    ArchiveMaintenance m = new ArchiveMaintenance(new ArchivePaths(root, ArchiveFormat.V1));
    assertThat(m.maxSequence()).isEqualTo(0x0002000100000009L);
  }

  @Test
  void staleTemporariesOlderThanTheAgeAreRemoved() throws IOException {
    ArchivePaths p = new ArchivePaths(root, ArchiveFormat.V2);
    Path old = put(p, A, "_tmp", "x");
    Path oldLov = put(p, A, "_tmp.lov", "x");
    Path fresh = put(p, B, "_tmp", "x");
    Path data = put(p, A, "", "x");
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofHours(2))));
    Files.setLastModifiedTime(oldLov, FileTime.from(now.minus(Duration.ofHours(2))));
    Files.setLastModifiedTime(fresh, FileTime.from(now.minus(Duration.ofMinutes(5))));
    Files.setLastModifiedTime(data, FileTime.from(now.minus(Duration.ofHours(5))));
    int n = new ArchiveMaintenance(p).removeStaleTemporaries(Duration.ofHours(1), now);
    assertThat(n).isEqualTo(2);
    assertThat(Files.exists(old)).isFalse();
    assertThat(Files.exists(oldLov)).isFalse();
    assertThat(Files.exists(fresh)).isTrue();
    assertThat(Files.exists(data)).isTrue();
  }

  @Test
  void aTaggedTemporaryNobodyHoldsLockedIsAbandonedAndGoesAtOnce() throws IOException {
    Assumptions.assumeTrue(
        Files.getFileStore(root).supportsFileAttributeView("user"), "no user xattrs here");
    ArchivePaths p = new ArchivePaths(root, ArchiveFormat.V2);
    Path dead = put(p, A, "_tmp", "x");
    Path deadLov = put(p, A, "_tmp.lov", "x");
    ExtendedAttributes.set(dead, TempFiles.TAG, "pid=1".getBytes(StandardCharsets.US_ASCII));
    Path live = put(p, B, "_tmp", "x");
    ExtendedAttributes.set(live, TempFiles.TAG, "pid=2".getBytes(StandardCharsets.US_ASCII));
    Path stock = put(p, C, "_tmp", "x"); // untagged: lhsmtool_posix's, maybe still writing
    Path orphanLov = put(p, D, "_tmp.lov", "x");
    Instant now = Instant.now();
    Files.setLastModifiedTime(orphanLov, FileTime.from(now.minus(Duration.ofMinutes(2))));

    int n;
    try (LocalFile writer = LocalFile.openReadWrite(live)) {
      assertThat(writer.tryLock()).isTrue();
      n = new ArchiveMaintenance(p).removeStaleTemporaries(Duration.ofHours(1), now);
    }

    assertThat(dead).doesNotExist();
    assertThat(deadLov).doesNotExist();
    assertThat(orphanLov).as("its _tmp is gone").doesNotExist();
    assertThat(live).as("locked by its writer").exists();
    assertThat(stock).as("untagged and young").exists();
    assertThat(n).isEqualTo(3);
  }

  @Test
  void temporaryNameRecognition() {
    assertThat(ArchiveMaintenance.isTemporaryName("0x200000401:0x5:0x0_tmp")).isTrue();
    assertThat(ArchiveMaintenance.isTemporaryName("0x200000401:0x5:0x0_tmp.cksum")).isTrue();
    assertThat(ArchiveMaintenance.isTemporaryName("0x200000401:0x5:0x0")).isFalse();
    assertThat(ArchiveMaintenance.isTemporaryName("notes_tmp")).isFalse();
  }
}
