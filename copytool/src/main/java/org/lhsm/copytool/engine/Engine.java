package org.lhsm.copytool.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.CopytoolShutdownException;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.ArchiveBackend;
import org.lhsm.copytool.core.ArchiveBackends;
import org.lhsm.copytool.core.CopyBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives action lists from an {@link ActionSource}, runs them on a bounded pool against an {@link
 * ArchiveBackend}, and reports every item exactly once. Life cycle: {@link #run()} (blocks the
 * calling thread, which becomes the receive thread) until {@link #shutdown()}, a kernel shutdown
 * or, with abort-on-error, the first major error; it then stops receiving (the coordinator sees the
 * copytool gone), fails what is queued (with retry), gives in-flight work the grace period, cancels
 * the rest (with retry) and closes the source (unregister).
 */
@SuppressWarnings("try") // LogContext is used only for its scope
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  /** Why {@link #run()} returned. */
  public enum StopCause {
    REQUESTED,
    KERNEL_SHUTDOWN,
    ABORT_ON_ERROR
  }

  /** Outcome of {@link #run()}. */
  public record Result(StopCause cause, int errno, long majorErrors, long minorErrors) {}

  private final ActionSource source;
  private final EngineConfig config;
  private final NanoClock clock;
  private final Sleeper sleeper;
  private final TokenBucket bucket;
  private final ActionQueue queue;
  private final Map<Long, Task> running = new ConcurrentHashMap<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final EngineCounters counters = new EngineCounters();
  private final ActionRunner runner;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final List<Thread> workers = new ArrayList<>();

  public Engine(ActionSource source, ArchiveBackend backend, EngineConfig config) {
    this(source, backend, config, NanoClock.SYSTEM, Sleeper.SYSTEM);
  }

  public Engine(
      ActionSource source,
      ArchiveBackend backend,
      EngineConfig config,
      NanoClock clock,
      Sleeper sleeper) {
    this(id -> backend, source, config, clock, sleeper);
  }

  /** An engine whose backend is chosen per archive id (the list's {@code hal_archive_id}). */
  public static Engine perArchive(
      ActionSource source, ArchiveBackends backends, EngineConfig config) {
    return new Engine(backends, source, config, NanoClock.SYSTEM, Sleeper.SYSTEM);
  }

  private Engine(
      ArchiveBackends backends,
      ActionSource source,
      EngineConfig config,
      NanoClock clock,
      Sleeper sleeper) {
    this.source = source;
    this.config = config;
    this.clock = clock;
    this.sleeper = sleeper;
    this.bucket =
        config.bandwidth() > 0
            ? new TokenBucket(config.bandwidth(), Math.max(config.chunkSize(), 1), clock)
            : null;
    this.queue = new ActionQueue(config.queueCapacity());
    this.runner = new ActionRunner(source, backends, config, counters, this::shutdown);
  }

  /** Sets the observer of completed actions; call before {@link #run()}. */
  public void setListener(EngineListener listener) {
    runner.setListener(listener);
  }

  /** Asks the engine to stop gracefully; thread-safe and idempotent. */
  public void shutdown() {
    if (stopping.compareAndSet(false, true)) {
      queue.wakeAll();
      source.wakeup();
    }
  }

  public boolean isStopping() {
    return stopping.get();
  }

  /** Waits until {@link #run()} has returned. */
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return finished.await(timeout, unit);
  }

  /** Items queued and not yet taken by a worker. */
  public int queuedCount() {
    return queue.size();
  }

  /** Items being processed by a worker. */
  public int runningCount() {
    return running.size();
  }

  /** Items ended (successfully or not) so far. */
  public long completedCount() {
    return counters.completed.get();
  }

  /** Copy buffers allocated so far: bounded by workers × size classes, not by actions. */
  public long bufferAllocations() {
    return counters.bufferAllocations.get();
  }

  /** Bytes of direct memory the workers' copy buffers hold now (at most workers × chunk size). */
  public long bufferBytes() {
    return counters.bufferBytes.get();
  }

  public long majorErrors() {
    return counters.major.get();
  }

  public long minorErrors() {
    return counters.minor.get();
  }

  /** Runs the receive loop on this thread until stopped; see the class comment. */
  public Result run() {
    for (int i = 0; i < config.maxJobs(); i++) {
      Thread t = new Thread(this::workerLoop, "ct-worker-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    StopCause cause = StopCause.REQUESTED;
    int errno = 0;
    boolean announceWait = true; // once per blocking wait, as the stock tool logs it
    try {
      while (!stopping.get()) {
        try {
          queue.awaitBelowCapacity();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        if (stopping.get()) {
          break;
        }
        Optional<HsmActionList> batch;
        try {
          if (announceWait) {
            LOG.info("waiting for message from kernel");
            announceWait = false;
          }
          batch = source.receive(config.pollInterval());
        } catch (CopytoolShutdownException e) {
          LOG.info("shutting down");
          cause = StopCause.KERNEL_SHUTDOWN;
          errno = Errno.ESHUTDOWN.number();
          break;
        } catch (IOException | RuntimeException e) {
          int err = Errno.numberOf(e, Errno.EIO);
          counters.major.incrementAndGet();
          LOG.warn("cannot receive action list: {}", e.getMessage());
          if (config.abortOnError()) {
            counters.abortErrno.compareAndSet(0, err);
            break;
          }
          pauseAfterReceiveError();
          continue;
        }
        if (batch.isPresent()) {
          dispatch(batch.get());
          announceWait = true;
        }
      }
      if (counters.abortErrno.get() != 0) {
        cause = StopCause.ABORT_ON_ERROR;
        errno = counters.abortErrno.get();
      }
    } finally {
      stopping.set(true);
      drain();
      finished.countDown();
    }
    LOG.info(
        "process finished, errs: {} major, {} minor, rc={} ({})",
        counters.major.get(),
        counters.minor.get(),
        -errno,
        Errno.strerror(errno));
    return new Result(cause, errno, counters.major.get(), counters.minor.get());
  }

  private void pauseAfterReceiveError() {
    try {
      sleeper.sleepNanos(TimeUnit.MILLISECONDS.toNanos(100));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutdown();
    }
  }

  private void dispatch(HsmActionList batch) {
    if (config.expectedFsname().isPresent()
        && !config.expectedFsname().get().equals(batch.fsname())) {
      LOG.error(
          "'{}' invalid fs name, expecting: {}", batch.fsname(), config.expectedFsname().get());
      counters.major.incrementAndGet();
      return;
    }
    LOG.info(
        "copytool fs={} archive#={} item_count={}",
        batch.fsname(),
        batch.archiveId(),
        batch.items().size());
    for (HsmActionItem item : batch.items()) {
      if (item.action() == CopytoolAction.CANCEL) {
        handleCancel(item, batch.archiveId());
      } else {
        queue.put(new Task(item, batch.archiveId(), config, clock, sleeper, bucket));
      }
    }
  }

  private void handleCancel(HsmActionItem cancel, int archiveId) {
    try (LogContext ignored = LogContext.enter(cancel, archiveId)) {
      ActionRunner.logItem(cancel);
      ActionQueue.CancelTarget target = queue.findForCancel(cancel.cookie(), running);
      if (target != null && target.wasQueued()) {
        LOG.info("cancel: dropping queued action cookie={}", cancel.cookieHex());
        target.task().cancel(CancelReason.CANCELED);
        runner.finish(target.task(), null, false, Errno.ECANCELED.number());
        return;
      }
      if (target != null) {
        LOG.info("cancel: stopping running action cookie={}", cancel.cookieHex());
        target.task().cancel(CancelReason.CANCELED);
        return;
      }
      // already finished or never ours: the coordinator needs nothing from us
      LOG.info("cancel: no action with cookie={} here", cancel.cookieHex());
      counters.minor.incrementAndGet();
    }
  }

  private void workerLoop() {
    CopyBuffer buffer =
        new CopyBuffer(config.chunkSize(), counters.bufferAllocations, counters.bufferBytes);
    try {
      while (true) {
        Task task;
        try {
          task = queue.take(running);
        } catch (InterruptedException e) {
          return;
        }
        if (task == null) {
          return;
        }
        try {
          runner.run(task, buffer);
        } finally {
          running.remove(task.item().cookie(), task);
        }
      }
    } finally {
      buffer.release();
    }
  }

  private void drain() {
    // The coordinator has to see us gone before queued work goes back for retry: a copytool that
    // is merely still registered would be sent that work again and never take it.
    try {
      source.stopReceiving();
    } catch (IOException | RuntimeException e) {
      counters.minor.incrementAndGet();
      LOG.error("cannot close the coordinator channel: {}", e.getMessage());
    }
    List<Task> rest = queue.close();
    for (Task t : rest) {
      try (LogContext ignored = LogContext.enter(t.item(), t.archiveId())) {
        runner.finish(t, null, true, Errno.ESHUTDOWN.number());
      }
    }
    long deadline = clock.nanoTime() + config.shutdownGrace().toNanos();
    joinWorkers(deadline);
    if (!running.isEmpty()) {
      LOG.warn("grace period over: stopping {} running actions", running.size());
      for (Task t : running.values()) {
        t.cancel(CancelReason.SHUTDOWN);
      }
      joinWorkers(Long.MAX_VALUE);
    }
    try {
      source.close();
    } catch (IOException | RuntimeException e) {
      counters.minor.incrementAndGet();
      LOG.error("cannot unregister the copytool: {}", e.getMessage());
    }
  }

  /** Joins workers until {@code deadlineNanos} (clock time) or until all are gone. */
  private void joinWorkers(long deadlineNanos) {
    for (Thread w : workers) {
      while (w.isAlive()) {
        long left = deadlineNanos == Long.MAX_VALUE ? 1000 : deadlineNanos - clock.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          w.join(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 1000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
