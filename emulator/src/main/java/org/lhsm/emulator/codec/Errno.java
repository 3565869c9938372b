package org.lhsm.emulator.codec;

import java.util.Map;

/** Linux x86_64 errno values used by the emulator, with their symbolic names. */
public final class Errno {
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int EIO = 5;
  public static final int ENXIO = 6;
  public static final int E2BIG = 7;
  public static final int EAGAIN = 11;
  public static final int EACCES = 13;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int ENODEV = 19;
  public static final int EINVAL = 22;
  public static final int ENOTTY = 25;
  public static final int EROFS = 30;
  public static final int EPIPE = 32;
  public static final int ENOSYS = 38;
  public static final int ENODATA = 61;
  public static final int EPROTO = 71;
  public static final int ENOTCONN = 107;
  public static final int ESHUTDOWN = 108;
  public static final int EALREADY = 114;
  public static final int EINPROGRESS = 115;
  public static final int ESTALE = 116;
  public static final int ECANCELED = 125;

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(EPERM, "EPERM"),
          Map.entry(ENOENT, "ENOENT"),
          Map.entry(EIO, "EIO"),
          Map.entry(ENXIO, "ENXIO"),
          Map.entry(E2BIG, "E2BIG"),
          Map.entry(EAGAIN, "EAGAIN"),
          Map.entry(EACCES, "EACCES"),
          Map.entry(EBUSY, "EBUSY"),
          Map.entry(EEXIST, "EEXIST"),
          Map.entry(ENODEV, "ENODEV"),
          Map.entry(EINVAL, "EINVAL"),
          Map.entry(ENOTTY, "ENOTTY"),
          Map.entry(EROFS, "EROFS"),
          Map.entry(EPIPE, "EPIPE"),
          Map.entry(ENOSYS, "ENOSYS"),
          Map.entry(ENODATA, "ENODATA"),
          Map.entry(EPROTO, "EPROTO"),
          Map.entry(ENOTCONN, "ENOTCONN"),
          Map.entry(ESHUTDOWN, "ESHUTDOWN"),
          Map.entry(EALREADY, "EALREADY"),
          Map.entry(EINPROGRESS, "EINPROGRESS"),
          Map.entry(ESTALE, "ESTALE"),
          Map.entry(ECANCELED, "ECANCELED"));

  private Errno() {}

  /** Symbolic name of a positive errno, or {@code errno <n>} when unknown. */
  public static String name(int errno) {
    return NAMES.getOrDefault(Math.abs(errno), "errno " + Math.abs(errno));
  }
}
