package org.lhsm.copytool.core;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's direct buffer, lent to each copy the worker runs through {@link CopyControl#buffer}
 * (the engine keeps one per worker thread; a control outside the engine keeps one of its own).
 * Sized to the copy, in powers of two from {@value #MIN_BYTES} bytes up to the chunk size, and
 * kept: it only grows (at most once per size class over the worker's life), so a worker holds one
 * buffer of at most a chunk, and small files never cost a chunk-sized allocation. Direct memory is
 * then bounded by workers × chunk size, whatever the number of actions, instead of one buffer per
 * copy left for the garbage collector. Used by its worker thread only.
 */
public final class CopyBuffer {
  /** The smallest buffer: a page. */
  static final int MIN_BYTES = 4096;

  private static final Logger LOG = LoggerFactory.getLogger(CopyBuffer.class);
  private static final AtomicBoolean LIMIT_LOGGED = new AtomicBoolean();

  private final AtomicLong allocations;
  private final AtomicLong heldBytes;
  private final IntFunction<ByteBuffer> allocator;
  private int maxBytes; // lowered to what could be had once the direct memory limit was hit
  private ByteBuffer buffer;

  /** A buffer of at most {@code maxBytes} (the chunk size), counted by nobody else. */
  public CopyBuffer(int maxBytes) {
    this(maxBytes, new AtomicLong(), new AtomicLong());
  }

  /**
   * @param maxBytes the chunk size
   * @param allocations counts every allocation (engine-wide)
   * @param heldBytes the capacity of every worker's current buffer (engine-wide)
   */
  public CopyBuffer(int maxBytes, AtomicLong allocations, AtomicLong heldBytes) {
    this(maxBytes, allocations, heldBytes, ByteBuffer::allocateDirect);
  }

  /** With {@code allocator} standing in for {@link ByteBuffer#allocateDirect} (tests). */
  CopyBuffer(
      int maxBytes,
      AtomicLong allocations,
      AtomicLong heldBytes,
      IntFunction<ByteBuffer> allocator) {
    this.maxBytes = maxBytes;
    this.allocations = allocations;
    this.heldBytes = heldBytes;
    this.allocator = allocator;
  }

  /**
   * The buffer, cleared, of at least {@code min(bytes, chunk size)} bytes; smaller only when the
   * JVM's direct memory limit ({@code -XX:MaxDirectMemorySize}) was reached: this worker's copies
   * then move smaller chunks (for good) rather than fail.
   */
  public ByteBuffer get(long bytes) {
    int want = sizeFor(bytes, maxBytes);
    if (buffer != null && buffer.capacity() >= want) {
      return buffer.clear();
    }
    int old = buffer == null ? 0 : buffer.capacity();
    boolean limited = false;
    for (int size = want; size > old; size = size > MIN_BYTES ? size / 2 : 0) {
      try {
        buffer = allocator.apply(size);
        allocations.incrementAndGet();
        heldBytes.addAndGet(size - old);
        break;
      } catch (OutOfMemoryError e) {
        limited = true;
        if (LIMIT_LOGGED.compareAndSet(false, true)) {
          LOG.warn(
              "direct memory limit reached: copies use buffers below the chunk size (raise"
                  + " -XX:MaxDirectMemorySize to workers x chunk size): {}",
              e.getMessage());
        }
      }
    }
    if (buffer == null) {
      throw new OutOfMemoryError("no direct memory left for a " + MIN_BYTES + "-byte buffer");
    }
    if (limited) {
      maxBytes = buffer.capacity(); // never again above: every failed attempt costs a full GC
    }
    return buffer.clear();
  }

  /** Gives the buffer up (the worker ends): it is left to the garbage collector. */
  public void release() {
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
