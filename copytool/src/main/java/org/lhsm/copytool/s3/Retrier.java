package org.lhsm.copytool.s3;

import java.io.InterruptedIOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lhsm.bindings.Errno;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one S3 request with retries inside a {@link RetryBudget}. Retried: throttling and server
 * errors, network failures and timeouts, and a body the server rejected as corrupt (the same bytes
 * are sent again from their buffer or file). When the budget is spent the last failure ends with
 * EAGAIN (throttling / server errors), ETIMEDOUT (network) or EIO (corrupt body); a permanent
 * failure ends at once with its own errno (see {@link S3Errors}). Thread-safe.
 */
final class Retrier {
  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  /** One request. */
  @FunctionalInterface
  interface Call<T> {
    T call() throws Exception;
  }

  /** Sleeps between tries; tests replace it. */
  @FunctionalInterface
  interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;

    Sleeper SYSTEM = nanos -> TimeUnit.NANOSECONDS.sleep(nanos);
  }

  /**
   * Carries a failure that is not the request's own (the local file, the copy control) through
   * {@link #run}: it is rethrown unchanged, never retried.
   */
  static final class Passthrough extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final java.io.IOException io;

    Passthrough(java.io.IOException io) {
      super(io);
      this.io = io;
    }
  }

  /** Runs a local step inside a request, so that its failure passes through {@link #run}. */
  static void local(LocalStep step) {
    try {
      step.run();
    } catch (java.io.IOException e) {
      throw new Passthrough(e);
    }
  }

  /** A local step that may fail. */
  @FunctionalInterface
  interface LocalStep {
    void run() throws java.io.IOException;
  }

  private final RetryBudget budget;
  private final Sleeper sleeper;
  private final AtomicLong retries = new AtomicLong();

  Retrier(RetryBudget budget, Sleeper sleeper) {
    this.budget = budget;
    this.sleeper = sleeper;
  }

  RetryBudget budget() {
    return budget;
  }

  /** Retries made so far (all requests). */
  long retries() {
    return retries.get();
  }

  <T> T run(String what, Call<T> call) throws java.io.IOException {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        return call.call();
      } catch (Passthrough p) {
        throw p.io;
      } catch (S3StoreException e) {
        throw e;
      } catch (Exception e) {
        S3Errors.Kind kind = S3Errors.kind(e);
        if (kind == S3Errors.Kind.INTERRUPTED || Thread.currentThread().isInterrupted()) {
          throw canceled(what, e);
        }
        if (kind == S3Errors.Kind.PERMANENT) {
          throw new S3StoreException(
              S3Errors.errno(e), what + " failed: " + S3Errors.describe(e), e);
        }
        long elapsed = System.nanoTime() - start;
        long cap = budget.capNanos(attempt);
        long wait = cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
        if (attempt >= budget.maxAttempts() || elapsed + wait > budget.maxElapsed().toNanos()) {
          throw new S3StoreException(
              S3Errors.errno(e),
              String.format(
                  java.util.Locale.ROOT,
                  "%s failed after %d tries in %.1f s: %s",
                  what,
                  attempt,
                  elapsed / 1e9,
                  S3Errors.describe(e)),
              e);
        }
        retries.incrementAndGet();
        LOG.warn(
            "{} failed (try {}/{}): {}; retrying in {} ms",
            what,
            attempt,
            budget.maxAttempts(),
            S3Errors.describe(e),
            TimeUnit.NANOSECONDS.toMillis(wait));
        try {
          sleeper.sleepNanos(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw canceled(what, ie);
        }
      }
    }
  }

  private static S3StoreException canceled(String what, Throwable cause) {
    InterruptedIOException marker = new InterruptedIOException(what + " interrupted");
    marker.initCause(cause);
    return new S3StoreException(Errno.ECANCELED, what + " interrupted", marker);
  }
}
