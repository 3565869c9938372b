package org.lhsm.faults.fuzz;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A coordinator gone wrong: an emulated filesystem whose daemon socket is served here. It answers a
 * registration (that connection becomes the event connection, on which the campaign writes whatever
 * frames it likes), unregister and COPY_END (whose cookies it records), and refuses everything else
 * with ENOENT, so a copytool fails each action it is sent and reports that.
 */
final class FakeCoordinator implements AutoCloseable {
  static final String FSNAME = "fuzz";
  private static final int CT_REGISTER = 10;
  private static final int CT_UNREGISTER = 11;
  private static final int COPY_END = 23;

  private final Path dir;
  private final ServerSocketChannel server;
  private final AtomicReference<SocketChannel> events = new AtomicReference<>();
  private final AtomicInteger registrations = new AtomicInteger();
  private final Set<Long> ended = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  FakeCoordinator(Path dir) throws IOException {
    this.dir = dir;
    Path fs = Files.createDirectories(dir.resolve("fs"));
    Files.createDirectories(fs.resolve(".lustre/fid"));
    Path sock = dir.resolve("s");
    Files.writeString(
        fs.resolve(".lustre/lhsm-emulator.conf"),
        "socket=" + sock + "\nfsname=" + FSNAME + "\nfsroot=" + fs.toRealPath() + "\n");
    Files.createSymbolicLink(dir.resolve("mnt"), Path.of("fs"));
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(sock));
    acceptor = new Thread(this::acceptLoop, "fake-coordinator");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  Path mount() {
    return dir.resolve("mnt");
  }

  int registrations() {
    return registrations.get();
  }

  boolean ended(long cookie) {
    return ended.contains(cookie);
  }

  int endedCount() {
    return ended.size();
  }

  /** Writes {@code frame} on the current event connection; false if there is none. */
  boolean send(byte[] frame) {
    SocketChannel c = events.get();
    if (c == null) {
      return false;
    }
    try {
      synchronized (c) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        while (b.hasRemaining()) {
          c.write(b);
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel c = server.accept();
        Thread t = new Thread(() -> serve(c), "fake-coordinator-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void readFully(SocketChannel c, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (c.read(b) < 0) {
        throw new IOException("eof");
      }
    }
    b.flip();
  }

  private void serve(SocketChannel c) {
    try {
      while (true) {
        ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(c, h);
        int len = h.getInt();
        int op = h.getInt();
        if (len < 8 || len > (1 << 20)) {
          c.close();
          return;
        }
        ByteBuffer body = ByteBuffer.allocate(len - 8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(c, body);
        if (op == CT_REGISTER) {
          byte[] uuid = "fuzz-agent".getBytes(StandardCharsets.US_ASCII);
          ByteBuffer r = ByteBuffer.allocate(12 + uuid.length).order(ByteOrder.LITTLE_ENDIAN);
          r.putInt(8 + uuid.length).putInt(0).putInt(uuid.length).put(uuid).flip();
          // the answer first, then the connection is published to send(): a frame written
          // before the answer would be read as the answer (as the emulator, which holds frames
          // back until the registration is answered)
          while (r.hasRemaining()) {
            c.write(r);
          }
          SocketChannel old = events.getAndSet(c);
          registrations.incrementAndGet();
          if (old != null) {
            old.close();
          }
          return; // the event connection: written to by send()
        }
        int rc = -2; // ENOENT
        if (op == CT_UNREGISTER) {
          rc = 0;
        } else if (op == COPY_END && body.remaining() >= 88) {
          ended.add(body.getLong(16 + 56)); // hc_hai.hai_cookie
          rc = 0;
        }
        ByteBuffer r = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt(4).putInt(rc).flip();
        while (r.hasRemaining()) {
          c.write(r);
        }
      }
    } catch (IOException e) {
      try {
        c.close();
      } catch (IOException ignored) {
        // gone
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    SocketChannel c = events.get();
    if (c != null) {
      c.close();
    }
    Files.deleteIfExists(dir.resolve("s"));
  }
}
