package org.lhsm.bench.s3;

import org.lhsm.copytool.core.CopyControl;

/** The engine's defaults without a limit or reports: 1 MiB chunks. */
final class Control implements CopyControl {
  @Override
  public int chunkSize() {
    return 1 << 20;
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
