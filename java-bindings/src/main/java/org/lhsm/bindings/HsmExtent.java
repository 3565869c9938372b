package org.lhsm.bindings;

/**
 * A byte range ({@code struct hsm_extent}); a length of {@link #EOF} means "to end of file".
 *
 * @param offset first byte (unsigned)
 * @param length number of bytes (unsigned), or {@link #EOF}
 */
public record HsmExtent(long offset, long length) {

  /** {@code LUSTRE_EOF}: the all-ones length meaning "to end of file". */
  public static final long EOF = -1L;

  /** The whole file: offset 0, length {@link #EOF}. */
  public static HsmExtent whole() {
    return new HsmExtent(0, EOF);
  }

  /** Exclusive end offset, saturating at {@link #EOF} (unsigned) instead of wrapping. */
  public long end() {
    long end = offset + length;
    return Long.compareUnsigned(end, offset) < 0 || length == EOF ? EOF : end;
  }
}
