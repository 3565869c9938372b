package org.lhsm.copytool.s3;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** A transfer control that counts bytes and can run a hook or cancel at a given chunk. */
class TestControl implements TransferControl {
  /** Thrown by a canceled control. */
  static final class Canceled extends IOException {
    private static final long serialVersionUID = 1L;

    Canceled() {
      super("canceled by the test");
    }
  }

  final AtomicLong bytes = new AtomicLong();
  final AtomicLong chunks = new AtomicLong();
  private final int chunkSize;
  private volatile long cancelAtChunk = -1;
  private volatile long hookAtChunk = -1;
  private volatile IoRunnable hook;
  private volatile boolean canceled;

  /** A step that may fail. */
  interface IoRunnable {
    void run() throws Exception;
  }

  TestControl(int chunkSize) {
    this.chunkSize = chunkSize;
  }

  TestControl cancelAt(long chunk) {
    cancelAtChunk = chunk;
    return this;
  }

  TestControl at(long chunk, IoRunnable r) {
    hookAtChunk = chunk;
    hook = r;
    return this;
  }

  @Override
  public int chunkSize() {
    return chunkSize;
  }

  @Override
  public void started(long offset, long total) {}

  @Override
  public void beforeChunk(long n) throws IOException {
    long c = chunks.incrementAndGet();
    if (c == hookAtChunk) {
      try {
        hook.run();
      } catch (Exception e) {
        throw new IOException(e);
      }
    }
    if (c == cancelAtChunk) {
      canceled = true;
    }
    checkCanceled();
  }

  @Override
  public void chunkDone(long n) throws IOException {
    bytes.addAndGet(n);
    checkCanceled();
  }

  @Override
  public void checkCanceled() throws IOException {
    if (canceled) {
      throw new Canceled();
    }
  }
}
