package org.lhsm.emulator.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.lhsm.emulator.cdt.Peer;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.WireReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connections on the daemon socket and serves each on its own thread, taken from a pool:
 * the emulation library opens a connection per call, so threads are reused rather than started per
 * call (an event connection keeps its thread until it ends).
 */
public final class SocketServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SocketServer.class);
  private static final int MAX_REQUEST = 1 << 20;
  private final Path socket;
  private final RequestHandler handler;
  private final String owner = System.getProperty("user.name");
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ids = new AtomicInteger();
  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "emu-conn-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
  private ServerSocketChannel server;
  private Thread acceptor;

  public SocketServer(Path socket, RequestHandler handler) {
    this.socket = socket;
    this.handler = handler;
  }

  public void start() throws IOException {
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
    acceptor = new Thread(this::acceptLoop, "emu-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptLoop() {
    while (true) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.warn("accept failed: {}", e.toString());
        return;
      }
      Connection c = new Connection(ch);
      connections.add(c);
      try {
        workers.execute(() -> serve(c));
      } catch (RejectedExecutionException e) {
        connections.remove(c);
        c.closeNow();
        return;
      }
    }
  }

  private Peer peerOf(SocketChannel ch) {
    try {
      UnixDomainPrincipal p = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
      String user = p.user().getName();
      return new Peer(user, p.group().getName(), user.equals("root") || user.equals(owner));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("no peer credentials: {}", e.toString());
      return new Peer("?", "?", false);
    }
  }

  private void serve(Connection c) {
    Peer peer = peerOf(c.channel());
    try {
      while (true) {
        byte[] lenBytes = c.readFully(4, true);
        if (lenBytes == null) {
          return;
        }
        int len = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (len < 8 || len > MAX_REQUEST) {
          c.writeResponse(-Errno.EPROTO, new byte[0]);
          return;
        }
        ByteBuffer msg = ByteBuffer.wrap(c.readFully(len, false)).order(ByteOrder.LITTLE_ENDIAN);
        int op = msg.getInt();
        msg.getInt();
        byte[] body = new byte[len - 8];
        msg.get(body);
        RequestHandler.Result r;
        try {
          if (Op.isRoot(op) && !peer.privileged()) {
            throw new HsmException(Errno.EPERM, "operation " + op + " needs root");
          }
          r = handler.handle(peer, op, new WireReader(body), c);
        } catch (HsmException e) {
          LOG.debug("op {} from {}: {}", op, peer.user(), e.getMessage());
          r = new RequestHandler.Result(-e.errno(), new byte[0], null);
        } catch (RuntimeException e) {
          LOG.error("op {} failed", op, e);
          r = new RequestHandler.Result(-Errno.EIO, new byte[0], null);
        }
        if (r.registeredAgent() != null) {
          c.answerRegistration(r.rc(), r.body());
          awaitEof(c, r.registeredAgent());
          return;
        }
        c.writeResponse(r.rc(), r.rc() < 0 ? new byte[0] : r.body());
      }
    } catch (IOException e) {
      LOG.debug("connection closed: {}", e.toString());
    } finally {
      connections.remove(c);
      c.closeNow();
    }
  }

  /** The event connection is write-only for the daemon: reading only detects its end. */
  private void awaitEof(Connection c, String agent) {
    try {
      while (c.readFully(1, true) != null) {
        LOG.debug("ignoring a byte sent on the event connection of {}", agent);
      }
    } catch (IOException e) {
      LOG.debug("event connection of {}: {}", agent, e.toString());
    }
    handler.eventConnectionClosed(agent, c);
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException e) {
      LOG.debug("closing server socket: {}", e.toString());
    }
    for (Connection c : connections) {
      c.close();
    }
    workers.shutdown();
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      LOG.warn("cannot remove {}: {}", socket, e.toString());
    }
  }

  /** True if a daemon answers HELLO on the socket. */
  public static boolean answers(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      byte[] v = "probe".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ByteBuffer b = ByteBuffer.allocate(16 + v.length).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(12 + v.length).putInt(Op.HELLO).putInt(0).putInt(v.length).put(v).flip();
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      while (h.hasRemaining()) {
        if (ch.read(h) < 0) {
          return false;
        }
      }
      return h.getInt(4) == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
