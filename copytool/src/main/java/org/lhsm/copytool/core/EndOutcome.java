package org.lhsm.copytool.core;

/** What became of an action's end report, as far as the copytool can tell. */
public enum EndOutcome {
  /** The coordinator answered and took the end. */
  ACCEPTED,
  /** The coordinator answered that the request was canceled: the end took no effect. */
  REFUSED,
  /**
   * The report failed without a clear answer (connection lost, coordinator restarted, the cookie
   * unknown to it): it may have been taken before the failure, or not.
   */
  UNKNOWN
}
