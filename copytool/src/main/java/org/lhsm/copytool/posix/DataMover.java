package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.lhsm.copytool.core.CopyControl;

/**
 * Moves bytes between two file channels at the same offsets, a chunk at a time, asking the {@link
 * CopyControl} before each chunk (bandwidth, cancel) and telling it after (progress).
 *
 * <p>Without a checksum, between two JDK file channels, the kernel copies ({@link
 * FileChannel#transferTo}; holes are filled). Otherwise (a checksum, or the Lustre side's channel
 * on the library's own descriptor) the bytes go through the direct buffer {@link
 * CopyControl#buffer} lends (the worker's own, sized to the copy: a 4 KiB file never takes a 1 MiB
 * chunk), and when the destination is known to be fresh (a new {@code _tmp} file or the volatile
 * file) all-zero chunks are skipped so holes stay holes; the file still ends at the right size.
 * Nothing is allocated per chunk.
 */
final class DataMover {
  private DataMover() {}

  /**
   * Copies up to {@code length} bytes from {@code offset}.
   *
   * @param checksum nullable: no checksum
   * @param flush nullable: no writeback during the copy
   * @return bytes copied (less than {@code length} only if the source ended early)
   */
  static long copy(
      FileChannel src,
      FileChannel dst,
      long offset,
      long length,
      boolean dstFresh,
      ChecksumAlgorithm.Accumulator checksum,
      BackgroundFlush flush,
      CopyControl control)
      throws IOException {
    control.started(offset, length);
    long end = offset + length;
    long pos = offset;
    int chunk = control.chunkSize();
    if (checksum == null && isJdkChannel(src) && isJdkChannel(dst)) {
      pos = transfer(src, dst, pos, end, chunk, flush, control);
    }
    if (pos < end) {
      ByteBuffer buf = control.buffer(end - pos);
      pos =
          buffered(
              src,
              dst,
              pos,
              end,
              Math.min(chunk, buf.capacity()),
              dstFresh,
              checksum,
              flush,
              control,
              buf);
      if (dstFresh && pos > offset && dst.size() < pos) {
        // the source ended after a skipped hole: give the file its full size
        buf.clear().put(0, (byte) 0).limit(1);
        writeFully(dst, buf, pos - 1);
      }
    }
    return pos - offset;
  }

  private static long transfer(
      FileChannel src,
      FileChannel dst,
      long pos,
      long end,
      int chunk,
      BackgroundFlush flush,
      CopyControl control)
      throws IOException {
    while (pos < end) {
      long len = Math.min(chunk, end - pos);
      control.beforeChunk(len);
      dst.position(pos);
      long n = src.transferTo(pos, len, dst);
      if (n <= 0) {
        return pos; // EOF or no progress: let the buffered loop decide
      }
      pos += n;
      if (flush != null) {
        flush.written(n);
      }
      control.chunkDone(n);
    }
    return pos;
  }

  private static long buffered(
      FileChannel src,
      FileChannel dst,
      long pos,
      long end,
      int chunk,
      boolean dstFresh,
      ChecksumAlgorithm.Accumulator checksum,
      BackgroundFlush flush,
      CopyControl control,
      ByteBuffer buf)
      throws IOException {
    while (pos < end) {
      int len = (int) Math.min(chunk, end - pos);
      control.beforeChunk(len);
      buf.clear();
      buf.limit(len);
      int n = readFully(src, buf, pos);
      if (n == 0) {
        break;
      }
      buf.flip();
      if (checksum != null) {
        checksum.update(buf);
      }
      boolean last = pos + n >= end;
      if (!(dstFresh && !last && isAllZero(buf))) {
        writeFully(dst, buf, pos);
        if (flush != null) {
          flush.written(n);
        }
      }
      pos += n;
      control.chunkDone(n);
    }
    return pos;
  }

  /**
   * The JDK's own file channels copy between each other in the kernel; any other channel (the
   * Lustre side's, on the library's descriptor) would make transferTo shuttle small heap buffers.
   */
  static boolean isJdkChannel(FileChannel c) {
    return c.getClass().getModule() == FileChannel.class.getModule();
  }

  private static int readFully(FileChannel src, ByteBuffer buf, long pos) throws IOException {
    int total = 0;
    while (buf.hasRemaining()) {
      int n = src.read(buf, pos + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private static void writeFully(FileChannel dst, ByteBuffer buf, long pos) throws IOException {
    long p = pos;
    while (buf.hasRemaining()) {
      p += dst.write(buf, p);
    }
  }

  static boolean isAllZero(ByteBuffer buf) {
    int i = buf.position();
    int lim = buf.limit();
    for (; i + 8 <= lim; i += 8) {
      if (buf.getLong(i) != 0) {
        return false;
      }
    }
    for (; i < lim; i++) {
      if (buf.get(i) != 0) {
        return false;
      }
    }
    return true;
  }
}
