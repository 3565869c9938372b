package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.lhsm.copytool.core.CopyControl;
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

/**
 * The data mover's copy loop ({@code DataMover.copy}, package-private, hence this package) between
 * two files in the page cache (on tmpfs: {@code /dev/shm}, else {@code java.io.tmpdir}; {@code
 * -Djmh.copy.dir=DIR} to choose), 1 MiB chunks, no bandwidth limit, no writeback:
 *
 * <ul>
 *   <li>{@code transfer}: no checksum between two JDK channels, the kernel copies ({@code
 *       transferTo}, jhsmtool's {@code --checksum none} on plain files);
 *   <li>{@code buffered}: no checksum, through the lent direct buffer (the Lustre side's channel is
 *       no JDK channel: {@code --checksum none} through liblustreapi's descriptor);
 *   <li>{@code crc32c}: through the buffer with CRC32C (jhsmtool's default);
 *   <li>{@code sha256}: the same with SHA-256.
 * </ul>
 *
 * The score is the time per copy of {@code size} bytes; the README gives GB/s. Run once as is and
 * once with {@code -jvmArgsAppend -XX:TieredStopAtLevel=1} (the launcher's C1-only setting).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CopyLoopBenchmark {
  private static final int CHUNK = 1 << 20;

  @Param({"4096", "16777216"})
  long size;

  @Param({"transfer", "buffered", "crc32c", "sha256"})
  String mode;

  private Path dir;
  private FileChannel src;
  private FileChannel dst;
  private FileChannel dstForCopy;
  private final Control control = new Control();

  @Setup(Level.Trial)
  public void files() throws IOException {
    Path base = Path.of(System.getProperty("jmh.copy.dir", defaultDir()));
    dir = Files.createTempDirectory(base, "lhsm-jmh-copy-");
    Path s = dir.resolve("src");
    byte[] data = new byte[(int) size];
    new SplittableRandom(42).nextBytes(data);
    Files.write(s, data);
    src = FileChannel.open(s, StandardOpenOption.READ);
    dst =
        FileChannel.open(
            dir.resolve("dst"),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    // a channel of another class makes the mover use its buffer, as on the Lustre side
    dstForCopy = mode.equals("transfer") ? dst : new Delegating(dst);
  }

  private static String defaultDir() {
    return Files.isDirectory(Path.of("/dev/shm"))
        ? "/dev/shm"
        : System.getProperty("java.io.tmpdir");
  }

  @TearDown(Level.Trial)
  public void remove() throws IOException {
    src.close();
    dst.close();
    Files.deleteIfExists(dir.resolve("src"));
    Files.deleteIfExists(dir.resolve("dst"));
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public long copy() throws IOException {
    ChecksumAlgorithm.Accumulator sum =
        switch (mode) {
          case "crc32c" -> ChecksumAlgorithm.CRC32C.newAccumulator();
          case "sha256" -> ChecksumAlgorithm.SHA256.newAccumulator();
          default -> null;
        };
    long n = DataMover.copy(src, dstForCopy, 0, size, false, sum, null, control);
    return sum == null ? n : n + sum.hex().length();
  }

  /** The engine's control without limit or reports; lends one reused buffer as a worker does. */
  private static final class Control implements CopyControl {
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);

    @Override
    public int chunkSize() {
      return CHUNK;
    }

    @Override
    public ByteBuffer buffer(long bytes) {
      return buffer.clear();
    }

    @Override
    public void started(long offset, long total) {}

    @Override
    public void beforeChunk(long bytes) {}

    @Override
    public void chunkDone(long bytes) {}

    @Override
    public void checkCanceled() {}
  }

  /** Positional I/O forwarded to a JDK channel, from a class that is not the JDK's. */
  private static final class Delegating extends FileChannel {
    private final FileChannel c;

    Delegating(FileChannel c) {
      this.c = c;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return c.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      return c.write(src, position);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return c.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return c.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return c.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      return c.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return c.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      c.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return c.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      c.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      c.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return c.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      return c.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return c.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return c.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return c.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      c.close();
    }
  }
}
