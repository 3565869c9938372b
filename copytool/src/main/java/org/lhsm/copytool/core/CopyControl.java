package org.lhsm.copytool.core;

import java.io.IOException;
import org.lhsm.bindings.ActionCanceledException;

/**
 * What a data mover calls while copying: chunk size, cancellation checks, bandwidth throttling and
 * progress reporting. Implemented by the engine per running action; used by one thread.
 */
public interface CopyControl {

  /** Bytes per read/write. */
  int chunkSize();

  /** Initial report (extent {offset, 0}) before the first byte moves. */
  void started(long offset, long total) throws IOException;

  /**
   * Before each chunk: waits until the bandwidth limit lets up to {@code bytes} more move (so no
   * worker moves a chunk ahead of the limit), and throws {@link ActionCanceledException} if
   * canceled.
   */
  void beforeChunk(long bytes) throws IOException;

  /**
   * After each chunk: counts the {@code bytes} that moved (returning to the limit what {@link
   * #beforeChunk} took beyond them), reports progress when the update interval elapsed, and throws
   * {@link ActionCanceledException} if canceled.
   */
  void chunkDone(long bytes) throws IOException;

  /** Throws {@link ActionCanceledException} if the action was canceled. */
  void checkCanceled() throws ActionCanceledException;
}
