package org.lhsm.copytool.fakes;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.CopytoolShutdownException;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.BeginOptions;

/** Lustre-free action source: tests push batches; begins/ends are recorded per cookie. */
public final class FakeActionSource implements ActionSource {
  private static final Object WAKE = new Object();
  private static final Object SHUTDOWN = new Object();

  private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final ConcurrentHashMap<Long, FakeActionHandle> handles = new ConcurrentHashMap<>();
  private final List<Long> endOrder = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean inReceive = new AtomicBoolean();
  private final AtomicInteger delivered = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean stoppedReceiving = new AtomicBoolean();
  private volatile int endsBeforeStopReceiving = -1;
  public volatile java.nio.file.Path dataFile;
  public volatile boolean restoreHandlesWrite = true;
  private final ConcurrentHashMap<Long, Integer> cancelAfterProgress = new ConcurrentHashMap<>();

  /** The handle for {@code cookie} will fail its progress reports after {@code n} of them. */
  private final ConcurrentHashMap<Long, IOException> endFailures = new ConcurrentHashMap<>();

  /** The end of {@code cookie} fails with {@code e} (after the handle recorded it). */
  public void failEnd(long cookie, IOException e) {
    endFailures.put(cookie, e);
  }

  public void cancelAfterProgress(long cookie, int n) {
    cancelAfterProgress.put(cookie, n);
  }

  public void push(HsmActionList batch) {
    inbox.add(batch);
  }

  public void pushKernelShutdown() {
    inbox.add(SHUTDOWN);
  }

  /** Batches pushed but not yet received. */
  public int undelivered() {
    int n = 0;
    for (Object o : inbox) {
      if (o instanceof HsmActionList) {
        n++;
      }
    }
    return n;
  }

  public int delivered() {
    return delivered.get();
  }

  public boolean inReceive() {
    return inReceive.get();
  }

  public boolean hasStoppedReceiving() {
    return stoppedReceiving.get();
  }

  /** How many ends had been reported when {@link #stopReceiving()} was first called, or -1. */
  public int endsBeforeStopReceiving() {
    return endsBeforeStopReceiving;
  }

  public boolean isClosed() {
    return closed.get();
  }

  public FakeActionHandle handle(long cookie) {
    return handles.get(cookie);
  }

  /** Cookies in the order their end was reported. */
  public List<Long> endOrder() {
    synchronized (endOrder) {
      return List.copyOf(endOrder);
    }
  }

  @Override
  public Optional<HsmActionList> receive(Duration timeout) throws IOException {
    if (stoppedReceiving.get()) {
      return Optional.empty();
    }
    inReceive.set(true);
    try {
      Object o = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (o == SHUTDOWN) {
        throw new CopytoolShutdownException("kernel shutdown", null);
      }
      if (o instanceof HsmActionList b) {
        delivered.incrementAndGet();
        return Optional.of(b);
      }
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      inReceive.set(false);
    }
  }

  @Override
  public void stopReceiving() {
    if (closed.get()) {
      throw new IllegalStateException("stopReceiving after close");
    }
    if (stoppedReceiving.compareAndSet(false, true)) {
      endsBeforeStopReceiving = endOrder().size();
    }
    inbox.add(WAKE);
  }

  @Override
  public void wakeup() {
    inbox.add(WAKE);
  }

  private FakeActionHandle newHandle(HsmActionItem item) {
    boolean write = item.action() == CopytoolAction.RESTORE && restoreHandlesWrite;
    FakeActionHandle h = new FakeActionHandle(item, dataFile, write);
    Integer cancelAfter = cancelAfterProgress.get(item.cookie());
    if (cancelAfter != null) {
      h.cancelAfterProgress(cancelAfter);
    }
    FakeActionHandle prev = handles.putIfAbsent(item.cookie(), h);
    if (prev != null) {
      throw new IllegalStateException("begun twice: " + item);
    }
    return h;
  }

  @Override
  public ActionHandle begin(HsmActionItem item, BeginOptions options) {
    return recording(newHandle(item));
  }

  @Override
  public ActionHandle beginError(HsmActionItem item) {
    return recording(newHandle(item));
  }

  private ActionHandle recording(FakeActionHandle h) {
    return new ForwardingHandle(h) {
      @Override
      public void end(long offset, long length, boolean retry, int errno) throws IOException {
        h.end(offset, length, retry, errno);
        endOrder.add(h.item().cookie());
        IOException failure = endFailures.get(h.item().cookie());
        if (failure != null) {
          throw failure;
        }
      }
    };
  }

  @Override
  public String mountDescription() {
    return "/mnt/fake";
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
