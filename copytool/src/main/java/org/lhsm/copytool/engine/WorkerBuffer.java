package org.lhsm.copytool.engine;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker's direct buffer, lent to each copy the worker runs ({@link Task#buffer}). Sized to the
 * copy, in powers of two from {@value #MIN_BYTES} bytes up to the chunk size, and kept: it only
 * grows (at most once per size class over the worker's life), so a worker holds one buffer of at
 * most a chunk, and small files never cost a chunk-sized allocation. Direct memory is then bounded
 * by workers × chunk size, whatever the number of actions, instead of one buffer per copy left for
 * the garbage collector. Used by its worker thread only.
 */
final class WorkerBuffer {
  /** The smallest buffer: a page. */
  static final int MIN_BYTES = 4096;

  private final int maxBytes;
  private final AtomicLong allocations;
  private final AtomicLong heldBytes;
  private ByteBuffer buffer;

  /**
   * @param maxBytes the chunk size
   * @param allocations counts every allocation (engine-wide)
   * @param heldBytes the capacity of every worker's current buffer (engine-wide)
   */
  WorkerBuffer(int maxBytes, AtomicLong allocations, AtomicLong heldBytes) {
    this.maxBytes = maxBytes;
    this.allocations = allocations;
    this.heldBytes = heldBytes;
  }

  /** The buffer, cleared, of at least {@code min(bytes, chunk size)} bytes. */
  ByteBuffer get(long bytes) {
    int want = sizeFor(bytes, maxBytes);
    if (buffer == null || buffer.capacity() < want) {
      int old = buffer == null ? 0 : buffer.capacity();
      buffer = ByteBuffer.allocateDirect(want);
      allocations.incrementAndGet();
      heldBytes.addAndGet(want - old);
    }
    return buffer.clear();
  }

  /** Gives the buffer up (the worker ends): it is left to the garbage collector. */
  void release() {
    if (buffer != null) {
      heldBytes.addAndGet(-buffer.capacity());
      buffer = null;
    }
  }

  /**
   * {@code bytes} rounded up to a power of two, at least {@link #MIN_BYTES}, at most {@code max}.
   */
  static int sizeFor(long bytes, int max) {
    if (bytes >= max) {
      return max;
    }
    if (bytes <= MIN_BYTES) {
      return Math.min(MIN_BYTES, max);
    }
    long pow = Long.highestOneBit(bytes - 1) << 1;
    return (int) Math.min(pow, max);
  }
}
