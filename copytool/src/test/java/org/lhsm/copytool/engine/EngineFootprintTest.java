package org.lhsm.copytool.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.ArchiveBackend;
import org.lhsm.copytool.core.BeginOptions;
import org.lhsm.copytool.core.CopyControl;
import org.lhsm.copytool.core.SourceAttributes;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.posix.ArchivePaths;
import org.lhsm.copytool.posix.ChecksumAlgorithm;
import org.lhsm.copytool.posix.PosixArchiveBackend;
import org.lhsm.copytool.posix.PosixOptions;
import org.lhsm.emulator.testkit.Await;

/**
 * What the engine keeps does not grow with the number of actions: many actions of mixed sizes go
 * through it, and afterwards the copy buffers allocated are bounded by workers × size classes (not
 * actions), the direct memory they hold by workers × chunk size, nothing is left running or queued,
 * and no thread was started per action.
 */
class EngineFootprintTest {
  private static final int WORKERS = 4;
  private static final int CHUNK = 1 << 20;

  /** 4 KiB … 1 MiB in powers of two. */
  private static final int SIZE_CLASSES = 9;

  @TempDir Path dir;

  @Test
  void twentyThousandActionsLeaveNothingBehindAndReuseEachWorkersBuffer() throws Exception {
    long[] sizes = {0, 1, 4096, 4097, 65_537, CHUNK + 13L, 10L * CHUNK};
    int actions = 20_000;
    AtomicLong buffers = new AtomicLong();
    AtomicLong tooSmall = new AtomicLong();
    ArchiveBackend backend =
        new SimulatedCopy(
            sizes,
            (bigEnough, size) -> {
              buffers.incrementAndGet();
              if (!bigEnough) {
                tooSmall.incrementAndGet();
              }
            });
    Run run = run(backend, actions, 100, sizes.length, i -> null);

    assertThat(run.source.ended.get()).isEqualTo(actions);
    assertThat(run.source.failed.get()).isZero();
    assertThat(buffers.get()).as("copies that asked for a buffer").isEqualTo(actions);
    assertThat(tooSmall.get()).as("buffers smaller than the file and the chunk").isZero();
    assertRetainsNothing(run);
  }

  @Test
  void thePosixBackendCopiesThroughTheWorkersBufferAndAllocatesNothingPerAction() throws Exception {
    long[] sizes = {0, 1, 4096, 4097, 65_537, CHUNK + 13L};
    List<Path> files = new ArrayList<>();
    for (long s : sizes) {
      Path f = dir.resolve("src-" + s);
      try (FileChannel c =
          FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.allocate((int) s);
        for (int i = 0; i < s; i++) {
          b.put((byte) (i * 31 + 7));
        }
        c.write(b.flip());
      }
      files.add(f);
    }
    Path arc = Files.createDirectories(dir.resolve("arc"));
    ArchivePaths paths = new ArchivePaths(arc, ArchiveFormat.V1);
    PosixArchiveBackend backend =
        new PosixArchiveBackend(
            new PosixOptions(paths, true, true, true, ChecksumAlgorithm.CRC32C));
    int actions = 300;
    Run run = run(backend, actions, 25, sizes.length, i -> files.get(i % files.size()));

    assertThat(run.source.ended.get()).isEqualTo(actions);
    assertThat(run.source.failed.get()).isZero();
    for (int i = 0; i < actions; i++) {
      Path data = paths.dataPath(fid(i));
      assertThat(Files.size(data)).as("archive %d", i).isEqualTo(sizes[i % sizes.length]);
    }
    assertRetainsNothing(run);
  }

  private static void assertRetainsNothing(Run run) {
    Engine e = run.engine;
    assertThat(e.runningCount()).as("running").isZero();
    assertThat(e.queuedCount()).as("queued").isZero();
    assertThat(e.bufferAllocations())
        .as("copy buffers allocated for %d actions", run.actions)
        .isPositive()
        .isLessThanOrEqualTo((long) WORKERS * SIZE_CLASSES);
    assertThat(run.maxBufferBytes.get())
        .as("direct memory of the copy buffers")
        .isLessThanOrEqualTo((long) WORKERS * CHUNK);
    assertThat(e.bufferBytes()).as("buffers given up with their workers").isZero();
    assertThat(run.maxThreads.get() - run.threadsBefore)
        .as("threads started while %d actions ran", run.actions)
        .isLessThanOrEqualTo(WORKERS + 2L);
  }

  /** One finished run. */
  private record Run(
      Engine engine,
      LeanSource source,
      int actions,
      long threadsBefore,
      AtomicLong maxThreads,
      AtomicLong maxBufferBytes) {}

