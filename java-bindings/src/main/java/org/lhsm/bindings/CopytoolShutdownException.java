package org.lhsm.bindings;

/** The kernel told the copytool to stop (ESHUTDOWN, the filesystem is unmounting). */
public class CopytoolShutdownException extends LustreException {
  private static final long serialVersionUID = 1L;

  public CopytoolShutdownException(String function, String target) {
    super(function, target, Errno.ESHUTDOWN.number());
  }
}
