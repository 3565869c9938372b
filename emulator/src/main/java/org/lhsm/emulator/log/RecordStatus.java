package org.lhsm.emulator.log;

/** {@code enum agent_req_status}, with the llog values. */
public enum RecordStatus {
  WAITING(0),
  STARTED(1),
  FAILED(2),
  CANCELED(3),
  SUCCEED(4);

  private final int value;

  RecordStatus(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  public boolean isFinal() {
    return this == FAILED || this == CANCELED || this == SUCCEED;
  }
}
