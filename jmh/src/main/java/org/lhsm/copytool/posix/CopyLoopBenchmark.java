package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.lhsm.bindings.internal.AbiLayout;
import org.lhsm.bindings.internal.FdFileChannel;
import org.lhsm.bindings.internal.PathFds;
import org.lhsm.copytool.core.CopyBuffer;
import org.lhsm.copytool.core.CopyControl;
import org.lhsm.copytool.engine.EngineConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The POSIX backend's copy loop ({@link DataMover#copy}), which every archive and restore runs: its
 * CPU and allocation cost per file is what the copytool adds to the disk's own time, and the only
 * part of it that depends on the checksum. Source and destination are files in a temporary
 * directory ({@code java.io.tmpdir}); the source stays in the page cache, the destination is
 * truncated before each copy as the archive's fresh {@code _tmp} file is. No background flush and
 * no fsync: the disk is left out, the loop is what is measured.
 *
 * <p>In this package because the mover is package-private; it uses the bindings' internal channel
 * because that is the one the copytool gets for the Lustre side of every action.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CopyLoopBenchmark {

  /** 4 KiB (the small-file rate), 1 MiB (one chunk), 64 MiB (streaming). */
  @Param({"4096", "1048576", "67108864"})
  int size;

  /** Without a checksum, and with the default one. */
  @Param({"NONE", "CRC32C"})
  ChecksumAlgorithm checksum;

  /**
   * {@code fd}: the source is the bindings' channel on a descriptor, as the Lustre file of an
   * ARCHIVE is (always the buffered loop); {@code jdk}: two JDK channels, where without a checksum
   * the kernel copies ({@code transferTo}).
   */
  @Param({"fd", "jdk"})
  String source;

  private static final CopyControl UNTHROTTLED =
      new CopyControl() {
        private final CopyBuffer buffer = new CopyBuffer(EngineConfig.DEFAULT_CHUNK_SIZE);

        @Override
        public int chunkSize() {
          return EngineConfig.DEFAULT_CHUNK_SIZE;
        }

        @Override
        public ByteBuffer buffer(long bytes) {
          return buffer.get(bytes);
        }

        @Override
        public void started(long offset, long total) {}

        @Override
        public void beforeChunk(long bytes) {}

        @Override
        public void chunkDone(long bytes) {}

        @Override
        public void checkCanceled() {}
      };

  private Path dir;
  private FileChannel src;
  private FileChannel dst;

  @Setup(Level.Trial)
  public void createFiles() throws IOException {
    dir = Files.createTempDirectory("lhsm-jmh-copy");
    Path in = dir.resolve("src");
    // random bytes: an all-zero chunk would be skipped as a hole and never written
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    Files.write(in, data);
    src =
        source.equals("fd")
            ? FdFileChannel.take(PathFds.open(in, AbiLayout.O_RDONLY), false, in.toString())
            : FileChannel.open(in, StandardOpenOption.READ);
    dst =
        FileChannel.open(
            dir.resolve("dst"),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
  }

  @Benchmark
  public long copy(Blackhole bh) throws IOException {
    dst.truncate(0);
    ChecksumAlgorithm.Accumulator sum = checksum.newAccumulator();
    long n = DataMover.copy(src, dst, 0, size, true, sum, null, UNTHROTTLED);
    bh.consume(sum);
    return n;
  }

  @TearDown(Level.Trial)
  public void removeFiles() throws IOException {
    long copied = dst.size();
    src.close();
    dst.close();
    Files.delete(dir.resolve("src"));
    Files.delete(dir.resolve("dst"));
    Files.delete(dir);
    if (copied != size) {
      throw new IllegalStateException("the last copy left " + copied + " of " + size + " bytes");
    }
  }
}
