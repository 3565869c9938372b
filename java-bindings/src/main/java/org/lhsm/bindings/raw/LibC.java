package org.lhsm.bindings.raw;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The few libc functions the bindings need. Failures return -1 and leave errno, which {@code
 * org.lhsm.bindings.internal.Errors} reads straight after the call.
 */
public interface LibC extends Library {
  int poll(Pointer fds, long nfds, int timeoutMillis);

  int pipe2(int[] fds, int flags);

  int open(String path, int flags);

  /** open(2) with a mode, for {@code O_CREAT}. */
  int open(String path, int flags, int mode);

  int mkdir(String path, int mode);

  /**
   * syscall(2), for calls glibc has no wrapper of; pass every argument as a Long, String or array.
   */
  long syscall(long number, Object... args);

  int unlink(String path);

  int fchmod(int fd, int mode);

  int fchown(int fd, int owner, int group);

  /** {@code times}: atime then mtime, each {@code tv_sec, tv_nsec} (a 64-bit {@code timespec}). */
  int futimens(int fd, long[] times);

  int flock(int fd, int operation);

  int close(int fd);

  int dup3(int oldfd, int newfd, int flags);

  long read(int fd, byte[] buf, long count);

  long write(int fd, byte[] buf, long count);

  long pread(int fd, Pointer buf, long count, long offset);

  long pwrite(int fd, Pointer buf, long count, long offset);

  long lseek(int fd, long offset, int whence);

  int ftruncate(int fd, long length);

  int fsync(int fd);

  int fdatasync(int fd);

  long flistxattr(int fd, byte[] list, long size);

  long fgetxattr(int fd, String name, byte[] value, long size);

  int fsetxattr(int fd, String name, byte[] value, long size, int flags);

  int fremovexattr(int fd, String name);

  int vsnprintf(byte[] buf, long size, String fmt, Pointer vaList);

  String strerror(int errnum);

  void free(Pointer p);
}
