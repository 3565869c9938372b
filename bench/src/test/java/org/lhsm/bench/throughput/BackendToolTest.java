package org.lhsm.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bench.report.SourceFile;
import org.lhsm.bindings.ExtendedAttributes;
import org.lhsm.copytool.posix.ChecksumAlgorithm;
import org.lhsm.copytool.posix.PosixArchiveBackend;

/** The harness's own use of the backend: what it times is a complete, verified copy. */
class BackendToolTest {
  @TempDir Path tmp;

  @Test
  void archivesAndRestoresThroughTheBackendWithEveryByteCounted() throws Exception {
    Path src = tmp.resolve("source.bin");
    long size = (3L << 20) + 12345;
    SourceFile.create(src, size, 1);
    long crc = SourceFile.crc32c(src);
    for (ChecksumAlgorithm alg : ChecksumAlgorithm.values()) {
      Path dir = Files.createDirectory(tmp.resolve(alg.fileName()));
      BackendTool tool = new BackendTool(alg, 1 << 20, Duration.ofSeconds(30));

      CopyTool.Timed a = tool.archive(src, dir);
      assertThat(a.bytes()).isEqualTo(size);
      assertThat(a.nanos()).isPositive();
      assertThat(a.output()).isEqualTo(tool.dataFile(dir));
      assertThat(SourceFile.crc32c(a.output())).isEqualTo(crc);
      assertThat(ExtendedAttributes.get(a.output(), PosixArchiveBackend.CHECKSUM_XATTR).isPresent())
          .isEqualTo(alg != ChecksumAlgorithm.NONE);

      CopyTool.Timed r = tool.restore(dir);
      assertThat(r.bytes()).isEqualTo(size);
      assertThat(Files.size(r.output())).isEqualTo(size);
      assertThat(SourceFile.crc32c(r.output())).isEqualTo(crc);
    }
  }

  @Test
  void sourceFilesAreReproducibleAndNotCompressible() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    SourceFile.create(a, 1 << 20, 7);
    SourceFile.create(b, 1 << 20, 7);
    assertThat(Files.mismatch(a, b)).isEqualTo(-1);
    byte[] data = Files.readAllBytes(a);
    java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION);
    d.setInput(data);
    d.finish();
    byte[] out = new byte[data.length * 2];
    int n = d.deflate(out);
    d.end();
    assertThat(n).as("deflated size").isGreaterThan(data.length * 99 / 100);
  }
}
