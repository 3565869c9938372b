package org.lhsm.agentctl.params;

/** Byte range of a request; length {@link #EOF} (all ones) means "to the end of the file". */
public record Extent(long offset, long length) {
  public static final long EOF = -1L;

  public boolean isWholeFile() {
    return offset == 0 && length == EOF;
  }

  @Override
  public String toString() {
    return "0x" + Long.toHexString(offset) + "-0x" + Long.toHexString(length);
  }
}
