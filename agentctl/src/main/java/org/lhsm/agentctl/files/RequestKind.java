package org.lhsm.agentctl.files;

/** User request actions ({@code enum hsm_user_action}) agentctl can submit. */
public enum RequestKind {
  ARCHIVE,
  RESTORE,
  RELEASE,
  REMOVE,
  CANCEL
}