  /** Pushes {@code actions} ARCHIVE items in lists of {@code perList} and runs them to the end. */
  private static Run run(
      ArchiveBackend backend,
      int actions,
      int perList,
      int sizeCount,
      java.util.function.IntFunction<Path> data)
      throws Exception {
    LeanSource source = new LeanSource(data);
    EngineConfig config =
        EngineConfig.defaults()
            .withMaxJobs(WORKERS)
            .withQueueCapacity(256)
            .withChunkSize(CHUNK)
            .withPollInterval(Duration.ofMillis(20));
    Engine engine = new Engine(source, backend, config);
    long threadsBefore = Thread.activeCount();
    AtomicLong maxThreads = new AtomicLong(threadsBefore);
    AtomicLong maxBufferBytes = new AtomicLong();
    Thread receive = new Thread(engine::run, "footprint-receive");
    receive.start();
    for (int i = 0; i < actions; i += perList) {
      List<HsmActionItem> items = new ArrayList<>();
      for (int j = i; j < Math.min(actions, i + perList); j++) {
        items.add(
            new HsmActionItem(
                CopytoolAction.ARCHIVE, fid(j), fid(j), HsmExtent.whole(), j, 0, null));
      }
      source.lists.add(new HsmActionList(HsmActionList.VERSION, "lustre", 1, 0, items));
    }
    Await.until(
        actions + " actions ended",
        Duration.ofMinutes(5),
        () -> {
          maxThreads.accumulateAndGet(Thread.activeCount(), Math::max);
          maxBufferBytes.accumulateAndGet(engine.bufferBytes(), Math::max);
          return source.ended.get();
        },
        n -> n >= actions);
    engine.shutdown();
    assertThat(engine.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    receive.join(TimeUnit.MINUTES.toMillis(1));
    return new Run(engine, source, actions, threadsBefore, maxThreads, maxBufferBytes);
  }

  private static Fid fid(int i) {
    return new Fid(0x200000401L, i + 1, 0);
  }

  /**
   * A backend that copies nothing but uses the engine's {@link CopyControl} as the data mover does:
   * a buffer sized to the file, then one chunk at a time.
   */
  private static final class SimulatedCopy implements ArchiveBackend {
    private final long[] sizes;
    private final java.util.function.BiConsumer<Boolean, Long> onBuffer;

    SimulatedCopy(long[] sizes, java.util.function.BiConsumer<Boolean, Long> onBuffer) {
      this.sizes = sizes;
      this.onBuffer = onBuffer;
    }

    @Override
    public void archive(HsmActionItem item, ActionHandle handle, CopyControl control)
        throws IOException {
      long size = sizes[(int) (item.cookie() % sizes.length)];
      control.started(0, size);
      ByteBuffer buf = control.buffer(size);
      // a worker's buffer may be larger (it served a larger file before), never smaller
      onBuffer.accept(buf.capacity() >= Math.min(Math.max(size, 1), CHUNK), size);
      for (long pos = 0; pos < size; ) {
        long n = Math.min(buf.capacity(), size - pos);
        control.beforeChunk(n);
        pos += n;
        control.chunkDone(n);
      }
    }

    @Override
    public Optional<byte[]> restoreLayout(HsmActionItem item) {
      return Optional.empty();
    }

    @Override
    public void restore(HsmActionItem item, ActionHandle handle, CopyControl control) {}

    @Override
    public void remove(HsmActionItem item) {}
  }

  /** An action source that keeps no per-action state: lists in, counters out. */
  private static final class LeanSource implements ActionSource {
    final BlockingQueue<HsmActionList> lists = new LinkedBlockingQueue<>();
    final AtomicLong ended = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final java.util.function.IntFunction<Path> data;

    LeanSource(java.util.function.IntFunction<Path> data) {
      this.data = data;
    }

    @Override
    public Optional<HsmActionList> receive(Duration timeout) throws IOException {
      try {
        return Optional.ofNullable(lists.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }

    @Override
    public void wakeup() {}

    @Override
    public void stopReceiving() {}

    @Override
    public ActionHandle begin(HsmActionItem item, BeginOptions options) {
      return new Handle(item, data.apply((int) item.cookie()));
    }

    @Override
    public ActionHandle beginError(HsmActionItem item) {
      return new Handle(item, null);
    }

    @Override
    public String mountDescription() {
      return "/mnt/lean";
    }

    @Override
    public void close() {}

    private final class Handle implements ActionHandle {
      private final HsmActionItem item;
      private final Path file;

      Handle(HsmActionItem item, Path file) {
        this.item = item;
        this.file = file;
      }

      @Override
      public Fid dataFid() {
        return item.fid();
      }

      @Override
      public FileChannel openDataChannel() throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ);
      }

      @Override
      public void progress(long offset, long length, long total) {}

      @Override
      public void end(long offset, long length, boolean retry, int errno) {
        if (errno != 0) {
          failed.incrementAndGet();
        }
        ended.incrementAndGet();
      }

      @Override
      public SourceAttributes sourceAttributes() {
        return new SourceAttributes(0100600, 0, 0, 0, 0, 0);
      }

      @Override
      public Map<String, byte[]> sourceXattrs() {
        return Map.of();
      }

      @Override
      public Optional<byte[]> sourceLayout() {
        return Optional.empty();
      }

      @Override
      public Optional<String> relativePath() {
        return Optional.empty();
      }

      @Override
      public String dataDescription() {
        return file == null ? "(none)" : file.toString();
      }
    }
  }
}
