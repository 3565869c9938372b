package org.lhsm.copytool.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Writes an object's stream into the file channel, computing the whole CRC32C and, for a multipart
 * object, the per-part CRC32Cs of its composite checksum.
 */
final class DownloadSink {
  /** A read from the object's stream failed (not the local write). */
  static final class StreamBroken extends IOException {
    private static final long serialVersionUID = 1L;

    StreamBroken(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private final FileChannel dst;
  private final long partSize;
  private final CRC32C whole = new CRC32C();
  private final CRC32C part = new CRC32C();
  private final Crc32c.Composite composite = new Crc32c.Composite();
  private long partFill;
  private long pos;
  private byte[] buf;

  DownloadSink(FileChannel dst, long start, long partSize) {
    this.dst = dst;
    this.pos = start;
    this.partSize = partSize;
  }

  void copy(InputStream in, long end, TransferControl control) throws IOException {
    if (buf == null) {
      buf = new byte[Math.max(1 << 16, control.chunkSize())];
    }
    while (pos < end) {
      int want = (int) Math.min(buf.length, end - pos);
      control.beforeChunk(want);
      int got = 0;
      try {
        while (got < want) {
          int r = in.read(buf, got, want - got);
          if (r < 0) {
            break;
          }
          got += r;
        }
      } catch (IOException e) {
        if (got > 0) {
          write(got);
        }
        control.chunkDone(got);
        throw new StreamBroken(e);
      }
      if (got == 0) {
        control.chunkDone(0);
        throw new StreamBroken(new IOException("object stream ended at byte " + pos));
      }
      write(got);
      control.chunkDone(got);
    }
  }

  private void write(int n) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
    long p = pos;
    while (b.hasRemaining()) {
      p += dst.write(b, p);
    }
    whole.update(buf, 0, n);
    if (partSize > 0) {
      int off = 0;
      while (off < n) {
        int k = (int) Math.min(n - off, partSize - partFill);
        part.update(buf, off, k);
        partFill += k;
        off += k;
        if (partFill == partSize) {
          composite.addPart((int) part.getValue());
          part.reset();
          partFill = 0;
        }
      }
    }
    pos += n;
  }

  long pos() {
    return pos;
  }

  int wholeCrc() {
    return (int) whole.getValue();
  }

  String composite() {
    if (partFill > 0) {
      composite.addPart((int) part.getValue());
      part.reset();
      partFill = 0;
    }
    return composite.value();
  }
}
