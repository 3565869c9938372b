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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.lhsm.bindings.ActionCanceledException;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.CopytoolShutdownException;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.ArchiveBackend;
import org.lhsm.copytool.core.ArchiveBackends;
import org.lhsm.copytool.core.BeginOptions;
import org.lhsm.copytool.core.CopyBuffer;
import org.lhsm.copytool.core.EndOutcome;
import org.lhsm.copytool.core.FaultPoints;
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
  private final ArchiveBackends backends;
  private final EngineConfig config;
  private final NanoClock clock;
  private final Sleeper sleeper;
  private final TokenBucket bucket;
  private final ActionQueue queue;
  private final Map<Long, Task> running = new ConcurrentHashMap<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicInteger abortErrno = new AtomicInteger();
  private final AtomicLong major = new AtomicLong();
  private final AtomicLong minor = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong bufferAllocations = new AtomicLong();
  private final AtomicLong bufferBytes = new AtomicLong();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final List<Thread> workers = new ArrayList<>();
  private volatile EngineListener listener = EngineListener.NONE;

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
    this.backends = backends;
    this.config = config;
    this.clock = clock;
    this.sleeper = sleeper;
    this.bucket =
        config.bandwidth() > 0
            ? new TokenBucket(config.bandwidth(), Math.max(config.chunkSize(), 1), clock)
            : null;
    this.queue = new ActionQueue(config.queueCapacity());
  }

  /** Sets the observer of completed actions; call before {@link #run()}. */
  public void setListener(EngineListener listener) {
    this.listener = listener;
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
    return completed.get();
  }

  /** Copy buffers allocated so far: bounded by workers × size classes, not by actions. */
  public long bufferAllocations() {
    return bufferAllocations.get();
  }

  /** Bytes of direct memory the workers' copy buffers hold now (at most workers × chunk size). */
  public long bufferBytes() {
    return bufferBytes.get();
  }

  public long majorErrors() {
    return major.get();
  }

  public long minorErrors() {
    return minor.get();
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
          major.incrementAndGet();
          LOG.warn("cannot receive action list: {}", e.getMessage());
          if (config.abortOnError()) {
            abortErrno.compareAndSet(0, err);
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
      if (abortErrno.get() != 0) {
        cause = StopCause.ABORT_ON_ERROR;
        errno = abortErrno.get();
      }
    } finally {
      stopping.set(true);
      drain();
      finished.countDown();
    }
    LOG.info(
        "process finished, errs: {} major, {} minor, rc={} ({})",
        major.get(),
        minor.get(),
        -errno,
        Errno.strerror(errno));
    return new Result(cause, errno, major.get(), minor.get());
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
      major.incrementAndGet();
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
      logItem(cancel);
      ActionQueue.CancelTarget target = queue.findForCancel(cancel.cookie(), running);
      if (target != null && target.wasQueued()) {
        LOG.info("cancel: dropping queued action cookie={}", cancel.cookieHex());
        target.task().cancel(CancelReason.CANCELED);
        finish(target.task(), null, false, Errno.ECANCELED.number());
        return;
      }
      if (target != null) {
        LOG.info("cancel: stopping running action cookie={}", cancel.cookieHex());
        target.task().cancel(CancelReason.CANCELED);
        return;
      }
      // already finished or never ours: the coordinator needs nothing from us
      LOG.info("cancel: no action with cookie={} here", cancel.cookieHex());
      minor.incrementAndGet();
    }
  }

  private void workerLoop() {
    CopyBuffer buffer = new CopyBuffer(config.chunkSize(), bufferAllocations, bufferBytes);
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
          process(task, buffer);
        } finally {
          running.remove(task.item().cookie(), task);
        }
      }
    } finally {
      buffer.release();
    }
  }

  private static void logItem(HsmActionItem item) {
    LOG.info(
        "{} action {} reclen {}, cookie={}",
        item.fid(),
        item.action().wireName(),
        item.encodedLength(),
        item.cookieHex());
  }

  private void process(Task task, CopyBuffer buffer) {
    HsmActionItem item = task.item();
    ArchiveBackend backend = backends.forArchive(task.archiveId());
    try (LogContext ignored = LogContext.enter(item, task.archiveId())) {
      logItem(item);
      ActionHandle handle = null;
      int errno = 0;
      boolean retry = false;
      task.bindToCurrentThread(buffer);
      try {
        task.checkCanceled();
        switch (item.action()) {
          case ARCHIVE -> {
            handle = source.begin(item, BeginOptions.NONE);
            task.attach(handle);
            logPath(handle);
            FaultPoints.reached("begin", item.action(), item.fid());
            if (config.dryRun()) {
              LOG.info("dry run: not archiving {}", item.fid());
            } else {
              backend.archive(item, handle, task);
            }
          }
          case RESTORE -> {
            if (config.dryRun()) {
              // the stock tool reports success here and the MDT swaps in an empty file: refuse
              LOG.info("dry run: not restoring {}, asking for a retry", item.fid());
              errno = Errno.EAGAIN.number();
              retry = true;
            } else {
              BeginOptions opts =
                  backend
                      .restoreLayout(item)
                      .map(BeginOptions::withLayout)
                      .orElse(BeginOptions.NONE);
              handle = source.begin(item, opts);
              task.attach(handle);
              logPath(handle);
              FaultPoints.reached("begin", item.action(), item.fid());
              backend.restore(item, handle, task);
            }
          }
          case REMOVE -> {
            handle = source.begin(item, BeginOptions.NONE);
            task.attach(handle);
            if (config.dryRun()) {
              LOG.info("dry run: not removing {}", item.fid());
            } else {
              backend.remove(item);
            }
          }
          default -> {
            LOG.error("unknown action {}, on '{}'", item.actionCode(), source.mountDescription());
            errno = Errno.EINVAL.number();
          }
        }
      } catch (ActionCanceledException e) {
        CancelReason reason = task.cancelReason();
        boolean shutdownStop = reason == CancelReason.SHUTDOWN;
        errno = shutdownStop ? Errno.ESHUTDOWN.number() : Errno.ECANCELED.number();
        retry = shutdownStop;
        LOG.info("action {} stopped: {}", item.cookieHex(), shutdownStop ? "shutdown" : "canceled");
      } catch (IOException | RuntimeException e) {
        CancelReason reason = task.cancelReason();
        if (reason != null) {
          // an interrupt closes channels: the real cause is the cancel
          errno =
              reason == CancelReason.SHUTDOWN ? Errno.ESHUTDOWN.number() : Errno.ECANCELED.number();
          retry = reason == CancelReason.SHUTDOWN;
        } else {
          errno = Errno.numberOf(e, Errno.EIO);
          if (errno == 0) {
            errno = Errno.EIO.number();
          }
          retry = ErrorPolicy.isTransient(errno);
          major.incrementAndGet();
          LOG.error(
              "{} of {} failed: {}",
              item.action().wireName().toLowerCase(java.util.Locale.ROOT),
              item.fid(),
              e.getMessage());
          LOG.debug("failure detail", e);
          if (config.abortOnError() && abortErrno.compareAndSet(0, errno)) {
            shutdown();
          }
        }
      } finally {
        task.unbind();
      }
      finish(task, handle, retry, errno);
    }
  }

  private void logPath(ActionHandle handle) {
    handle.relativePath().ifPresent(p -> LOG.info("processing file '{}'", p));
  }

  /** The common completion step: every item ends here exactly once. */
  private void finish(Task task, ActionHandle handle, boolean retry, int errno) {
    HsmActionItem item = task.item();
    LOG.info(
        "Action completed, notifying coordinator cookie={}, FID={}, hp_flags={} err={}",
        item.cookieHex(),
        item.fid(),
        retry ? 2 : 0,
        errno);
    ActionHandle h = handle;
    EndOutcome outcome = EndOutcome.UNKNOWN;
    FaultPoints.reached("end", item.action(), item.fid());
    try {
      if (h == null) {
        h = source.beginError(item);
      }
      h.end(item.extent().offset(), item.extent().length(), retry, errno);
      outcome = EndOutcome.ACCEPTED;
      LOG.info("action end on '{}' ok (rc=0)", h.dataDescription());
    } catch (ActionCanceledException e) {
      outcome = EndOutcome.REFUSED;
      LOG.info(
          "completed action on '{}' has been canceled: cookie={}",
          h == null ? item.fid() : h.dataDescription(),
          item.cookieHex());
    } catch (IOException | RuntimeException e) {
      minor.incrementAndGet();
      LOG.error("action end for {} failed: {}", item.fid(), e.getMessage());
    } finally {
      try {
        backends.forArchive(task.archiveId()).afterEnd(item, errno, outcome);
      } catch (RuntimeException e) {
        LOG.warn("after the end of {}: {}", item.fid(), e.toString());
      }
      completed.incrementAndGet();
      try {
        listener.actionEnded(item, errno, task.bytesCopied());
      } catch (RuntimeException e) {
        LOG.warn("action listener failed: {}", e.toString());
      }
    }
  }

  private void drain() {
    // The coordinator has to see us gone before queued work goes back for retry: a copytool that
    // is merely still registered would be sent that work again and never take it.
    try {
      source.stopReceiving();
    } catch (IOException | RuntimeException e) {
      minor.incrementAndGet();
      LOG.error("cannot close the coordinator channel: {}", e.getMessage());
    }
    List<Task> rest = queue.close();
    for (Task t : rest) {
      try (LogContext ignored = LogContext.enter(t.item(), t.archiveId())) {
        finish(t, null, true, Errno.ESHUTDOWN.number());
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
      minor.incrementAndGet();
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
