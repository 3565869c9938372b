package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes back a file while it is being copied into (the archive's {@code _tmp}, the RESTORE
 * volatile file): after every {@link #EVERY} bytes an fdatasync runs on another thread (one at a
 * time per file), so the disk works during the copy rather than all in the final fsync (which then
 * has little left: 1.3-1.5x cp for 1 GiB, see bench/), and the agent node's dirty page cache stays
 * bounded. Errors are left to the final fsync, which reports them. One copy thread calls {@link
 * #written}.
 */
final class BackgroundFlush implements AutoCloseable {
  static final long EVERY = 64L << 20;
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundFlush.class);
  private static final ExecutorService FLUSHERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "archive-flush");
            t.setDaemon(true);
            return t;
          });

  /** The flush itself: {@code fdatasync} of the file. */
  @FunctionalInterface
  interface Flush {
    void run() throws IOException;
  }

  private final Flush flush;
  private long unflushed;
  private Future<?> inFlight;

  BackgroundFlush(Flush flush) {
    this.flush = flush;
  }

  static BackgroundFlush of(FileChannel channel) {
    return new BackgroundFlush(() -> channel.force(false));
  }

  void written(long bytes) {
    unflushed += bytes;
    if (unflushed >= EVERY && (inFlight == null || inFlight.isDone())) {
      unflushed = 0;
      inFlight =
          FLUSHERS.submit(
              () -> {
                flush.run();
                return null;
              });
    }
  }

  /** Waits for a flush in progress (the channel must outlive it); interruptible. */
  @Override
  public void close() {
    if (inFlight == null) {
      return;
    }
    try {
      inFlight.get();
    } catch (ExecutionException e) {
      LOG.debug(
          "background flush failed (the final fsync reports it): {}", e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
