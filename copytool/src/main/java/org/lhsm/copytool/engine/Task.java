package org.lhsm.copytool.engine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.lhsm.bindings.ActionCanceledException;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.CopyBuffer;
import org.lhsm.copytool.core.CopyControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted item from queueing to completion. Also the {@link CopyControl} its data mover uses.
 * Cancellation may come from any thread; everything else happens on the worker thread.
 */
final class Task implements CopyControl {
  private static final Logger LOG = LoggerFactory.getLogger(Task.class);

  private final HsmActionItem item;
  private final int archiveId;
  private final EngineConfig config;
  private final NanoClock clock;
  private final Sleeper sleeper;
  private final TokenBucket bucket; // nullable: unlimited

  private final Object lock = new Object();
  private Thread worker; // guarded by lock
  private CopyBuffer buffer; // the bound worker's
  private volatile CancelReason cancelReason;

  private ActionHandle handle;
  private long total;
  private long reportOffset;
  private long pending;
  private long lastReportNanos;
  private long lastBandwidthLogNanos;
  private long copied;
  private long reserved; // taken from the bucket by beforeChunk for the chunk in progress

  Task(
      HsmActionItem item,
      int archiveId,
      EngineConfig config,
      NanoClock clock,
      Sleeper sleeper,
      TokenBucket bucket) {
    this.item = item;
    this.archiveId = archiveId;
    this.config = config;
    this.clock = clock;
    this.sleeper = sleeper;
    this.bucket = bucket;
  }

  HsmActionItem item() {
    return item;
  }

  /** The archive id of the list the item came in. */
  int archiveId() {
    return archiveId;
  }

  void attach(ActionHandle h) {
    this.handle = h;
  }

  /**
   * Binds the task to the current thread so a cancel can interrupt it; its copies use that worker's
   * {@code buffer}.
   */
  void bindToCurrentThread(CopyBuffer buffer) {
    this.buffer = buffer;
    synchronized (lock) {
      worker = Thread.currentThread();
    }
    if (cancelReason != null) {
      // a cancel that arrived between dequeue and bind must still take effect
      Thread.currentThread().interrupt();
    }
  }

  /** Unbinds and clears any interrupt meant for this task. */
  void unbind() {
    buffer = null;
    synchronized (lock) {
      worker = null;
      Thread.interrupted();
    }
  }

  void cancel(CancelReason reason) {
    synchronized (lock) {
      if (cancelReason == null) {
        cancelReason = reason;
      }
      if (worker != null) {
        worker.interrupt();
      }
    }
  }

  CancelReason cancelReason() {
    return cancelReason;
  }

  long bytesCopied() {
    return copied;
  }

  @Override
  public int chunkSize() {
    return config.chunkSize();
  }

  /**
   * The bound worker's buffer. A task runs its copy only on a worker, bound to it; a task asked
   * outside one is a bug of the engine, not a reason to allocate.
   */
  @Override
  public ByteBuffer buffer(long bytes) {
    CopyBuffer b = buffer;
    if (b == null) {
      throw new IllegalStateException("task " + item + " copies outside a worker");
    }
    return b.get(bytes);
  }

  @Override
  public void started(long offset, long totalBytes) throws IOException {
    checkCanceled();
    this.total = totalBytes;
    this.reportOffset = offset;
    this.pending = 0;
    this.copied = 0;
    long now = clock.nanoTime();
    this.lastReportNanos = now;
    this.lastBandwidthLogNanos = now - config.updateInterval().toNanos();
    handle.progress(offset, 0, totalBytes);
  }

  @Override
  public void beforeChunk(long bytes) throws IOException {
    checkCanceled();
    if (bucket != null && bytes > 0) {
      reserved = bytes;
      throttle(bytes);
    }
  }

  /** Takes {@code bytes} from the shared limit and sleeps off any debt; interruptible (cancel). */
  private void throttle(long bytes) throws IOException {
    long wait = bucket.reserve(bytes);
    if (wait <= 0) {
      return;
    }
    long now = clock.nanoTime();
    if (now - lastBandwidthLogNanos >= config.updateInterval().toNanos()) {
      lastBandwidthLogNanos = now;
      LOG.info(
          "bandwith control: {}B/s excess={} sleep for {}s",
          bucket.ratePerSecond(),
          wait * bucket.ratePerSecond() / 1_000_000_000L,
          String.format(Locale.ROOT, "%d.%09d", wait / 1_000_000_000L, wait % 1_000_000_000L));
    }
    try {
      sleeper.sleepNanos(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      checkCanceled();
      throw new InterruptedIOException("interrupted while throttled");
    }
    checkCanceled();
  }

  @Override
  public void chunkDone(long bytes) throws IOException {
    checkCanceled();
    pending += bytes;
    copied += bytes;
    if (bucket != null) {
      if (reserved == 0) {
        throttle(bytes); // a mover that did not ask first pays after the fact
      } else if (reserved > bytes) {
        bucket.refund(reserved - bytes);
      }
      reserved = 0;
    }
    long now = clock.nanoTime();
    if (now - lastReportNanos >= config.updateInterval().toNanos()) {
      if (total > 0) {
        LOG.info("%{} ", copied * 100 / total);
      }
      handle.progress(reportOffset, pending, total);
      reportOffset += pending;
      pending = 0;
      lastReportNanos = now;
    }
    checkCanceled();
  }

  @Override
  public void checkCanceled() throws ActionCanceledException {
    CancelReason r = cancelReason;
    if (r != null) {
      // the engine ends the action by the reason (ECANCELED, or ESHUTDOWN with retry)
      throw new ActionCanceledException("action " + item.cookieHex() + " stopped", null);
    }
  }
}
