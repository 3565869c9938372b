package org.lhsm.emulator.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.lhsm.emulator.cdt.Peer;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.WireReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the daemon socket from one thread with a selector: connections are accepted, requests read
 * and executed, and answers written there, so an operation costs no thread hand-off (the emulation
 * library opens a connection per call). An answer waits until the ticket of its operation is
 * durable ({@link RequestHandler#isDurable}): the commit thread wakes the selector after every sync
 * round, and every answer that round covered goes out at once; meanwhile the loop reads and
 * executes the next operations, which share the next sync. A connection's next request is read only
 * after its answer went out (one request, one response, in order).
 *
 * <p>A connection whose {@code CT_REGISTER} succeeded leaves the selector: it is switched to
 * blocking mode and handed to a thread of its own, which answers the registration (with the frames
 * held back meanwhile, see {@link Connection}) and then only waits for its end, while the
 * coordinator writes action lists to it.
 */
public final class SocketServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SocketServer.class);
  private static final int MAX_REQUEST = 1 << 20;
  private static final int READ_BUFFER = 16 << 10;
  private final Path socket;
  private final RequestHandler handler;
  private final String owner = System.getProperty("user.name");
  private final Set<Connection> eventConnections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ids = new AtomicInteger();
  private final ExecutorService eventThreads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "emu-event-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  /** Answers waiting for durability (owned by the loop thread). */
  private final List<Client> waiting = new ArrayList<>();

  /** Connections leaving the selector for a thread of their own (owned by the loop thread). */
  private final List<Client> handOffs = new ArrayList<>();

  /** Set by the commit thread when a sync round ended while answers were waiting. */
  private final AtomicBoolean durableMoved = new AtomicBoolean();

  private volatile boolean waitingAnswers;
  private volatile boolean stopping;
  private ServerSocketChannel server;
  private Selector selector;
  private Thread loop;

  public SocketServer(Path socket, RequestHandler handler) {
    this.socket = socket;
    this.handler = handler;
  }

  public void start() throws IOException {
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
    server.configureBlocking(false);
    selector = Selector.open();
    server.register(selector, SelectionKey.OP_ACCEPT);
    handler.onDurable(
        () -> {
          if (waitingAnswers) {
            durableMoved.set(true);
            selector.wakeup();
          }
        });
    loop = new Thread(this::serveLoop, "emu-server");
    loop.setDaemon(true);
    loop.start();
  }

  /** Whether the calling thread is the server's (the one that executes operations). */
  public boolean onServerThread() {
    return Thread.currentThread() == loop;
  }

  /** One connection served by the selector: its read buffer and the answer it waits to send. */
  private final class Client {
    final SocketChannel ch;
    final Connection conn;
    final Peer peer;
    SelectionKey key;
    ByteBuffer in = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out;
    RequestHandler.Result pending;
    boolean closeAfterAnswer;

    Client(SocketChannel ch, Peer peer) {
      this.ch = ch;
      this.conn = new Connection(ch);
      this.peer = peer;
    }
  }

  private void serveLoop() {
    try {
      while (!stopping) {
        if (selector.selectedKeys().isEmpty()) {
          selector.select();
        }
        if (stopping) {
          break;
        }
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey k = it.next();
          it.remove();
          try {
            if (!k.isValid()) {
              continue;
            }
            if (k.isAcceptable()) {
              acceptAll();
            } else {
              Client c = (Client) k.attachment();
              if (k.isWritable()) {
                flush(c);
              }
              if (k.isValid() && k.isReadable()) {
                read(c);
              }
            }
          } catch (IOException | RuntimeException e) {
            if (k.attachment() instanceof Client c) {
              LOG.debug("connection closed: {}", e.toString());
              drop(c);
            } else {
              LOG.warn("accept failed: {}", e.toString());
            }
          }
        }
        try {
          answerDurable();
          handOff();
          handler.afterBatch();
        } catch (RuntimeException e) {
          LOG.error("server loop: {}", e.toString(), e);
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!stopping) {
        LOG.error("server loop failed", e);
      }
    }
  }

  private void acceptAll() throws IOException {
    SocketChannel ch;
    while ((ch = server.accept()) != null) {
      ch.configureBlocking(false);
      Client c = new Client(ch, peerOf(ch));
      c.key = ch.register(selector, SelectionKey.OP_READ, c);
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

  /** Reads what arrived and executes every complete request, one at a time per connection. */
  private void read(Client c) throws IOException {
    if (!c.in.hasRemaining()) {
      if (c.pending != null || c.out != null) {
        c.key.interestOps(0); // a client sending ahead of its answers waits for them
        return;
      }
      c.in = grow(c.in, c.in.capacity() * 2);
    }
    int n = c.ch.read(c.in);
    if (n < 0) {
      if (c.in.position() > 0) {
        LOG.debug("connection closed mid-message");
      }
      drop(c);
      return;
    }
    executeBuffered(c);
  }

  private static ByteBuffer grow(ByteBuffer b, int capacity) {
    ByteBuffer n = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    b.flip();
    n.put(b);
    return n;
  }

  /** Executes the buffered requests until one has to wait for its answer to go out. */
  private void executeBuffered(Client c) {
    while (c.pending == null && c.out == null && c.ch.isOpen() && c.key.isValid()) {
      if (c.in.position() < 4) {
        return;
      }
      int len = c.in.getInt(0);
      if (len < 8 || len > MAX_REQUEST) {
        c.closeAfterAnswer = true;
        answer(c, new RequestHandler.Result(-Errno.EPROTO, new byte[0], null, 0));
        return;
      }
      if (c.in.position() < 4 + len) {
        if (c.in.capacity() < 4 + len) {
          c.in = grow(c.in, Math.max(4 + len, READ_BUFFER));
        }
        return;
      }
      ByteBuffer msg = c.in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      msg.position(4).limit(4 + len);
      int op = msg.getInt();
      msg.getInt();
      byte[] body = new byte[len - 8];
      msg.get(body);
      c.in.flip().position(4 + len);
      c.in.compact();
      answer(c, execute(c, op, body));
    }
  }

  private RequestHandler.Result execute(Client c, int op, byte[] body) {
    if (Op.isRoot(op) && !c.peer.privileged()) {
      LOG.debug("op {} from {}: needs root", op, c.peer.user());
      return new RequestHandler.Result(-Errno.EPERM, new byte[0], null, 0);
    }
    try {
      return handler.handle(c.peer, op, new WireReader(body), c.conn);
    } catch (RuntimeException e) {
      LOG.error("op {} failed", op, e);
      return new RequestHandler.Result(-Errno.EIO, new byte[0], null, 0);
    }
  }

  /** Sends an answer once its ticket is durable; a registration leaves the selector. */
  private void answer(Client c, RequestHandler.Result r) {
    if (r.registeredAgent() != null) {
      c.pending = r;
      c.key.cancel();
      handOffs.add(c);
      return;
    }
    RequestHandler.Result now = durableOrFailed(r);
    if (now != null) {
      send(c, now);
      return;
    }
    c.pending = r;
    waiting.add(c);
    waitingAnswers = true;
    // a sync round that ended before the flag was set did not wake the selector: look again
    if (durableOrFailed(r) != null) {
      durableMoved.set(true);
      selector.wakeup();
    }
  }

  /** {@code r} if its ticket is durable, an EIO answer if it never will be, else null. */
  private RequestHandler.Result durableOrFailed(RequestHandler.Result r) {
    try {
      return handler.isDurable(r.ticket()) ? r : null;
    } catch (UncheckedIOException e) {
      return new RequestHandler.Result(-Errno.EIO, new byte[0], null, 0);
    }
  }

  /**
   * Sends the answers whose tickets the last sync rounds covered. They are taken off the waiting
   * list first: sending one executes its connection's next request, which may wait in turn.
   */
  private void answerDurable() {
    if (waiting.isEmpty() || !durableMoved.getAndSet(false)) {
      return;
    }
    List<Client> ready = new ArrayList<>();
    List<RequestHandler.Result> answers = new ArrayList<>();
    Iterator<Client> it = waiting.iterator();
    while (it.hasNext()) {
      Client c = it.next();
      RequestHandler.Result r = c.pending == null ? null : durableOrFailed(c.pending);
      if (c.pending != null && r == null) {
        continue;
      }
      it.remove();
      c.pending = null;
      if (r != null && c.ch.isOpen()) {
        ready.add(c);
        answers.add(r);
      }
    }
    waitingAnswers = !waiting.isEmpty();
    for (int i = 0; i < ready.size(); i++) {
      send(ready.get(i), answers.get(i));
    }
  }

  private void send(Client c, RequestHandler.Result r) {
    byte[] b = r.rc() < 0 ? new byte[0] : r.body();
    ByteBuffer buf = ByteBuffer.allocate(8 + b.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(4 + b.length).putInt(r.rc()).put(b).flip();
    c.out = buf;
    try {
      flush(c);
    } catch (IOException e) {
      LOG.debug("connection closed: {}", e.toString());
      drop(c);
    }
  }

  /** Writes what the socket takes; the rest when it is writable again. */
  private void flush(Client c) throws IOException {
    ByteBuffer b = c.out;
    if (b == null) {
      return;
    }
    c.ch.write(b);
    if (b.hasRemaining()) {
      c.key.interestOps(SelectionKey.OP_WRITE);
      return;
    }
    c.out = null;
    if (c.closeAfterAnswer) {
      drop(c);
      return;
    }
    if (c.pending == null && c.key.isValid()) {
      if (c.key.interestOps() != SelectionKey.OP_READ) {
        c.key.interestOps(SelectionKey.OP_READ);
      }
      executeBuffered(c);
    }
  }

  private void drop(Client c) {
    if (c.key != null) {
      c.key.cancel();
    }
    c.pending = null;
    c.conn.closeNow();
  }

  /**
   * Registered connections: out of the selector (the cancelled keys are flushed by a selectNow),
   * back to blocking mode, answered and watched on a thread of their own.
   */
  private void handOff() {
    if (handOffs.isEmpty()) {
      return;
    }
    try {
      selector.selectNow();
    } catch (IOException e) {
      LOG.warn("selector: {}", e.toString());
    }
    for (Client c : handOffs) {
      RequestHandler.Result r = c.pending;
      c.pending = null;
      try {
        c.ch.configureBlocking(true);
        eventConnections.add(c.conn);
        eventThreads.execute(() -> serveEvents(c.conn, r, c.in));
      } catch (IOException | RejectedExecutionException e) {
        LOG.debug("registered connection lost: {}", e.toString());
        eventConnections.remove(c.conn);
        c.conn.closeNow();
        handler.eventConnectionClosed(r.registeredAgent(), c.conn);
      }
    }
    handOffs.clear();
  }

  /** Answers a registration once durable, then only detects the end of the event connection. */
  private void serveEvents(Connection c, RequestHandler.Result r, ByteBuffer unread) {
    String agent = r.registeredAgent();
    try {
      handler.awaitDurable(r.ticket());
      c.answerRegistration(r.rc(), r.body());
      if (unread.position() > 0) {
        LOG.debug("ignoring bytes sent on the event connection of {}", agent);
      }
      while (c.readFully(1, true) != null) {
        LOG.debug("ignoring a byte sent on the event connection of {}", agent);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("event connection of {}: {}", agent, e.toString());
    } finally {
      eventConnections.remove(c);
      c.closeNow();
    }
    handler.eventConnectionClosed(agent, c);
  }

  @Override
  public void close() {
    stopping = true;
    if (selector != null) {
      selector.wakeup();
      if (loop != null && Thread.currentThread() != loop) {
        try {
          loop.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      for (SelectionKey k : selector.keys()) {
        if (k.attachment() instanceof Client c) {
          c.conn.closeNow();
        }
      }
      try {
        selector.close();
      } catch (IOException e) {
        LOG.debug("closing selector: {}", e.toString());
      }
    }
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException e) {
      LOG.debug("closing server socket: {}", e.toString());
    }
    for (Connection c : eventConnections) {
      c.close();
    }
    eventThreads.shutdown();
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
