package org.lhsm.copytool.s3;

import java.time.Duration;

/**
 * How long one S3 request may be retried: at most {@code maxAttempts} tries and {@code maxElapsed}
 * from the first, waiting between tries a random time up to {@code baseDelay × 2^(try-1)}, capped
 * at {@code maxDelay} ("full jitter").
 */
public record RetryBudget(
    int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxElapsed) {

  /** 8 tries within 2 minutes, waits up to 0.2, 0.4, ... 10 s. */
  public static final RetryBudget DEFAULT =
      new RetryBudget(8, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2));

  /** One try only. */
  public static final RetryBudget NONE =
      new RetryBudget(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public RetryBudget {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
  }

  /** The longest wait before try {@code attempt + 1} (attempt counts from 1). */
  long capNanos(int attempt) {
    long base = baseDelay.toNanos();
    int shift = Math.min(attempt - 1, 30);
    long d = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
    return Math.min(d, maxDelay.toNanos());
  }
}
