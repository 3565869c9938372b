package org.lhsm.copytool.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ArchiveBackend;
import org.lhsm.copytool.core.CopyControl;
import org.lhsm.copytool.core.EndOutcome;

/** Backend whose behaviour per cookie is scripted by the test. */
final class ScriptedBackend implements ArchiveBackend {
  /** What to do for one item. */
  interface Script {
    void run(HsmActionItem item, CopyControl control) throws IOException;
  }

  final List<Long> started = Collections.synchronizedList(new ArrayList<>());
  final Map<Long, Script> scripts = new ConcurrentHashMap<>();
  final Map<Long, CountDownLatch> startedLatch = new ConcurrentHashMap<>();

  CountDownLatch startedLatch(long cookie) {
    return startedLatch.computeIfAbsent(cookie, c -> new CountDownLatch(1));
  }

  /** Blocks the item until {@code release} opens. */
  static Script blockUntil(CountDownLatch release) {
    return (item, control) -> {
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new IOException("test never released " + item);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        control.checkCanceled();
        throw new IOException("interrupted");
      }
    };
  }

  /** Copies forever, one byte per chunk, until the control stops it. */
  static Script copyUntilStopped() {
    return (item, control) -> {
      control.started(0, Long.MAX_VALUE);
      while (true) {
        control.chunkDone(1);
      }
    };
  }

  private void run(HsmActionItem item, CopyControl control) throws IOException {
    started.add(item.cookie());
    startedLatch(item.cookie()).countDown();
    Script s = scripts.get(item.cookie());
    if (s != null) {
      s.run(item, control);
    }
  }

  List<Long> startedOrder() {
    synchronized (started) {
      return List.copyOf(started);
    }
  }

  @Override
  public void archive(HsmActionItem item, ActionHandle handle, CopyControl control)
      throws IOException {
    run(item, control);
  }

  @Override
  public Optional<byte[]> restoreLayout(HsmActionItem item) {
    return Optional.empty();
  }

  @Override
  public void restore(HsmActionItem item, ActionHandle handle, CopyControl control)
      throws IOException {
    run(item, control);
  }

  @Override
  public void remove(HsmActionItem item) throws IOException {
    run(item, null);
  }

  /** What {@link #afterEnd} was told, per cookie. */
  final Map<Long, String> afterEnd = new ConcurrentHashMap<>();

  @Override
  public void afterEnd(HsmActionItem item, int errno, EndOutcome outcome) {
    afterEnd.put(item.cookie(), "errno=" + errno + " " + outcome);
  }
}
