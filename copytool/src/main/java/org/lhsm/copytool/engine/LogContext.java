package org.lhsm.copytool.engine;

import java.util.Locale;
import org.lhsm.bindings.HsmActionItem;
import org.slf4j.MDC;

/**
 * Puts cookie, FID, action and archive id into the MDC so every log line of an action carries them.
 * The action is written in lower case on purpose: the sanity-hsm harness greps the log for the
 * upper-case names and expects exactly one hit per item (the {@code action <NAME>} line).
 */
final class LogContext implements AutoCloseable {
  static final String KEY = "action";

  private LogContext() {}

  static LogContext enter(HsmActionItem item, int archiveId) {
    MDC.put(
        KEY,
        String.format(
            Locale.ROOT,
            "cookie=%s fid=%s act=%s archive=%d",
            item.cookieHex(),
            item.fid(),
            item.action().wireName().toLowerCase(Locale.ROOT),
            archiveId));
    return new LogContext();
  }

  @Override
  public void close() {
    MDC.remove(KEY);
  }
}
