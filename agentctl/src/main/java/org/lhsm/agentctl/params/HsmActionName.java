package org.lhsm.agentctl.params;

import java.util.Locale;

/**
 * Action names as printed in {@code action=} fields; {@code UNKNOWN} is what the kernel prints for
 * others.
 */
public enum HsmActionName {
  NOOP,
  ARCHIVE,
  RESTORE,
  REMOVE,
  CANCEL,
  UNKNOWN;

  /**
   * @throws IllegalArgumentException naming the text and the accepted names
   */
  public static HsmActionName parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown action '" + text + "' (expected NOOP, ARCHIVE, RESTORE, REMOVE or CANCEL)");
    }
  }
}
