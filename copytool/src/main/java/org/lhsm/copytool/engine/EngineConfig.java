package org.lhsm.copytool.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * Engine tunables.
 *
 * @param maxJobs worker threads (concurrent actions)
 * @param queueCapacity items queued before the receive thread stops receiving
 * @param updateInterval progress period ({@link Duration#ZERO}: after every chunk)
 * @param chunkSize bytes per read/write
 * @param bandwidth bytes per second for all copies together, 0 = unlimited
 * @param dryRun log only; ARCHIVE/REMOVE report success, RESTORE is failed with retry
 * @param abortOnError stop at the first major error
 * @param shutdownGrace how long in-flight actions may finish on shutdown
 * @param pollInterval longest receive wait (shutdown also wakes the receive)
 * @param expectedFsname lists for another file system are skipped
 */
public record EngineConfig(
    int maxJobs,
    int queueCapacity,
    Duration updateInterval,
    int chunkSize,
    long bandwidth,
    boolean dryRun,
    boolean abortOnError,
    Duration shutdownGrace,
    Duration pollInterval,
    Optional<String> expectedFsname) {

  /** {@code --max-jobs}. */
  public static final int DEFAULT_MAX_JOBS = 32;

  /** {@code --queue-size}. */
  public static final int DEFAULT_QUEUE_CAPACITY = 1024;

  /** {@code -u}, in seconds. */
  public static final int DEFAULT_UPDATE_INTERVAL_SECONDS = 30;

  /** {@code -c}, in bytes. */
  public static final int DEFAULT_CHUNK_SIZE = 1 << 20;

  /** {@code --shutdown-grace}, in seconds. */
  public static final int DEFAULT_SHUTDOWN_GRACE_SECONDS = 30;

  public EngineConfig {
    if (maxJobs < 1) {
      throw new IllegalArgumentException("max jobs must be at least 1: " + maxJobs);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queue capacity must be at least 1: " + queueCapacity);
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1: " + chunkSize);
    }
    if (bandwidth < 0) {
      throw new IllegalArgumentException("bandwidth must not be negative: " + bandwidth);
    }
    if (updateInterval.isNegative()) {
      throw new IllegalArgumentException("update interval must not be negative");
    }
  }

  /** jhsmtool's defaults (the command line reads the same constants). */
  public static EngineConfig defaults() {
    return new EngineConfig(
        DEFAULT_MAX_JOBS,
        DEFAULT_QUEUE_CAPACITY,
        Duration.ofSeconds(DEFAULT_UPDATE_INTERVAL_SECONDS),
        DEFAULT_CHUNK_SIZE,
        0,
        false,
        false,
        Duration.ofSeconds(DEFAULT_SHUTDOWN_GRACE_SECONDS),
        Duration.ofSeconds(1),
        Optional.empty());
  }

  public EngineConfig withMaxJobs(int v) {
    return new EngineConfig(
        v,
        queueCapacity,
        updateInterval,
        chunkSize,
        bandwidth,
        dryRun,
        abortOnError,
        shutdownGrace,
        pollInterval,
        expectedFsname);
  }

  public EngineConfig withQueueCapacity(int v) {
    return new EngineConfig(
        maxJobs,
        v,
        updateInterval,
        chunkSize,
        bandwidth,
        dryRun,
        abortOnError,
        shutdownGrace,
        pollInterval,
        expectedFsname);
  }

  public EngineConfig withUpdateInterval(Duration v) {
    return new EngineConfig(
        maxJobs,
        queueCapacity,
        v,
        chunkSize,
        bandwidth,
        dryRun,
        abortOnError,
        shutdownGrace,
        pollInterval,
        expectedFsname);
  }

  public EngineConfig withChunkSize(int v) {
    return new EngineConfig(
        maxJobs,
        queueCapacity,
        updateInterval,
        v,
        bandwidth,
        dryRun,
        abortOnError,
        shutdownGrace,
        pollInterval,
        expectedFsname);
  }

  public EngineConfig withBandwidth(long v) {
    return new EngineConfig(
        maxJobs,
        queueCapacity,
        updateInterval,
        chunkSize,
        v,
        dryRun,
        abortOnError,
        shutdownGrace,
        pollInterval,
        expectedFsname);
  }

  public EngineConfig withDryRun(boolean v) {
    return new EngineConfig(
        maxJobs,
        queueCapacity,
        updateInterval,
        chunkSize,
        bandwidth,
        v,
        abortOnError,
        shutdownGrace,
        pollInterval,
        expectedFsname);
  }

  public EngineConfig withAbortOnError(boolean v) {
    return new EngineConfig(
        maxJobs,
        queueCapacity,
        updateInterval,
        chunkSize,
        bandwidth,
        dryRun,
        v,
        shutdownGrace,
        pollInterval,
        expectedFsname);
  }

  public EngineConfig withShutdownGrace(Duration v) {
    return new EngineConfig(
        maxJobs,
        queueCapacity,
        updateInterval,
        chunkSize,
        bandwidth,
        dryRun,
        abortOnError,
        v,
        pollInterval,
        expectedFsname);
  }

  public EngineConfig withPollInterval(Duration v) {
    return new EngineConfig(
        maxJobs,
        queueCapacity,
        updateInterval,
        chunkSize,
        bandwidth,
        dryRun,
        abortOnError,
        shutdownGrace,
        v,
        expectedFsname);
  }

  public EngineConfig withExpectedFsname(String v) {
    return new EngineConfig(
        maxJobs,
        queueCapacity,
        updateInterval,
        chunkSize,
        bandwidth,
        dryRun,
        abortOnError,
        shutdownGrace,
        pollInterval,
        Optional.of(v));
  }
}
