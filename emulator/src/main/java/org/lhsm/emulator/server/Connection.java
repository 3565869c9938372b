package org.lhsm.emulator.server;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.lhsm.emulator.cdt.AgentSink;

/** One accepted connection; after a registration it doubles as the agent's event sink. */
final class Connection implements AgentSink {
  private final SocketChannel ch;
  private final Object writeLock = new Object();
  private List<byte[]> held = new ArrayList<>();

  Connection(SocketChannel ch) {
    this.ch = ch;
  }

  SocketChannel channel() {
    return ch;
  }

  /** Reads exactly n bytes, or returns null at a clean EOF before the first byte. */
  byte[] readFully(int n, boolean eofOk) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        if (eofOk && b.position() == 0) {
          return null;
        }
        throw new EOFException("connection closed mid-message");
      }
    }
    return b.array();
  }

  void writeResponse(int rc, byte[] body) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(4 + body.length).putInt(rc).put(body).flip();
    synchronized (writeLock) {
      while (b.hasRemaining()) {
        ch.write(b);
      }
    }
  }

  /** Frames sent before the registration answer is written are held back until then. */
  void activate() throws IOException {
    List<byte[]> pending;
    synchronized (writeLock) {
      pending = held;
      held = null;
      for (byte[] f : pending) {
        writeAll(f);
      }
    }
  }

  @Override
  public void send(byte[] frame) throws IOException {
    synchronized (writeLock) {
      if (held != null) {
        held.add(frame);
        return;
      }
      writeAll(frame);
    }
  }

  private void writeAll(byte[] frame) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(frame);
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  @Override
  public void close() {
    try {
      ch.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
