package org.lhsm.emulator.codec;

/** HSM constants of the liblustreapi ABI (actions, flags, states). */
public final class Hsm {
  public static final int HSMA_NONE = 10;
  public static final int HSMA_ARCHIVE = 20;
  public static final int HSMA_RESTORE = 21;
  public static final int HSMA_REMOVE = 22;
  public static final int HSMA_CANCEL = 23;

  public static final int HUA_NONE = 1;
  public static final int HUA_ARCHIVE = 10;
  public static final int HUA_RESTORE = 11;
  public static final int HUA_RELEASE = 12;
  public static final int HUA_REMOVE = 13;
  public static final int HUA_CANCEL = 14;

  public static final int HS_EXISTS = 0x1;
  public static final int HS_DIRTY = 0x2;
  public static final int HS_RELEASED = 0x4;
  public static final int HS_ARCHIVED = 0x8;
  public static final int HS_NORELEASE = 0x10;
  public static final int HS_NOARCHIVE = 0x20;
  public static final int HS_LOST = 0x40;
  public static final int HSM_USER_MASK = 0x32;
  public static final int HSM_FLAGS_MASK = 0x1ff;

  public static final int HPS_NONE = 0;
  public static final int HPS_WAITING = 1;
  public static final int HPS_RUNNING = 2;

  public static final int HP_FLAG_COMPLETED = 0x1;
  public static final int HP_FLAG_RETRY = 0x2;

  public static final long HSM_FORCE_ACTION = 0x1;
  public static final long EOF = -1L;

  private Hsm() {}

  /** Action name as printed by {@code hsm.actions} and request masks. */
  public static String actionName(int hsma) {
    return switch (hsma) {
      case HSMA_NONE -> "NOOP";
      case HSMA_ARCHIVE -> "ARCHIVE";
      case HSMA_RESTORE -> "RESTORE";
      case HSMA_REMOVE -> "REMOVE";
      case HSMA_CANCEL -> "CANCEL";
      default -> "UNKNOWN";
    };
  }

  /** Maps a user action (HUA) to the copytool action (HSMA), or -1. */
  public static int huaToHsma(int hua) {
    return switch (hua) {
      case HUA_ARCHIVE -> HSMA_ARCHIVE;
      case HUA_RESTORE -> HSMA_RESTORE;
      case HUA_REMOVE -> HSMA_REMOVE;
      case HUA_CANCEL -> HSMA_CANCEL;
      default -> -1;
    };
  }

  /** Maps a copytool action to the user action reported by {@code hsm_current_action}. */
  public static int hsmaToHua(int hsma) {
    return switch (hsma) {
      case HSMA_ARCHIVE -> HUA_ARCHIVE;
      case HSMA_RESTORE -> HUA_RESTORE;
      case HSMA_REMOVE -> HUA_REMOVE;
      case HSMA_CANCEL -> HUA_CANCEL;
      default -> HUA_NONE;
    };
  }
}
