package org.lhsm.bindings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lhsm.bindings.internal.Errors;
import org.lhsm.bindings.internal.NativeAccess;
import org.lhsm.bindings.raw.LibLustreApi;

/**
 * The library's JSON event FIFO. The library keeps one process-global FIFO, so at most one
 * EventFifo is open at a time. close() is idempotent.
 */
public final class EventFifo implements AutoCloseable {
  private static final AtomicBoolean OPEN = new AtomicBoolean();

  private final LibLustreApi api;
  private final Path path;
  private boolean closed;

  private EventFifo(LibLustreApi api, Path path) {
    this.api = api;
    this.path = path;
  }

  /**
   * Creates (mode 0644) or reuses the FIFO at {@code fifo} and makes the library write events to
   * it.
   *
   * @throws IllegalStateException if an EventFifo is already open in this process
   */
  public static EventFifo register(Path fifo) throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    if (!OPEN.compareAndSet(false, true)) {
      throw new IllegalStateException("an event FIFO is already registered in this process");
    }
    try {
      Errors.checkPath(
          api.llapi_hsm_register_event_fifo(fifo.toString()),
          "llapi_hsm_register_event_fifo",
          fifo);
    } catch (IOException | RuntimeException e) {
      OPEN.set(false);
      throw e;
    }
    return new EventFifo(api, fifo);
  }

  public Path path() {
    return path;
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    OPEN.set(false);
    Errors.checkPath(
        api.llapi_hsm_unregister_event_fifo(path.toString()),
        "llapi_hsm_unregister_event_fifo",
        path);
  }
}
