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
  // set and read across threads without the write lock, so close() never waits behind a write
  private volatile boolean holding;
  private volatile boolean closeWhenFlushed;

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
    synchronized (writeLock) {
      writeAll(response(rc, body));
    }
  }

  /**
   * Answers a registration and then writes the frames held back meanwhile, as one unit: a frame the
   * coordinator sends (e.g. shutdown) between the two can neither overtake the answer nor be lost.
   */
  void answerRegistration(int rc, byte[] body) throws IOException {
    synchronized (writeLock) {
      writeAll(response(rc, body));
      List<byte[]> pending = held;
      held = null;
      for (byte[] f : pending) {
        writeAll(f);
      }
      holding = false;
    }
    if (closeWhenFlushed) {
      closeNow();
    }
  }

  private static byte[] response(int rc, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(4 + body.length).putInt(rc).put(body);
    return b.array();
  }

  @Override
  public void send(byte[] frame) throws IOException {
    synchronized (writeLock) {
      if (held != null) {
        held.add(frame);
        holding = true;
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

  /**
   * Closes the connection; if frames are held for a registration still being answered, the serving
   * thread closes it right after writing them (it always reaches that point or fails and closes).
   */
  @Override
  public void close() {
    closeWhenFlushed = true;
    if (!holding) {
      closeNow();
    }
  }

  /** Closes at once, held frames or not. */
  void closeNow() {
    try {
      ch.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
