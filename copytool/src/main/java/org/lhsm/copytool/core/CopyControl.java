package org.lhsm.copytool.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.lhsm.bindings.ActionCanceledException;

/**
 * What a data mover calls while copying: chunk size, cancellation checks, bandwidth throttling and
 * progress reporting. Implemented by the engine per running action; used by one thread.
 */
public interface CopyControl {

  /** Bytes per read/write. */
  int chunkSize();

  /**
   * A cleared direct buffer for this copy's chunks, of at least {@code min(bytes, chunkSize())}
   * bytes (a 4 KiB file gets a small one, never a whole chunk): a {@link CopyBuffer} the control
   * keeps, never a new allocation per copy. The engine lends each worker's own, reused by that
   * worker's next copies: use it only until the copy returns, never keep it.
   */
  ByteBuffer buffer(long bytes);

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
