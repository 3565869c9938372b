package org.lhsm.copytool.core;

/** What the coordinator asks for in one action item. */
public enum ActionKind {
  ARCHIVE,
  RESTORE,
  REMOVE,
  CANCEL,
  /** NOOP (code 10) as the stock tool prints it. */
  NOOP,
  /** Any code the copytool does not know; it is failed with EINVAL. */
  UNKNOWN;

  /** The upper-case name the stock tool prints (and that the test harness greps for). */
  public String wireName() {
    return name();
  }
}
