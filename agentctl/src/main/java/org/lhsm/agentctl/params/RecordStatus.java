package org.lhsm.agentctl.params;

import java.util.Locale;

/** Status of an {@code hsm.actions} record ({@code enum agent_req_status}). */
public enum RecordStatus {
  WAITING,
  STARTED,
  FAILED,
  CANCELED,
  SUCCEED,
  UNKNOWN;

  public boolean isFinal() {
    return this == FAILED || this == CANCELED || this == SUCCEED;
  }

  /**
   * @throws IllegalArgumentException naming the text and the accepted names
   */
  public static RecordStatus parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown status '" + text + "' (expected WAITING, STARTED, FAILED, CANCELED or SUCCEED)");
    }
  }
}
