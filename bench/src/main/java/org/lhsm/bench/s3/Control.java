package org.lhsm.bench.s3;

import java.nio.ByteBuffer;
import org.lhsm.copytool.core.CopyBuffer;
import org.lhsm.copytool.core.CopyControl;

/** The engine's defaults without a limit or reports: 1 MiB chunks. */
final class Control implements CopyControl {
  private static final int CHUNK = 1 << 20;
  private final CopyBuffer buffer = new CopyBuffer(CHUNK);

  @Override
  public int chunkSize() {
    return CHUNK;
  }

  @Override
  public ByteBuffer buffer(long bytes) {
    return buffer.get(bytes);
  }

  @Override
  public void started(long offset, long total) {}

  @Override
  public void beforeChunk(long bytes) {}

  @Override
  public void chunkDone(long bytes) {}

  @Override
  public void checkCanceled() {}
}
