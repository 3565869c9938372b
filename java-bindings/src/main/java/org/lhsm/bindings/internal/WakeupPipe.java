package org.lhsm.bindings.internal;

import java.io.IOException;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;
import org.lhsm.bindings.raw.LibC;

/**
 * A non-blocking self-pipe: {@link #signal()} makes the read end readable so a thread in poll()
 * returns; {@link #drain()} resets it. Owns both fds.
 */
public final class WakeupPipe implements AutoCloseable {
  private static final int O_NONBLOCK = AbiLayout.O_NONBLOCK;
  private static final int O_CLOEXEC = AbiLayout.O_CLOEXEC;

  private final LibC libc = NativeAccess.libc();
  private final int readFd;
  private final int writeFd;
  private boolean closed;

  public WakeupPipe() throws IOException {
    int[] fds = new int[2];
    if (libc.pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) {
      throw Errors.libcFailure("pipe2", null);
    }
    readFd = fds[0];
    writeFd = fds[1];
  }

  public int readFd() {
    return readFd;
  }

  /** Thread-safe; a full pipe already means "wake up", so EAGAIN is ignored. */
  public synchronized void signal() {
    if (!closed) {
      libc.write(writeFd, new byte[] {1}, 1);
    }
  }

  /** Empties the pipe; returns true if anything was pending. */
  public synchronized boolean drain() {
    boolean any = false;
    byte[] buf = new byte[64];
    while (!closed && libc.read(readFd, buf, buf.length) > 0) {
      any = true;
    }
    return any;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      libc.close(readFd);
      libc.close(writeFd);
    }
  }

  /** Waits for any of {@code fds} to be readable; returns the readable ones as a bit mask. */
  public static int pollReadable(int[] fds, int timeoutMillis) throws LustreException {
    LibC libc = NativeAccess.libc();
    try (com.sun.jna.Memory m = NativeStructs.zeroed((long) AbiLayout.POLLFD_SIZE * fds.length)) {
      for (int i = 0; i < fds.length; i++) {
        m.setInt((long) i * AbiLayout.POLLFD_SIZE + AbiLayout.POLLFD_FD, fds[i]);
        m.setShort((long) i * AbiLayout.POLLFD_SIZE + AbiLayout.POLLFD_EVENTS, AbiLayout.POLLIN);
      }
      int rc = libc.poll(m, fds.length, timeoutMillis);
      if (rc < 0) {
        if (Errors.lastErrno() == Errno.EINTR) {
          return 0;
        }
        throw Errors.libcFailure("poll", null);
      }
      int ready = 0;
      for (int i = 0; i < fds.length; i++) {
        if (m.getShort((long) i * AbiLayout.POLLFD_SIZE + AbiLayout.POLLFD_REVENTS) != 0) {
          ready |= 1 << i;
        }
      }
      return ready;
    }
  }
}
