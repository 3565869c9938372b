package org.lhsm.bench.footprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Samples a process's {@code VmRSS}/{@code VmHWM} every {@code periodMillis} on a daemon thread,
 * from {@link #start} until {@link #close} or the process is gone. Sample times are milliseconds
 * since {@code originNanos} (the copytool's start).
 */
final class RssSampler implements AutoCloseable {
  /** One sample: time in ms since the origin, resident KiB, peak resident KiB, threads. */
  record Sample(long millis, long rssKiB, long hwmKiB, int threads) {}

  private final long pid;
  private final long originNanos;
  private final long periodMillis;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stop;

  RssSampler(long pid, long originNanos, long periodMillis) {
    this.pid = pid;
    this.originNanos = originNanos;
    this.periodMillis = periodMillis;
    this.thread = new Thread(this::loop, "rss-sampler-" + pid);
    this.thread.setDaemon(true);
  }

  RssSampler start() {
    thread.start();
    return this;
  }

  private void loop() {
    while (!stop) {
      if (sampleNow().isEmpty()) {
        return; // gone
      }
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Takes one sample now (also from another thread, e.g. at a phase boundary). */
  Optional<Sample> sampleNow() {
    synchronized (samples) { // read and added under the lock: the list stays in time order
      Optional<ProcStatus> s = ProcStatus.of(pid);
      if (s.isEmpty()) {
        return Optional.empty();
      }
      Sample sample =
          new Sample(
              (System.nanoTime() - originNanos) / 1_000_000,
              s.get().rssKiB(),
              s.get().hwmKiB(),
              s.get().threads());
      samples.add(sample);
      return Optional.of(sample);
    }
  }

  List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /**
   * At most {@code points} samples spread evenly over the run, always with the first, the last and
   * the one of the largest RSS.
   */
  static List<Sample> thin(List<Sample> all, int points) {
    if (all.size() <= points || points < 3) {
      return all;
    }
    Sample max = all.get(0);
    for (Sample s : all) {
      if (s.rssKiB() > max.rssKiB()) {
        max = s;
      }
    }
    List<Sample> out = new ArrayList<>();
    double step = (all.size() - 1) / (double) (points - 1);
    for (int i = 0; i < points; i++) {
      Sample s = all.get((int) Math.round(i * step));
      if (out.isEmpty() || out.get(out.size() - 1) != s) {
        out.add(s);
      }
    }
    if (!out.contains(max)) {
      int at = 0;
      while (at < out.size() && out.get(at).millis() < max.millis()) {
        at++;
      }
      out.add(at, max);
    }
    return out;
  }

  @Override
  public void close() {
    stop = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
