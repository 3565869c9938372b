package org.lhsm.bindings;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.lhsm.bindings.internal.AbiLayout;
import org.lhsm.bindings.internal.Errors;
import org.lhsm.bindings.internal.NativeAccess;
import org.lhsm.bindings.internal.NativeStructs;
import org.lhsm.bindings.internal.PathFds;
import org.lhsm.bindings.internal.WakeupPipe;
import org.lhsm.bindings.raw.HsmCopytoolPrivate;
import org.lhsm.bindings.raw.LibLustreApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A copytool registration on one Lustre mount. Receives action lists with poll() on the library's
 * pipe plus a private wake-up pipe, so {@link #wakeup()} and {@link #close()} can stop a waiting
 * receiver. One thread may receive at a time; begin/fid2path/mdtIndex are thread-safe.
 */
public final class CopytoolSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CopytoolSession.class);
  private static final Cleaner CLEANER = Cleaner.create();
  private static final int NO_TIMEOUT = -1;

  private final LibLustreApi api;
  private final Path mount;
  private final Set<Integer> archiveIds;
  private final HsmCopytoolPrivate handle;
  private final int fd;
  private final int mountFd;
  private final WakeupPipe wakeup;
  private final ReentrantLock receiveLock = new ReentrantLock();
  private final LeakState leak;
  private final Cleaner.Cleanable cleanable;
  private volatile boolean closed;
  private volatile boolean receiving = true;

  /** Logs, from the Cleaner, a session that became unreachable without close(). */
  private static final class LeakState implements Runnable {
    private final String mount;
    volatile boolean closed;

    LeakState(String mount) {
      this.mount = mount;
    }

    @Override
    public void run() {
      if (!closed) {
        LOG.warn("CopytoolSession on {} was not closed: the copytool stays registered", mount);
      }
    }
  }

  private CopytoolSession(
      LibLustreApi api,
      Path mount,
      Set<Integer> archiveIds,
      HsmCopytoolPrivate handle,
      int fd,
      int mountFd,
      WakeupPipe wakeup) {
    this.api = api;
    this.mount = mount;
    this.archiveIds = archiveIds;
    this.handle = handle;
    this.fd = fd;
    this.mountFd = mountFd;
    this.wakeup = wakeup;
    this.leak = new LeakState(mount.toString());
    this.cleanable = CLEANER.register(this, leak);
  }

  /**
   * Registers a copytool for {@code archiveIds} (empty = every archive) on the Lustre mount point
   * {@code mount}, in non-blocking mode.
   */
  public static CopytoolSession register(Path mount, Collection<Integer> archiveIds)
      throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    Set<Integer> ids = new TreeSet<>(archiveIds);
    int[] array = ids.stream().mapToInt(Integer::intValue).toArray();
    WakeupPipe wakeup = new WakeupPipe();
    int mountFd = -1;
    PointerByReference ref = new PointerByReference();
    try {
      mountFd = PathFds.open(mount, AbiLayout.O_RDONLY | AbiLayout.O_DIRECTORY);
      int rc =
          api.llapi_hsm_copytool_register(
              ref,
              mount.toString(),
              array.length,
              array.length == 0 ? null : array,
              AbiLayout.O_NONBLOCK);
      // The mount was opened above, so ENOENT means <mount>/.lustre/fid is missing: not the root
      // of a Lustre mount. Name that path rather than the (existing) mount.
      Errors.checkPath(
          rc,
          "llapi_hsm_copytool_register",
          rc == -Errno.ENOENT.number() ? mount.resolve(".lustre/fid") : mount);
      HsmCopytoolPrivate handle = new HsmCopytoolPrivate(ref.getValue());
      int fd = api.llapi_hsm_copytool_get_fd(handle);
      if (fd < 0) {
        api.llapi_hsm_copytool_unregister(ref);
        Errors.check(fd, "llapi_hsm_copytool_get_fd", mount.toString());
      }
      LOG.info("registered copytool on {} for archives {}", mount, ids.isEmpty() ? "all" : ids);
      return new CopytoolSession(api, mount, Set.copyOf(ids), handle, fd, mountFd, wakeup);
    } catch (IOException | RuntimeException e) {
      wakeup.close();
      if (mountFd >= 0) {
        NativeAccess.libc().close(mountFd);
      }
      throw e;
    }
  }

  /** The library's receive fd (for diagnostics; do not read or close it). */
  public int fd() {
    return fd;
  }

  public Path mount() {
    return mount;
  }

  /** The archive ids served; empty means all. */
  public Set<Integer> archiveIds() {
    return archiveIds;
  }

  /**
   * Waits up to {@code timeout} for the next action list.
   *
   * @return empty on timeout or when woken by {@link #wakeup()}
   * @throws CopytoolShutdownException when the kernel asks the copytool to stop
   * @throws IllegalStateException when another thread is receiving or the session is closed
   */
  public Optional<HsmActionList> receive(Duration timeout) throws IOException {
    return receive(System.nanoTime() + Math.max(0, timeout.toNanos()), false);
  }

  /**
   * Blocks until an action list arrives.
   *
   * @throws InterruptedIOException when woken by {@link #wakeup()} or {@link #close()}
   */
  public HsmActionList receive() throws IOException {
    Optional<HsmActionList> list = receive(0, true);
    if (list.isEmpty()) {
      throw new InterruptedIOException("copytool receive on " + mount + " was woken up");
    }
    return list.get();
  }

  private Optional<HsmActionList> receive(long deadline, boolean forever) throws IOException {
    if (!receiveLock.tryLock()) {
      if (closed) {
        return Optional.empty(); // close() holds the lock while unregistering
      }
      throw new IllegalStateException("another thread is already receiving on " + mount);
    }
    try {
      while (true) {
        if (closed || !receiving) {
          return Optional.empty();
        }
        if (wakeup.drain()) {
          return Optional.empty();
        }
        Optional<HsmActionList> list = tryReceive();
        if (list.isPresent()) {
          return list;
        }
        int waitMillis = NO_TIMEOUT;
        if (!forever) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return Optional.empty();
          }
          waitMillis = (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
        }
        WakeupPipe.pollReadable(new int[] {fd, wakeup.readFd()}, waitMillis);
      }
    } finally {
      receiveLock.unlock();
    }
  }

  /** One non-blocking recv; the list is copied out of the library's buffer before returning. */
  private Optional<HsmActionList> tryReceive() throws IOException {
    PointerByReference hal = new PointerByReference();
    IntByReference size = new IntByReference();
    int rc = api.llapi_hsm_copytool_recv(handle, hal, size);
    if (rc == -Errno.EAGAIN.number()) {
      return Optional.empty();
    }
    Errors.check(rc, "llapi_hsm_copytool_recv", mount.toString());
    Pointer p = hal.getValue();
    int n = size.getValue();
    if (p == null || n < 0) {
      throw new HsmProtocolException("library returned no action list (size " + n + ")", 0);
    }
    return Optional.of(HsmActionList.decode(p.getByteBuffer(0, n)));
  }

  /** Makes a waiting {@link #receive} return (or the next one return at once). Thread-safe. */
  public void wakeup() {
    wakeup.signal();
  }

  /**
   * Stops taking action lists without unregistering: the library's receive descriptor is replaced
   * by /dev/null, which closes the last read end of the coordinator's channel. The next list sent
   * to this copytool then fails (EPIPE, as after a crash): the coordinator drops the agent and
   * keeps the list's requests WAITING for another copytool. Actions already received can still be
   * begun, reported and ended. Call it before handing received work back with the retry flag, so
   * the coordinator cannot re-dispatch that work here; {@link #close()} still unregisters. Wakes a
   * waiting receiver; later receives return empty. Idempotent.
   */
  public void stopReceiving() throws IOException {
    checkOpen();
    if (!receiving) {
      return;
    }
    receiving = false;
    wakeup.signal();
    receiveLock.lock();
    try {
      if (closed || leak.closed || fd < 0) {
        return;
      }
      int nullFd = PathFds.open(Path.of("/dev/null"), AbiLayout.O_RDONLY);
      try {
        if (NativeAccess.libc().dup3(nullFd, fd, AbiLayout.O_CLOEXEC) < 0) {
          throw Errors.libcFailure("dup3", mount.toString());
        }
      } finally {
        NativeAccess.libc().close(nullFd);
      }
      LOG.info("copytool on {} stopped receiving action lists", mount);
    } finally {
      receiveLock.unlock();
    }
  }

  /**
   * RESTORE open flag ({@code O_LOV_DELAY_CREATE}): create the volatile file without a layout, so
   * one can be set with {@link CopyAction#writeXattr} ({@code lustre.lov}) before data is written.
   * It is {@code O_NOCTTY|FASYNC}, which every client version takes as this flag: the 2.17+ header
   * value, {@code O_LOV_DELAY_CREATE_MASK} in older headers (whose own value adds an old bit).
   */
  public static final int O_LOV_DELAY_CREATE = 0x2100;

  /** Starts work on {@code item}; see {@code llapi_hsm_action_begin}. Thread-safe. */
  public CopyAction begin(HsmActionItem item, int restoreMdtIndex, int restoreOpenFlags)
      throws IOException {
    return CopyAction.begin(this, item, restoreMdtIndex, restoreOpenFlags, false);
  }

  /** A handle that only reports failure of {@code item} (the is_error form). Thread-safe. */
  public CopyAction beginError(HsmActionItem item) throws IOException {
    return CopyAction.begin(this, item, -1, 0, true);
  }

  /** The MDT index serving {@code fid}, for restores on DNE filesystems. */
  public int mdtIndex(Fid fid) throws IOException {
    checkOpen();
    try (Memory f = NativeStructs.fid(fid)) {
      IntByReference idx = new IntByReference();
      int rc = api.llapi_get_mdt_index_by_fid(mountFd, f, idx);
      return Errors.check(rc, "llapi_get_mdt_index_by_fid", fid.toString());
    }
  }

  /** The path of {@code fid} relative to the mount root (empty for the root itself). */
  public Path fid2path(Fid fid) throws IOException {
    checkOpen();
    return HsmClient.fid2path(api, mount.toString(), fid);
  }

  LibLustreApi api() {
    return api;
  }

  HsmCopytoolPrivate handle() {
    checkOpen();
    return handle;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("copytool session on " + mount + " is closed");
    }
  }

  /** Unregisters; wakes and waits out a receiving thread first. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    wakeup.signal();
    receiveLock.lock();
    try {
      if (leak.closed) {
        return;
      }
      leak.closed = true;
      PointerByReference ref = new PointerByReference(handle.getPointer());
      int rc = api.llapi_hsm_copytool_unregister(ref);
      NativeAccess.libc().close(mountFd);
      wakeup.close();
      cleanable.clean();
      LOG.info("unregistered copytool on {}", mount);
      Errors.check(rc, "llapi_hsm_copytool_unregister", mount.toString());
    } finally {
      receiveLock.unlock();
    }
  }
}
