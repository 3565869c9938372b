package org.lhsm.emulator.codec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads little-endian protocol fields; any short read becomes {@code EPROTO}. */
public final class WireReader {
  private final ByteBuffer b;

  public WireReader(byte[] bytes) {
    this.b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  public int u32() throws HsmException {
    try {
      return b.getInt();
    } catch (BufferUnderflowException e) {
      throw short_("u32");
    }
  }

  public long u64() throws HsmException {
    try {
      return b.getLong();
    } catch (BufferUnderflowException e) {
      throw short_("u64");
    }
  }

  public Fid fid() throws HsmException {
    try {
      return Fid.read(b);
    } catch (BufferUnderflowException e) {
      throw short_("fid");
    }
  }

  public byte[] bytes(int n) throws HsmException {
    if (n < 0 || n > b.remaining()) {
      throw short_(n + " bytes");
    }
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  public String string() throws HsmException {
    int n = u32();
    return new String(bytes(n), StandardCharsets.UTF_8);
  }

  public int remaining() {
    return b.remaining();
  }

  private static HsmException short_(String what) {
    return new HsmException(Errno.EPROTO, "request too short reading " + what);
  }
}
