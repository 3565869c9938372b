package org.lhsm.bindings;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test helper: appends little-endian fields one by one, so fixtures are packed by hand. */
final class LeBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  LeBytes u8(int v) {
    out.write(v);
    return this;
  }

  LeBytes u32(long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  LeBytes u64(long v) {
    for (int i = 0; i < 8; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  LeBytes bytes(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  LeBytes ascii(String s) {
    return bytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  LeBytes zeros(int n) {
    out.writeBytes(new byte[n]);
    return this;
  }

  LeBytes padTo8() {
    while (out.size() % 8 != 0) {
      out.write(0);
    }
    return this;
  }

  /** An action list header (32 bytes) plus NUL-terminated fsname padded to 8. */
  static LeBytes hal(long version, long count, long flags, long archiveId, String fsname) {
    return new LeBytes()
        .u32(version)
        .u32(count)
        .u64(0)
        .u64(flags)
        .u32(archiveId)
        .u32(0)
        .ascii(fsname)
        .u8(0)
        .padTo8();
  }

  /** One action item (72 bytes + data) padded to 8. */
  LeBytes hai(int action, long seq, int oid, int ver, long off, long len, long cookie, byte[] d) {
    return u32(72 + d.length)
        .u32(action)
        .u64(seq)
        .u32(oid)
        .u32(ver)
        .u64(seq)
        .u32(oid)
        .u32(ver)
        .u64(off)
        .u64(len)
        .u64(cookie)
        .u64(0)
        .bytes(d)
        .padTo8();
  }

  int size() {
    return out.size();
  }

  byte[] array() {
    return out.toByteArray();
  }
}
