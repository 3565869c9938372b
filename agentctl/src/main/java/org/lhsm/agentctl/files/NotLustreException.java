package org.lhsm.agentctl.files;

import java.nio.file.FileSystemException;

/** The path exists but is not on a Lustre filesystem (liblustreapi: ENOTTY / ENODEV). */
public final class NotLustreException extends FileSystemException {
  private static final long serialVersionUID = 1L;

  public NotLustreException(String path) {
    super(path, null, "not on a Lustre filesystem");
  }

  @Override
  public String getMessage() {
    return "not on a Lustre filesystem: " + getFile();
  }
}
