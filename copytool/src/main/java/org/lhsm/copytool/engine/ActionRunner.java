package org.lhsm.copytool.engine;

import java.io.IOException;
import java.util.Locale;
import org.lhsm.bindings.ActionCanceledException;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.HsmActionItem;
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
 * The workers' half of the {@link Engine}: runs one action item against the backend of its archive
 * id (begin, copy or remove, errors mapped to an errno and a retry flag) and ends it with the
 * coordinator exactly once, whatever happened. Log lines keep the stock copytool's wording, which
 * sites grep.
 */
@SuppressWarnings("try") // LogContext is used only for its scope
final class ActionRunner {
  // the engine's logger name: one name for a site's log configuration of the whole engine
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final ActionSource source;
  private final ArchiveBackends backends;
  private final EngineConfig config;
  private final EngineCounters counters;
  private final Runnable stopEngine;
  private volatile EngineListener listener = EngineListener.NONE;

  /** {@code stopEngine} is called once a major error happens under abort-on-error. */
  ActionRunner(
      ActionSource source,
      ArchiveBackends backends,
      EngineConfig config,
      EngineCounters counters,
      Runnable stopEngine) {
    this.source = source;
    this.backends = backends;
    this.config = config;
    this.counters = counters;
    this.stopEngine = stopEngine;
  }

  void setListener(EngineListener listener) {
    this.listener = listener;
  }

  static void logItem(HsmActionItem item) {
    LOG.info(
        "{} action {} reclen {}, cookie={}",
        item.fid(),
        item.action().wireName(),
        item.encodedLength(),
        item.cookieHex());
  }

  /** Runs one item on the calling worker with its buffer, then ends it (see {@link #finish}). */
  void run(Task task, CopyBuffer buffer) {
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
          counters.major.incrementAndGet();
          LOG.error(
              "{} of {} failed: {}",
              item.action().wireName().toLowerCase(Locale.ROOT),
              item.fid(),
              e.getMessage());
          LOG.debug("failure detail", e);
          if (config.abortOnError() && counters.abortErrno.compareAndSet(0, errno)) {
            stopEngine.run();
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
  void finish(Task task, ActionHandle handle, boolean retry, int errno) {
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
      counters.minor.incrementAndGet();
      LOG.error("action end for {} failed: {}", item.fid(), e.getMessage());
    } finally {
      try {
        backends.forArchive(task.archiveId()).afterEnd(item, errno, outcome);
      } catch (RuntimeException e) {
        LOG.warn("after the end of {}: {}", item.fid(), e.toString());
      }
      counters.completed.incrementAndGet();
      try {
        listener.actionEnded(item, errno, task.bytesCopied());
      } catch (RuntimeException e) {
        LOG.warn("action listener failed: {}", e.toString());
      }
    }
  }
}
