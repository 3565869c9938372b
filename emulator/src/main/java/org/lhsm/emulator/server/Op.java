package org.lhsm.emulator.server;

/** Operation codes of the wire protocol. */
public final class Op {
  public static final int HELLO = 1;
  public static final int CT_REGISTER = 10;
  public static final int CT_UNREGISTER = 11;
  public static final int COPY_START = 20;
  public static final int PROGRESS = 21;
  public static final int CREATE_VOLATILE = 22;
  public static final int COPY_END = 23;
  public static final int REQUEST = 30;
  public static final int STATE_GET = 31;
  public static final int STATE_SET = 32;
  public static final int CURRENT_ACTION = 33;
  public static final int IMPORT = 34;
  public static final int DATA_VERSION_GET = 35;
  public static final int DATA_VERSION_SET = 36;
  public static final int PATH2FID = 40;
  public static final int FID2PATH = 41;
  public static final int FID_RESOLVE = 42;
  public static final int FID2MDTIDX = 43;
  public static final int FD2FID = 44;
  public static final int UMOUNT_NOTICE = 50;

  private Op() {}

  /** Operations reserved to root or the daemon's owner. */
  public static boolean isRoot(int op) {
    return switch (op) {
      case CT_REGISTER,
          CT_UNREGISTER,
          COPY_START,
          PROGRESS,
          CREATE_VOLATILE,
          COPY_END,
          IMPORT,
          DATA_VERSION_SET ->
          true;
      default -> false;
    };
  }
}
