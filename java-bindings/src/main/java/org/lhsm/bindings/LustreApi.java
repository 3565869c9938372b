package org.lhsm.bindings;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.lhsm.bindings.internal.AbiLayout;
import org.lhsm.bindings.internal.NativeAccess;
import org.lhsm.bindings.raw.LibLustreApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Availability of liblustreapi and process-wide library settings. The library is probed once, on
 * first use: system property {@code lhsm.liblustreapi}, then environment variable {@code
 * LHSM_LIBLUSTREAPI} (a name or an absolute path), else {@code lustreapi} or {@code
 * liblustreapi.so.1}.
 */
public final class LustreApi {
  private static final Logger LIB_LOG = LoggerFactory.getLogger("liblustreapi");
  private static final int MSG_MASK = AbiLayout.LLAPI_MSG_MASK;
  private static final int MSG_NO_ERRNO = AbiLayout.LLAPI_MSG_NO_ERRNO;
  private static final int LOG_BUFFER = 4096;

  /** Kept reachable for as long as the library may call it. */
  private static LibLustreApi.LogCallback installedCallback;

  private LustreApi() {}

  /** True when liblustreapi could be loaded. */
  public static boolean isAvailable() {
    return NativeAccess.isAvailable();
  }

  /** Why liblustreapi could not be loaded, or null when it is available. */
  public static Throwable unavailabilityCause() {
    return NativeAccess.unavailabilityCause();
  }

  /**
   * @throws LustreUnavailableException with "liblustreapi not found: install the Lustre client
   *     packages or set LHSM_LIBLUSTREAPI" when the library cannot be loaded
   */
  public static void ensureAvailable() throws LustreUnavailableException {
    NativeAccess.lustre();
  }

  /** The name or path used to load the library. */
  public static String libraryName() {
    return NativeAccess.libraryName();
  }

  /** {@code llapi_msg_set_level}: drop library messages above {@code level}. */
  public static void setMessageLevel(MessageLevel level) throws IOException {
    NativeAccess.lustre().llapi_msg_set_level(level.code());
  }

  /**
   * Installs an error callback so that the library's messages go to the slf4j logger {@code
   * liblustreapi} instead of stderr. Idempotent.
   */
  public static synchronized void routeLogsToSlf4j() throws IOException {
    LibLustreApi api = NativeAccess.lustre();
    if (installedCallback != null) {
      return;
    }
    LibLustreApi.LogCallback cb = LustreApi::logMessage;
    api.llapi_error_callback_set(cb);
    installedCallback = cb;
  }

  private static void logMessage(int level, int err, String fmt, Pointer vaList) {
    try {
      byte[] buf = new byte[LOG_BUFFER];
      int n = NativeAccess.libc().vsnprintf(buf, buf.length, fmt, vaList);
      String text =
          new String(buf, 0, Math.max(0, Math.min(n, buf.length - 1)), StandardCharsets.UTF_8)
              .stripTrailing();
      if ((level & MSG_NO_ERRNO) == 0 && err != 0) {
        text = text + ": " + Errno.strerror(err) + " (" + err + ")";
      }
      switch (level & MSG_MASK) {
        case 1, 2 -> LIB_LOG.error(text);
        case 3 -> LIB_LOG.warn(text);
        case 4, 5 -> LIB_LOG.info(text);
        default -> LIB_LOG.debug(text);
      }
    } catch (RuntimeException e) {
      // Never let an exception unwind into C.
      LIB_LOG.warn("could not format a liblustreapi message", e);
    }
  }
}
