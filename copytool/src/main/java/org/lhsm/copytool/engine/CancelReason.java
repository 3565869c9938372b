package org.lhsm.copytool.engine;

/** Why a running or queued action is being stopped. */
enum CancelReason {
  /** A CANCEL item or ECANCELED from the coordinator: end with ECANCELED. */
  CANCELED,
  /** Copytool shutdown past the grace period: end with ESHUTDOWN and the retry flag. */
  SHUTDOWN
}
