package org.lhsm.bindings.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Extended attributes of an open file descriptor, through libc. */
public final class Xattrs {
  private static final Logger LOG = LoggerFactory.getLogger(Xattrs.class);

  /** Linux's upper bound on one value (XATTR_SIZE_MAX); also the stock tool's layout buffer. */
  public static final int MAX_VALUE_SIZE = 65536;

  /**
   * The first read's buffer: a layout or an ACL fits; JNA copies the whole array in and out of
   * native memory at each call, so a 64 KiB one for every read cost more than the read.
   */
  static final int FIRST_BUFFER = 4096;

  private Xattrs() {}

  /**
   * The value of {@code name} on {@code fd}. Absent (ENODATA) and unsupported (ENOTSUP, e.g. a
   * {@code lustre.*} name on a non-Lustre file) both mean "no value".
   *
   * @param target what the fd is about, for error messages
   */
  public static Optional<byte[]> read(int fd, String name, String target) throws LustreException {
    return read(fd, name, target, FIRST_BUFFER);
  }

  static Optional<byte[]> read(int fd, String name, String target, int firstBuffer)
      throws LustreException {
    // most values fit the first buffer; ERANGE means a larger one, and the largest possible one
    // cannot be too small whatever a concurrent setxattr does
    byte[] buf = new byte[firstBuffer];
    long n = NativeAccess.libc().fgetxattr(fd, name, buf, buf.length);
    if (n < 0 && Errors.lastErrno() == Errno.ERANGE) {
      buf = new byte[MAX_VALUE_SIZE];
      n = NativeAccess.libc().fgetxattr(fd, name, buf, buf.length);
    }
    if (n < 0) {
      Errors.expectedFailure("fgetxattr", describe(name, target), Errno.ENODATA, Errno.ENOTSUP);
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOf(buf, (int) n));
  }

  /**
   * Every attribute {@code fd} lists to this process, names to values, in listing order. A name
   * that disappears between the listing and the read is left out.
   */
  public static Map<String, byte[]> readAll(int fd, String target) throws LustreException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String name : list(fd, target)) {
      read(fd, name, target).ifPresent(v -> out.put(name, v));
    }
    return out;
  }

  /** The names {@code fd} lists (NUL-separated in the kernel's answer). */
  static List<String> list(int fd, String target) throws LustreException {
    return list(fd, target, FIRST_BUFFER);
  }

  static List<String> list(int fd, String target, int firstBuffer) throws LustreException {
    // XATTR_LIST_MAX (the size of the second buffer): the kernel never returns a longer list
    byte[] buf = new byte[firstBuffer];
    long n = NativeAccess.libc().flistxattr(fd, buf, buf.length);
    if (n < 0 && Errors.lastErrno() == Errno.ERANGE) {
      buf = new byte[MAX_VALUE_SIZE];
      n = NativeAccess.libc().flistxattr(fd, buf, buf.length);
    }
    if (n < 0) {
      Errors.expectedFailure("flistxattr", target, Errno.ENOTSUP);
      return List.of();
    }
    List<String> names = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < n; i++) {
      if (buf[i] == 0) {
        if (i > start) {
          decode(buf, start, i - start, target).ifPresent(names::add);
        }
        start = i + 1;
      }
    }
    return names;
  }

  /**
   * A listed name as text. Names cross JNA as UTF-8 strings, so a name that is not valid UTF-8
   * could not be read back by name: it is left out, with a warning rather than silently.
   */
  static Optional<String> decode(byte[] buf, int off, int len, String target) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(buf, off, len))
              .toString());
    } catch (CharacterCodingException e) {
      LOG.warn(
          "extended attribute of {} skipped: its name is not valid UTF-8 ({})",
          target,
          new String(buf, off, len, StandardCharsets.ISO_8859_1));
      return Optional.empty();
    }
  }

  /** Sets (creates or replaces) {@code name} on {@code fd}. */
  public static void write(int fd, String name, byte[] value, String target)
      throws LustreException {
    if (value.length > MAX_VALUE_SIZE) {
      throw new IllegalArgumentException(
          "value of " + name + " is " + value.length + " bytes, over " + MAX_VALUE_SIZE);
    }
    if (NativeAccess.libc().fsetxattr(fd, name, value, value.length, 0) < 0) {
      throw Errors.libcFailure("fsetxattr", describe(name, target));
    }
  }

  /**
   * Removes {@code name} from {@code fd}; false when it was not there (ENODATA) or the filesystem
   * has no such namespace (ENOTSUP).
   */
  public static boolean remove(int fd, String name, String target) throws LustreException {
    if (NativeAccess.libc().fremovexattr(fd, name) < 0) {
      Errors.expectedFailure("fremovexattr", describe(name, target), Errno.ENODATA, Errno.ENOTSUP);
      return false;
    }
    return true;
  }

  private static String describe(String name, String target) {
    return name + " of " + target;
  }
}
