package org.lhsm.bench.bandwidth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-stamped chunks of all copies together. For each chunk two instants are kept: when the data
 * mover reported it (its read and write are done: the bytes have moved) and when the bandwidth
 * limiter released it (before its I/O). Thread-safe.
 */
public final class ByteTimeline {
  /** One chunk: moved at {@code movedNanos}, released by the limiter at {@code releasedNanos}. */
  public record Chunk(long movedNanos, long releasedNanos, long bytes) {}

  private final List<Chunk> chunks = new ArrayList<>();
  private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);

  /** A copy is about to move its first byte. */
  public void copyStarted(long nanos) {
    firstStart.accumulateAndGet(nanos, Math::min);
  }

  public synchronized void chunk(long movedNanos, long releasedNanos, long bytes) {
    chunks.add(new Chunk(movedNanos, releasedNanos, bytes));
  }

  /** When the first copy started, or empty if none has. */
  public java.util.OptionalLong firstStart() {
    long v = firstStart.get();
    return v == Long.MAX_VALUE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(v);
  }

  /** The chunks so far, in the order they moved. */
  public synchronized List<Chunk> chunks() {
    List<Chunk> out = new ArrayList<>(chunks);
    out.sort(Comparator.comparingLong(Chunk::movedNanos));
    return out;
  }

  public synchronized long totalBytes() {
    return chunks.stream().mapToLong(Chunk::bytes).sum();
  }

  /**
   * Rates over {@code [start, start + seconds)} and over each whole second in it.
   *
   * @param byRelease true: count a chunk when the limiter released it; false: when it moved
   */
  public Windows windows(long start, int seconds, boolean byRelease) {
    long[] perSecond = new long[seconds];
    long end = start + seconds * 1_000_000_000L;
    long last = Long.MIN_VALUE;
    for (Chunk c : chunks()) {
      long t = byRelease ? c.releasedNanos() : c.movedNanos();
      last = Math.max(last, t);
      if (t >= start && t < end) {
        perSecond[(int) ((t - start) / 1_000_000_000L)] += c.bytes();
      }
    }
    long total = 0;
    for (long b : perSecond) {
      total += b;
    }
    return new Windows(seconds, total, perSecond, last >= end);
  }

  /**
   * Bytes in a window of {@code seconds} and in each of its seconds.
   *
   * @param covered copying went on until the window closed (otherwise the rate says nothing about
   *     the limit: the work ran out)
   */
  public record Windows(int seconds, long bytes, long[] perSecond, boolean covered) {
    public double bytesPerSec() {
      return (double) bytes / seconds;
    }

    public long minPerSecond() {
      long m = Long.MAX_VALUE;
      for (long b : perSecond) {
        m = Math.min(m, b);
      }
      return m;
    }

    public long maxPerSecond() {
      long m = Long.MIN_VALUE;
      for (long b : perSecond) {
        m = Math.max(m, b);
      }
      return m;
    }
  }
}
