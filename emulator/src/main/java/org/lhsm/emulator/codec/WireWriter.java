package org.lhsm.emulator.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds little-endian protocol bodies. */
public final class WireWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public WireWriter u32(int v) {
    return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
  }

  public WireWriter u64(long v) {
    return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
  }

  public WireWriter fid(Fid f) {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    f.write(b);
    return raw(b.array());
  }

  public WireWriter string(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    u32(bytes.length);
    return raw(bytes);
  }

  public WireWriter raw(byte[] bytes) {
    out.write(bytes, 0, bytes.length);
    return this;
  }

  public byte[] toBytes() {
    return out.toByteArray();
  }
}
