package org.lhsm.faults.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Seeded file contents: the bytes of a file are a function of its seed and size, so any copy can be
 * checked without keeping the original. A quarter of the 64 KiB blocks are zeros (holes on sparse
 * paths).
 */
public final class Workload {
  private static final int BLOCK = 1 << 16;

  private Workload() {}

  /** Block {@code index} of the content with {@code seed}, {@code len} bytes. */
  static void fill(byte[] block, long seed, long index, int len) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
    if (r.nextInt(4) == 0) {
      java.util.Arrays.fill(block, 0, len, (byte) 0);
      return;
    }
    for (int i = 0; i < len; i += 8) {
      long v = r.nextLong();
      for (int k = 0; k < 8 && i + k < len; k++) {
        block[i + k] = (byte) (v >>> (8 * k));
      }
    }
  }

  /** Writes the content ({@code size} bytes, {@code seed}) to {@code file}, fsync'd. */
  public static void write(Path file, long size, long seed) throws IOException {
    byte[] block = new byte[BLOCK];
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      for (long pos = 0, i = 0; pos < size; pos += BLOCK, i++) {
        int len = (int) Math.min(BLOCK, size - pos);
        fill(block, seed, i, len);
        ByteBuffer b = ByteBuffer.wrap(block, 0, len);
        while (b.hasRemaining()) {
          ch.write(b, pos + b.position());
        }
      }
      ch.force(true);
    }
  }

  /** CRC32C of the content with {@code seed} and {@code size}. */
  public static long expectedCrc(long size, long seed) {
    CRC32C crc = new CRC32C();
    byte[] block = new byte[BLOCK];
    for (long pos = 0, i = 0; pos < size; pos += BLOCK, i++) {
      int len = (int) Math.min(BLOCK, size - pos);
      fill(block, seed, i, len);
      crc.update(block, 0, len);
    }
    return crc.getValue();
  }

  /** CRC32C of a file's bytes. */
  public static long crc(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        crc.update(buf, 0, n);
      }
    }
    return crc.getValue();
  }

  /** Whether {@code file} holds exactly the content ({@code size}, {@code seed}). */
  public static boolean matches(Path file, long size, long seed) throws IOException {
    return Files.size(file) == size && crc(file) == expectedCrc(size, seed);
  }
}
