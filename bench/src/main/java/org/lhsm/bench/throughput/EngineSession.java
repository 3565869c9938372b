package org.lhsm.bench.throughput;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.RequestFlag;
import org.lhsm.bindings.UserAction;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ArchiveBackend;
import org.lhsm.copytool.core.CopyControl;
import org.lhsm.copytool.engine.Engine;
import org.lhsm.copytool.engine.EngineConfig;
import org.lhsm.copytool.engine.EngineListener;
import org.lhsm.copytool.lustre.BindingsLustreAccess;
import org.lhsm.emulator.testkit.Await;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copytool as deployed, minus its command line: the {@link Engine} (one worker, no limit) on a
 * copytool registered through {@link BindingsLustreAccess} on an emulator mount, so that copies go
 * through liblustreapi and the bindings' data channel. One file is archived and restored over and
 * over, each time into the backend of the measurement at hand. Used by one thread.
 */
final class EngineSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineSession.class);
  private static final int ARCHIVE_ID = 1;
  private static final Duration STEP = Duration.ofSeconds(60);

  /** How one action ended: errno, bytes the engine counted, begin-to-end nanoseconds. */
  record Ended(int errno, long bytes, long nanos) {}

  private final Path file;
  private final Fid fid;
  private final Switching backend;
  private final TimingSource source;
  private final Engine engine;
  private final FutureTask<Engine.Result> run;
  private final Duration copyTimeout;
  private volatile CompletableFuture<Ended> pending = new CompletableFuture<>();

  private EngineSession(
      Path file, Fid fid, Switching backend, TimingSource source, Engine engine, Duration timeout) {
    this.file = file;
    this.fid = fid;
    this.backend = backend;
    this.source = source;
    this.engine = engine;
    this.copyTimeout = timeout;
    this.run = new FutureTask<>(engine::run);
  }

  /**
   * Registers a copytool on {@code agentMount} and starts the engine; {@code file} (on another
   * mount of the same file system) is the one to copy.
   */
  static EngineSession start(Path agentMount, Path file, int chunkSize, long size)
      throws IOException {
    BindingsLustreAccess access = new BindingsLustreAccess();
    String fsname = access.fsname(agentMount);
    Fid fid = HsmClient.path2fid(file);
    TimingSource source = new TimingSource(access.register(agentMount, List.of(ARCHIVE_ID)));
    Switching backend = new Switching();
    Engine engine =
        new Engine(
            source,
            backend,
            EngineConfig.defaults()
                .withMaxJobs(1)
                .withChunkSize(chunkSize)
                .withExpectedFsname(fsname));
    // generous: a copy at 10 MB/s plus a minute
    Duration timeout = STEP.plusSeconds(size / 10_000_000L);
    EngineSession s = new EngineSession(file, fid, backend, source, engine, timeout);
    engine.setListener(
        new EngineListener() {
          @Override
          public void actionEnded(HsmActionItem item, int errno, long bytesCopied) {
            long nanos = source.span(item.cookie()).map(TimingSource.Span::nanos).orElse(-1L);
            s.pending.complete(new Ended(errno, bytesCopied, nanos));
          }
        });
    Thread t = new Thread(s.run, "engine-receive");
    t.setDaemon(true);
    t.start();
    return s;
  }

  Fid fid() {
    return fid;
  }

  Path file() {
    return file;
  }

  /** Archives the file into {@code into}; an archived file is marked dirty first. */
  Ended archive(ArchiveBackend into) throws Exception {
    if (has(HsmState.ARCHIVED)) {
      HsmClient.setState(file, EnumSet.of(HsmState.DIRTY), Set.of(), 0);
    }
    backend.set(into);
    Ended e = perform(UserAction.ARCHIVE);
    Await.until(file + " archived", STEP, () -> has(HsmState.ARCHIVED) && !has(HsmState.DIRTY));
    return e;
  }

  /** Releases the file, then restores it from {@code from}. */
  Ended restore(ArchiveBackend from) throws Exception {
    request(UserAction.RELEASE);
    Await.until(file + " released", STEP, () -> has(HsmState.RELEASED));
    backend.set(from);
    Ended e = perform(UserAction.RESTORE);
    Await.until(file + " restored", STEP, () -> !has(HsmState.RELEASED));
    return e;
  }

  private Ended perform(UserAction a) throws IOException, InterruptedException {
    CompletableFuture<Ended> f = new CompletableFuture<>();
    pending = f;
    request(a);
    Ended e;
    try {
      e = f.get(copyTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException ex) {
      throw new IOException(
          a + " of " + file + " not ended within " + copyTimeout.toSeconds() + " s", ex);
    }
    if (e.errno() != 0 || e.nanos() < 0) {
      throw new IOException(a + " of " + file + " failed: errno " + e.errno());
    }
    return e;
  }

  private void request(UserAction a) throws IOException {
    HsmClient.request(
        file,
        new HsmUserRequest(a, ARCHIVE_ID, EnumSet.noneOf(RequestFlag.class), List.of(fid), null));
  }

  private boolean has(HsmState s) {
    try {
      return HsmClient.state(file).states().contains(s);
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the engine (which unregisters the copytool). */
  @Override
  public void close() {
    engine.shutdown();
    try {
      run.get(STEP.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("engine did not stop cleanly: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The backend of the measurement at hand. */
  private static final class Switching implements ArchiveBackend {
    private volatile ArchiveBackend current;

    void set(ArchiveBackend b) {
      current = b;
    }

    private ArchiveBackend current() {
      ArchiveBackend b = current;
      if (b == null) {
        throw new IllegalStateException("no backend chosen");
      }
      return b;
    }

    @Override
    public void archive(HsmActionItem item, ActionHandle handle, CopyControl control)
        throws IOException {
      current().archive(item, handle, control);
    }

    @Override
    public Optional<byte[]> restoreLayout(HsmActionItem item) {
      return current().restoreLayout(item);
    }

    @Override
    public void restore(HsmActionItem item, ActionHandle handle, CopyControl control)
        throws IOException {
      current().restore(item, handle, control);
    }

    @Override
    public void remove(HsmActionItem item) throws IOException {
      current().remove(item);
    }
  }
}
