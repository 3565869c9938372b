package org.lhsm.bench.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/** The incompressible source file, and reading files back for their CRC32C. */
public final class SourceFile {
  private static final int BUFFER = 1 << 20;

  private SourceFile() {}

  /**
   * Writes {@code size} pseudo-random bytes (incompressible: nothing on the path can shortcut them)
   * and fsyncs the file; returns their CRC32C.
   */
  public static long create(Path file, long size, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    CRC32C crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long left = size;
      while (left > 0) {
        buf.clear();
        while (buf.remaining() >= Long.BYTES) {
          buf.putLong(random.nextLong());
        }
        buf.flip();
        buf.limit((int) Math.min(buf.limit(), left));
        crc.update(buf.duplicate());
        while (buf.hasRemaining()) {
          left -= out.write(buf);
        }
      }
      out.force(true);
    }
    return crc.getValue();
  }

  /**
   * Writes {@code size} zero bytes to a new {@code file} without syncing it, then deletes it: the
   * page cache takes that much memory and gives it back at once, so the next copy finds it free and
   * at hand (see {@code --no-prefault}). Deleted before writeback, the data never reaches the disk.
   */
  public static void scratch(Path file, long size) throws IOException {
    ByteBuffer zeros = ByteBuffer.allocateDirect(BUFFER);
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long pos = 0; pos < size; ) {
        zeros.clear().limit((int) Math.min(BUFFER, size - pos));
        pos += out.write(zeros, pos);
      }
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  /**
   * Reads the whole file (which also brings it into the page cache) and returns its CRC32C, the
   * value jhsmtool's {@code .cksum} file holds for it.
   */
  public static long crc32c(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (in.read(buf) >= 0) {
        buf.flip();
        crc.update(buf);
        buf.clear();
      }
    }
    return crc.getValue();
  }
}
