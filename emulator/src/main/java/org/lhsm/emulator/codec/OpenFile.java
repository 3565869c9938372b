package org.lhsm.emulator.codec;

/**
 * A client's open descriptor as the descriptor operations name it (PROTOCOL.md, "openfile"): its
 * path as {@code /proc/self/fd} gives it, then its object's inode and birth time ({@code ino} 0:
 * whatever object is at the path; {@code birthTimeNs} 0: unknown).
 */
public record OpenFile(String path, long ino, long birthTimeNs) {
  /** Whatever object is at {@code path} (no descriptor). */
  public static OpenFile byPath(String path) {
    return new OpenFile(path, 0, 0);
  }

  public static OpenFile read(WireReader in) throws HsmException {
    String path = in.string();
    long ino = in.u64();
    return new OpenFile(path, ino, in.u64());
  }

  /** Appends this openfile to {@code w}; returns {@code w}. */
  public WireWriter writeTo(WireWriter w) {
    return w.string(path).u64(ino).u64(birthTimeNs);
  }
}
