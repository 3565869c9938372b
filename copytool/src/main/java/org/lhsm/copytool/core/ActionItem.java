package org.lhsm.copytool.core;

import java.util.Locale;
import org.lhsm.bindings.Fid;

/**
 * One item of an action list, copied out of the native buffer.
 *
 * @param kind requested action
 * @param fid the Lustre file's FID (the archive path is derived from it)
 * @param dfid data FID as sent by the coordinator
 * @param offset extent start
 * @param length extent length, {@link #WHOLE_FILE} for the whole file
 * @param cookie request cookie (matches a later CANCEL item)
 * @param archiveId archive id of the list the item came in
 * @param encodedLength {@code hai_len} (logged as {@code reclen})
 * @param actionCode the {@code hai_action} number: {@code kind.code()}, or for {@link
 *     ActionKind#UNKNOWN} the number received (the stock tool logs it)
 */
public record ActionItem(
    ActionKind kind,
    Fid fid,
    Fid dfid,
    long offset,
    long length,
    long cookie,
    int archiveId,
    int encodedLength,
    int actionCode) {

  public ActionItem {
    // hai_action is a u32: codes from 2^31 arrive negative and are as unknown as any other
    if (ActionKind.fromCode(actionCode) != kind) {
      throw new IllegalArgumentException("hai_action " + actionCode + " does not fit " + kind);
    }
  }

  /** An item of a known kind ({@link ActionKind#UNKNOWN} needs the number: use the full form). */
  public ActionItem(
      ActionKind kind,
      Fid fid,
      Fid dfid,
      long offset,
      long length,
      long cookie,
      int archiveId,
      int encodedLength) {
    this(kind, fid, dfid, offset, length, cookie, archiveId, encodedLength, kind.code());
  }

  /** Extent length meaning "to the end of the file" (0xffffffffffffffff). */
  public static final long WHOLE_FILE = -1L;

  public boolean isWholeFile() {
    return length == WHOLE_FILE;
  }

  /** Cookie as {@code 0x…}, the way every log line prints it. */
  public String cookieHex() {
    return "0x" + Long.toHexString(cookie);
  }

  /** Short tag for diagnostics; the action is lower case on purpose (see LogContext). */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s %s cookie=%s archive=%d",
        kind.name().toLowerCase(Locale.ROOT),
        fid,
        cookieHex(),
        archiveId);
  }
}
