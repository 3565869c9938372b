package org.lhsm.copytool.lustre;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.BeginOptions;
import org.lhsm.copytool.fakes.ForwardingHandle;

/**
 * Passes everything to the real source and notes, with {@link System#nanoTime()}, each progress
 * report the copies make: the bytes the coordinator is told about, and when.
 */
final class ProgressRecordingSource implements ActionSource {
  /** One progress report of {@code bytes} (> 0) at {@code nanos}. */
  record Report(long nanos, long bytes) {}

  /** Rate over the reports after the first one, which only opens the window. */
  record Window(long bytes, long nanos) {
    double bytesPerSecond() {
      return bytes * 1e9 / nanos;
    }
  }

  private final ActionSource real;
  private final ConcurrentLinkedQueue<Report> reports = new ConcurrentLinkedQueue<>();

  ProgressRecordingSource(ActionSource real) {
    this.real = real;
  }

  Window window() {
    List<Report> sorted = new ArrayList<>(reports);
    sorted.sort(Comparator.comparingLong(Report::nanos));
    if (sorted.size() < 2) {
      throw new IllegalStateException("fewer than two progress reports: " + sorted);
    }
    long bytes = 0;
    for (Report r : sorted.subList(1, sorted.size())) {
      bytes += r.bytes();
    }
    return new Window(bytes, sorted.get(sorted.size() - 1).nanos() - sorted.get(0).nanos());
  }

  @Override
  public Optional<HsmActionList> receive(Duration timeout) throws IOException {
    return real.receive(timeout);
  }

  @Override
  public void wakeup() {
    real.wakeup();
  }

  @Override
  public void stopReceiving() throws IOException {
    real.stopReceiving();
  }

  @Override
  public ActionHandle begin(HsmActionItem item, BeginOptions options) throws IOException {
    return new ForwardingHandle(real.begin(item, options)) {
      @Override
      public void progress(long offset, long length, long total) throws IOException {
        if (length > 0) {
          reports.add(new Report(System.nanoTime(), length));
        }
        super.progress(offset, length, total);
      }
    };
  }

  @Override
  public ActionHandle beginError(HsmActionItem item) throws IOException {
    return real.beginError(item);
  }

  @Override
  public String mountDescription() {
    return real.mountDescription();
  }

  @Override
  public void close() throws IOException {
    real.close();
  }
}
