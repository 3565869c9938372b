package org.lhsm.copytool.posix;

import java.nio.ByteBuffer;
import org.lhsm.bindings.ActionCanceledException;
import org.lhsm.copytool.core.CopyBuffer;
import org.lhsm.copytool.core.CopyControl;

/** CopyControl for backend tests: counts bytes, optionally cancels after some chunks. */
final class RecordingControl implements CopyControl {
  private final int chunk;
  private final int cancelAfterChunks;
  private final CopyBuffer buffer;

  /** Runs after each chunk (tests that act on the archive while a copy is in flight). */
  Runnable afterChunk = () -> {};

  long startedTotal = -1;
  long bytes;
  int chunks;

  RecordingControl(int chunk) {
    this(chunk, -1);
  }

  RecordingControl(int chunk, int cancelAfterChunks) {
    this.chunk = chunk;
    this.cancelAfterChunks = cancelAfterChunks;
    this.buffer = new CopyBuffer(chunk);
  }

  @Override
  public int chunkSize() {
    return chunk;
  }

  @Override
  public ByteBuffer buffer(long n) {
    return buffer.get(n);
  }

  @Override
  public void started(long offset, long total) {
    startedTotal = total;
  }

  @Override
  public void beforeChunk(long n) throws ActionCanceledException {
    checkCanceled();
  }

  @Override
  public void chunkDone(long n) throws ActionCanceledException {
    bytes += n;
    chunks++;
    afterChunk.run();
    checkCanceled();
  }

  @Override
  public void checkCanceled() throws ActionCanceledException {
    if (cancelAfterChunks >= 0 && chunks >= cancelAfterChunks) {
      throw new ActionCanceledException("test cancel", null);
    }
  }
}
