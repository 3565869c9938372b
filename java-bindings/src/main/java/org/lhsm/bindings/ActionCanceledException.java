package org.lhsm.bindings;

/** The coordinator canceled the request (ECANCELED): stop copying and end the action. */
public class ActionCanceledException extends LustreException {
  private static final long serialVersionUID = 1L;

  public ActionCanceledException(String function, String target) {
    super(function, target, Errno.ECANCELED.number());
  }
}
