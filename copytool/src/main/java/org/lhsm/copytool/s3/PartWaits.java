package org.lhsm.copytool.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.lhsm.bindings.Errno;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** The waits of a multipart upload: for a free part slot, for a part's result, for idle slots. */
final class PartWaits {
  private PartWaits() {}

  static void acquire(Semaphore s) throws InterruptedIOException {
    try {
      s.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for a part upload slot");
    }
  }

  /** Throws the failure of the first part that failed so far, if any. */
  static void firstFailure(List<Future<CompletedPart>> futures) throws IOException {
    for (Future<CompletedPart> f : futures) {
      if (f.isDone()) {
        await(f);
      }
    }
  }

  static CompletedPart await(Future<CompletedPart> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for a part upload");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new S3StoreException(Errno.EIO, "part upload failed: " + c, c);
    }
  }

  /** Waits up to 60 s, not interruptibly, until {@code n} permits are free. */
  static boolean awaitSlots(Semaphore s, int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          long left = deadline - System.nanoTime();
          if (s.tryAcquire(n, Math.max(0, left), TimeUnit.NANOSECONDS)) {
            s.release(n);
            return true;
          }
          return false;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
