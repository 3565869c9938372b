package org.lhsm.bench.bandwidth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.lhsm.bindings.ActionCanceledException;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ArchiveBackend;
import org.lhsm.copytool.core.CopyControl;

/**
 * Passes everything to the real backend, but wraps the engine's {@link CopyControl} so that each
 * chunk is recorded in a {@link ByteTimeline}: when the engine's {@code beforeChunk} returns (the
 * shared limiter released it) and when the data mover reports it done (moved). Thread-safe as the
 * delegate.
 */
final class CountingBackend implements ArchiveBackend {
  private final ArchiveBackend delegate;
  private final ByteTimeline timeline;

  CountingBackend(ArchiveBackend delegate, ByteTimeline timeline) {
    this.delegate = delegate;
    this.timeline = timeline;
  }

  @Override
  public void archive(HsmActionItem item, ActionHandle handle, CopyControl control)
      throws IOException {
    delegate.archive(item, handle, new Counting(control));
  }

  @Override
  public Optional<byte[]> restoreLayout(HsmActionItem item) {
    return delegate.restoreLayout(item);
  }

  @Override
  public void restore(HsmActionItem item, ActionHandle handle, CopyControl control)
      throws IOException {
    delegate.restore(item, handle, new Counting(control));
  }

  @Override
  public void remove(HsmActionItem item) throws IOException {
    delegate.remove(item);
  }

  private final class Counting implements CopyControl {
    private final CopyControl engine;
    private long releasedAt; // one Counting per action: used by its worker thread only

    Counting(CopyControl engine) {
      this.engine = engine;
    }

    @Override
    public int chunkSize() {
      return engine.chunkSize();
    }

    @Override
    public ByteBuffer buffer(long bytes) {
      return engine.buffer(bytes); // the worker's own, as without this wrapper
    }

    @Override
    public void started(long offset, long total) throws IOException {
      engine.started(offset, total);
      timeline.copyStarted(System.nanoTime());
    }

    @Override
    public void beforeChunk(long bytes) throws IOException {
      engine.beforeChunk(bytes);
      releasedAt = System.nanoTime();
    }

    @Override
    public void chunkDone(long bytes) throws IOException {
      long moved = System.nanoTime();
      try {
        engine.chunkDone(bytes);
      } finally {
        timeline.chunk(moved, releasedAt, bytes);
      }
    }

    @Override
    public void checkCanceled() throws ActionCanceledException {
      engine.checkCanceled();
    }
  }
}
