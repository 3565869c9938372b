package org.lhsm.copytool.s3;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A fixed number of equal direct buffers shared by every upload: the whole memory the S3 backend
 * uses for part data ({@code count × size}), however many uploads run. Buffers are allocated on
 * first use (an idle copytool does not hold them) and never freed. {@link #acquire()} blocks while
 * all are in use. Thread-safe.
 */
final class PartBufferPool {
  private final int size;
  private final int count;
  private final Deque<ByteBuffer> free = new ArrayDeque<>();
  private int allocated;

  PartBufferPool(int count, int size) {
    this.count = count;
    this.size = size;
  }

  int bufferSize() {
    return size;
  }

  int capacity() {
    return count;
  }

  /** A cleared buffer of {@link #bufferSize()} bytes; waits for one; interruptible. */
  synchronized ByteBuffer acquire() throws InterruptedIOException {
    while (free.isEmpty() && allocated == count) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted waiting for an S3 part buffer");
      }
    }
    ByteBuffer b = free.pollFirst();
    if (b == null) {
      b = ByteBuffer.allocateDirect(size);
      allocated++;
    }
    b.clear();
    return b;
  }

  synchronized void release(ByteBuffer b) {
    free.addFirst(b);
    notifyAll();
  }

  /** Buffers not in use right now (allocated or not). */
  synchronized int available() {
    return free.size() + (count - allocated);
  }
}
