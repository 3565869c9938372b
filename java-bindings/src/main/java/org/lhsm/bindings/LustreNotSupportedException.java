package org.lhsm.bindings;

/**
 * The loaded liblustreapi does not export the function (an older Lustre release). Carries ENOSYS.
 */
public class LustreNotSupportedException extends LustreException {
  private static final long serialVersionUID = 1L;

  public LustreNotSupportedException(String function) {
    super(function + ": not supported by this liblustreapi", function, null, Errno.ENOSYS.number());
  }
}
