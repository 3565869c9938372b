package org.lhsm.bench.throughput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.CopyBuffer;
import org.lhsm.copytool.core.CopyControl;

/**
 * The {@link CopyControl} the engine gives a running action (its {@code Task}), without a bandwidth
 * limit and without cancellation: the same chunk size, a zero-length progress report at the start,
 * then one report per update interval. Counts the bytes the data mover reports. Used by one thread.
 */
final class EngineLikeControl implements CopyControl {
  private final int chunkSize;
  private final long intervalNanos;
  private final ActionHandle handle;
  private final CopyBuffer buffer;
  private long total;
  private long reportOffset;
  private long pending;
  private long copied;
  private long lastReportNanos;
  private int chunks;

  EngineLikeControl(int chunkSize, Duration updateInterval, ActionHandle handle) {
    this.chunkSize = chunkSize;
    this.intervalNanos = updateInterval.toNanos();
    this.handle = handle;
    this.buffer = new CopyBuffer(chunkSize);
  }

  /** Bytes the data mover reported as copied. */
  long copied() {
    return copied;
  }

  int chunks() {
    return chunks;
  }

  @Override
  public int chunkSize() {
    return chunkSize;
  }

  @Override
  public ByteBuffer buffer(long bytes) {
    return buffer.get(bytes);
  }

  @Override
  public void started(long offset, long totalBytes) throws IOException {
    total = totalBytes;
    reportOffset = offset;
    pending = 0;
    copied = 0;
    lastReportNanos = System.nanoTime();
    handle.progress(offset, 0, totalBytes);
  }

  @Override
  public void beforeChunk(long bytes) {
    // no bandwidth limit in throughput runs, and never canceled
  }

  @Override
  public void chunkDone(long bytes) throws IOException {
    pending += bytes;
    copied += bytes;
    chunks++;
    long now = System.nanoTime();
    if (now - lastReportNanos >= intervalNanos) {
      handle.progress(reportOffset, pending, total);
      reportOffset += pending;
      pending = 0;
      lastReportNanos = now;
    }
  }

  @Override
  public void checkCanceled() {
    // never canceled
  }
}
