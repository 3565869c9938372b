package org.lhsm.copytool.s3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;
import org.lhsm.bindings.Errno;
import software.amazon.awssdk.core.sync.RequestBody;

/** Reads of the file being uploaded into part buffers, and the request bodies made of them. */
final class UploadBodies {
  private UploadBodies() {}

  static RequestBody body(ByteBuffer buf) {
    int len = buf.remaining();
    return RequestBody.fromContentProvider(
        () -> new ByteBufferInputStream(buf.duplicate()), len, "application/octet-stream");
  }

  /** Fills {@code buf} up to its limit from {@code src} at {@code offset}, chunk by chunk. */
  static void readInto(FileChannel src, ByteBuffer buf, long offset, TransferControl control)
      throws IOException {
    int end = buf.limit();
    int chunk = Math.max(1, control.chunkSize());
    long pos = offset;
    while (buf.position() < end) {
      int n = Math.min(chunk, end - buf.position());
      control.beforeChunk(n);
      buf.limit(buf.position() + n);
      while (buf.hasRemaining()) {
        int r = src.read(buf, pos);
        if (r < 0) {
          throw new S3StoreException(
              Errno.EIO,
              "file ended at byte "
                  + pos
                  + " while "
                  + (end - buf.position())
                  + " more were expected (changed during the archive?)");
        }
        pos += r;
      }
      control.chunkDone(n);
    }
    buf.limit(end);
  }

  /** CRC32C of a range of {@code src}, read through a small buffer (no progress reports). */
  static int crcOf(FileChannel src, long offset, long length, TransferControl control)
      throws IOException {
    CRC32C c = new CRC32C();
    ByteBuffer b = ByteBuffer.allocateDirect(Math.max(1 << 16, control.chunkSize()));
    long pos = offset;
    long end = offset + length;
    while (pos < end) {
      control.checkCanceled();
      b.clear();
      b.limit((int) Math.min(b.capacity(), end - pos));
      int r = src.read(b, pos);
      if (r < 0) {
        throw new S3StoreException(Errno.EIO, "file ended at byte " + pos + " of " + end);
      }
      b.flip();
      c.update(b);
      pos += r;
    }
    return (int) c.getValue();
  }
}
