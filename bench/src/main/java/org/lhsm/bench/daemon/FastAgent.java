package org.lhsm.bench.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.lhsm.bindings.CopyAction;
import org.lhsm.bindings.CopytoolSession;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fastest agent there is: a copytool registered through the bindings whose receiving thread
 * hands every item to a pool of workers, each of which begins the action and ends it successfully
 * at once, copying nothing ({@code llapi_hsm_action_begin} then {@code llapi_hsm_action_end}: the
 * two calls the daemon answers per action). What remains is the daemon's work and the library's.
 */
final class FastAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FastAgent.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final CopytoolSession session;
  private final ExecutorService workers;
  private final Thread receiver;
  private final CountDownLatch remaining;
  private final AtomicLong ended = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong lists = new AtomicLong();
  private final AtomicLong lastEndNanos;
  private volatile boolean stopping;
  private volatile IOException receiveFailure;

  private FastAgent(
      CopytoolSession session, int workerCount, CountDownLatch remaining, AtomicLong lastEndNanos) {
    this.session = session;
    this.remaining = remaining;
    this.lastEndNanos = lastEndNanos;
    AtomicInteger n = new AtomicInteger();
    String mount = session.mount().getFileName().toString();
    this.workers =
        Executors.newFixedThreadPool(
            workerCount,
            r -> {
              Thread t = new Thread(r, "agent-" + mount + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.receiver = new Thread(this::receiveLoop, "agent-" + mount + "-receive");
    this.receiver.setDaemon(true);
  }

  /**
   * Registers on {@code mount} for {@code archiveId} and starts receiving; every ended action
   * (successful or not) counts {@code remaining} down and stamps {@code lastEndNanos}.
   */
  static FastAgent start(
      Path mount, int archiveId, int workerCount, CountDownLatch remaining, AtomicLong lastEndNanos)
      throws IOException {
    CopytoolSession s = CopytoolSession.register(mount, List.of(archiveId));
    FastAgent a = new FastAgent(s, workerCount, remaining, lastEndNanos);
    a.receiver.start();
    return a;
  }

  private void receiveLoop() {
    try {
      while (!stopping) {
        Optional<HsmActionList> list = session.receive(POLL);
        if (list.isEmpty()) {
          continue;
        }
        lists.incrementAndGet();
        for (HsmActionItem item : list.get().items()) {
          workers.execute(() -> act(item));
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!stopping) {
        receiveFailure = e instanceof IOException io ? io : new IOException(e);
        LOG.error("agent on {} stopped receiving: {}", session.mount(), e.toString());
      }
    }
  }

  private void act(HsmActionItem item) {
    try {
      CopyAction a = session.begin(item, -1, 0);
      a.complete();
      ended.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      failed.incrementAndGet();
      LOG.warn("{} of {} (cookie {}): {}", item.action(), item.fid(), item.cookie(), e.toString());
    } finally {
      lastEndNanos.accumulateAndGet(System.nanoTime(), Math::max);
      remaining.countDown();
    }
  }

  /** Actions ended successfully. */
  long ended() {
    return ended.get();
  }

  /** Actions whose begin or end failed. */
  long failed() {
    return failed.get();
  }

  /** Action lists received. */
  long lists() {
    return lists.get();
  }

  /** Why receiving stopped before {@link #close()}, if it did. */
  Optional<IOException> receiveFailure() {
    return Optional.ofNullable(receiveFailure);
  }

  /** Stops receiving, lets the workers finish, unregisters. */
  @Override
  public void close() throws IOException {
    stopping = true;
    session.wakeup();
    try {
      receiver.join(TimeUnit.SECONDS.toMillis(30));
      workers.shutdown();
      if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("agent workers on {} still busy at close", session.mount());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      session.close();
    }
  }
}
