package org.lhsm.copytool.s3;

import java.io.IOException;

/**
 * What a transfer calls while it moves data on the worker thread: chunk size, the initial report,
 * bandwidth and progress per chunk, cancellation. Any exception thrown here ends the transfer
 * unchanged (it is never retried). The engine's copy control is adapted to it by the backend.
 */
public interface TransferControl {

  /** Bytes read from or written to the Lustre side at a time. */
  int chunkSize();

  /** Before the first byte moves. */
  void started(long offset, long total) throws IOException;

  /** Before each chunk (bandwidth limit, cancel check). */
  void beforeChunk(long bytes) throws IOException;

  /** After each chunk (progress, cancel check). */
  void chunkDone(long bytes) throws IOException;

  /** Throws if the action was canceled. */
  void checkCanceled() throws IOException;

  /** No limit, no reports: for tests, import and tools. */
  static TransferControl unlimited(int chunkSize) {
    return new TransferControl() {
      @Override
      public int chunkSize() {
        return chunkSize;
      }

      @Override
      public void started(long offset, long total) {}

      @Override
      public void beforeChunk(long bytes) {}

      @Override
      public void chunkDone(long bytes) {}

      @Override
      public void checkCanceled() {}
    };
  }
}
