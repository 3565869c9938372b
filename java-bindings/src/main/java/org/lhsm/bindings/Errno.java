package org.lhsm.bindings;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Linux (x86_64) errno values seen through liblustreapi, with glibc's {@code strerror} text. {@link
 * #UNKNOWN} stands for any other number; the exception that carries it keeps the number.
 */
public enum Errno {
  EPERM(1, "Operation not permitted"),
  ENOENT(2, "No such file or directory"),
  ESRCH(3, "No such process"),
  EINTR(4, "Interrupted system call"),
  EIO(5, "Input/output error"),
  ENXIO(6, "No such device or address"),
  E2BIG(7, "Argument list too long"),
  ENOEXEC(8, "Exec format error"),
  EBADF(9, "Bad file descriptor"),
  ECHILD(10, "No child processes"),
  EAGAIN(11, "Resource temporarily unavailable"),
  ENOMEM(12, "Cannot allocate memory"),
  EACCES(13, "Permission denied"),
  EFAULT(14, "Bad address"),
  ENOTBLK(15, "Block device required"),
  EBUSY(16, "Device or resource busy"),
  EEXIST(17, "File exists"),
  EXDEV(18, "Invalid cross-device link"),
  ENODEV(19, "No such device"),
  ENOTDIR(20, "Not a directory"),
  EISDIR(21, "Is a directory"),
  EINVAL(22, "Invalid argument"),
  ENFILE(23, "Too many open files in system"),
  EMFILE(24, "Too many open files"),
  ENOTTY(25, "Inappropriate ioctl for device"),
  ETXTBSY(26, "Text file busy"),
  EFBIG(27, "File too large"),
  ENOSPC(28, "No space left on device"),
  ESPIPE(29, "Illegal seek"),
  EROFS(30, "Read-only file system"),
  EMLINK(31, "Too many links"),
  EPIPE(32, "Broken pipe"),
  EDOM(33, "Numerical argument out of domain"),
  ERANGE(34, "Numerical result out of range"),
  EDEADLK(35, "Resource deadlock avoided"),
  ENAMETOOLONG(36, "File name too long"),
  ENOLCK(37, "No locks available"),
  ENOSYS(38, "Function not implemented"),
  ENOTEMPTY(39, "Directory not empty"),
  ELOOP(40, "Too many levels of symbolic links"),
  ENODATA(61, "No data available"),
  ETIME(62, "Timer expired"),
  EPROTO(71, "Protocol error"),
  EBADMSG(74, "Bad message"),
  EOVERFLOW(75, "Value too large for defined data type"),
  EMSGSIZE(90, "Message too long"),
  EOPNOTSUPP(95, "Operation not supported"),
  ECONNRESET(104, "Connection reset by peer"),
  ENOTCONN(107, "Transport endpoint is not connected"),
  ESHUTDOWN(108, "Cannot send after transport endpoint shutdown"),
  ETIMEDOUT(110, "Connection timed out"),
  ECONNREFUSED(111, "Connection refused"),
  EHOSTUNREACH(113, "No route to host"),
  EALREADY(114, "Operation already in progress"),
  EINPROGRESS(115, "Operation now in progress"),
  ESTALE(116, "Stale file handle"),
  EDQUOT(122, "Disk quota exceeded"),
  ECANCELED(125, "Operation canceled"),
  /** Any errno this enum does not name. */
  UNKNOWN(-1, "Unknown error");

  /** Same number as {@link #EOPNOTSUPP} on Linux. */
  public static final Errno ENOTSUP = EOPNOTSUPP;

  /** Same number as {@link #EAGAIN} on Linux. */
  public static final Errno EWOULDBLOCK = EAGAIN;

  private static final Map<Integer, Errno> BY_NUMBER = new HashMap<>();

  static {
    for (Errno e : values()) {
      BY_NUMBER.put(e.number, e);
    }
  }

  private final int number;
  private final String strerror;

  Errno(int number, String strerror) {
    this.number = number;
    this.strerror = strerror;
  }

  /** The positive errno number ({@code -1} for {@link #UNKNOWN}). */
  public int number() {
    return number;
  }

  /** glibc's message for this errno, e.g. "Operation not permitted". */
  public String strerror() {
    return strerror;
  }

  /** The constant for {@code number} (sign ignored); never fails: unknown gives UNKNOWN. */
  public static Errno fromNumber(int number) {
    Errno e = BY_NUMBER.get(Math.abs(number));
    return e == null || e == UNKNOWN ? UNKNOWN : e;
  }

  /** glibc's message for any number, including ones this enum does not name. */
  public static String strerror(int number) {
    Errno e = fromNumber(number);
    return e == UNKNOWN ? "Unknown error " + Math.abs(number) : e.strerror;
  }

  /**
   * The errno of the first {@link LustreException} in {@code t}'s cause chain, if any.
   *
   * @return empty when no LustreException is in the chain, or its errno is unknown
   */
  public static Optional<Errno> of(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof LustreException) {
        Errno e = ((LustreException) c).errno();
        return e == UNKNOWN ? Optional.empty() : Optional.of(e);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return Optional.empty();
  }
}
