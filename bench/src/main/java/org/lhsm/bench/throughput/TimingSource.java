package org.lhsm.bench.throughput;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.BeginOptions;
import org.lhsm.copytool.core.SourceAttributes;

/**
 * Passes everything to the registered copytool, and times each action from the call to {@link
 * #begin} (the library opens the file or creates the volatile) to the return of its handle's {@code
 * end} (the final report; for a restore the library's fsync and the swap): the copytool's whole
 * share of one action, without the coordinator's dispatch delay. Thread-safe as the delegate.
 */
final class TimingSource implements ActionSource {
  /** One action's begin and end instants ({@link System#nanoTime()}). */
  record Span(long beginNanos, long endNanos) {
    long nanos() {
      return endNanos - beginNanos;
    }
  }

  private final ActionSource delegate;
  private final Map<Long, Span> spans = new ConcurrentHashMap<>();

  TimingSource(ActionSource delegate) {
    this.delegate = delegate;
  }

  /** The span of the action with {@code cookie}, once its end has returned. */
  Optional<Span> span(long cookie) {
    return Optional.ofNullable(spans.get(cookie));
  }

  @Override
  public Optional<HsmActionList> receive(Duration timeout) throws IOException {
    return delegate.receive(timeout);
  }

  @Override
  public void wakeup() {
    delegate.wakeup();
  }

  @Override
  public void stopReceiving() throws IOException {
    delegate.stopReceiving();
  }

  @Override
  public ActionHandle begin(HsmActionItem item, BeginOptions options) throws IOException {
    long t0 = System.nanoTime();
    return new Timed(delegate.begin(item, options), item.cookie(), t0);
  }

  @Override
  public ActionHandle beginError(HsmActionItem item) throws IOException {
    return delegate.beginError(item);
  }

  @Override
  public String mountDescription() {
    return delegate.mountDescription();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  private final class Timed implements ActionHandle {
    private final ActionHandle h;
    private final long cookie;
    private final long t0;

    Timed(ActionHandle h, long cookie, long t0) {
      this.h = h;
      this.cookie = cookie;
      this.t0 = t0;
    }

    @Override
    public Fid dataFid() throws IOException {
      return h.dataFid();
    }

    @Override
    public FileChannel openDataChannel() throws IOException {
      return h.openDataChannel();
    }

    @Override
    public void progress(long offset, long length, long total) throws IOException {
      h.progress(offset, length, total);
    }

    @Override
    public void end(long offset, long length, boolean retry, int errno) throws IOException {
      try {
        h.end(offset, length, retry, errno);
      } finally {
        spans.put(cookie, new Span(t0, System.nanoTime()));
      }
    }

    @Override
    public SourceAttributes sourceAttributes() throws IOException {
      return h.sourceAttributes();
    }

    @Override
    public Map<String, byte[]> sourceXattrs() throws IOException {
      return h.sourceXattrs();
    }

    @Override
    public Optional<byte[]> sourceLayout() throws IOException {
      return h.sourceLayout();
    }

    @Override
    public Optional<String> relativePath() {
      return h.relativePath();
    }

    @Override
    public String dataDescription() {
      return h.dataDescription();
    }
  }
}
