package org.lhsm.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.cdt.AgentSink;
import org.lhsm.emulator.cdt.Peer;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.WireReader;
import org.lhsm.emulator.testkit.Await;

/**
 * The selector server against a handler whose durability the test controls: an answer goes out only
 * once its ticket is durable, whatever else the server does meanwhile; answers on one connection
 * keep the order of its requests; a malformed request is refused and the connection closed.
 */
class SocketServerTest {
  @TempDir Path dir;
  private final FakeHandler handler = new FakeHandler();
  private SocketServer server;
  private Path socket;

  /** Operation 7 echoes its body with the next ticket; tickets become durable when told. */
  private static final class FakeHandler implements RequestHandler {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<String> executed = new CopyOnWriteArrayList<>();
    private long nextTicket;
    private volatile long durable;
    volatile int batches;

    @Override
    public synchronized Result handle(Peer peer, int op, WireReader body, AgentSink self) {
      byte[] b;
      try {
        b = body.bytes(body.remaining());
      } catch (HsmException e) {
        return new Result(-e.errno(), new byte[0], null, 0);
      }
      executed.add(new String(b, StandardCharsets.UTF_8));
      if (op != 7) {
        return new Result(-Errno.EINVAL, new byte[0], null, 0);
      }
      return new Result(0, b, null, ++nextTicket);
    }

    synchronized long issued() {
      return nextTicket;
    }

    void makeDurable(long ticket) {
      durable = ticket;
      listeners.forEach(Runnable::run);
    }

    @Override
    public void afterBatch() {
      batches++;
    }

    @Override
    public void eventConnectionClosed(String agentUuid, AgentSink sink) {}

    @Override
    public boolean isDurable(long ticket) {
      return durable >= ticket;
    }

    @Override
    public void awaitDurable(long ticket) {
      Await.until("ticket " + ticket + " durable", () -> isDurable(ticket));
    }

    @Override
    public void onDurable(Runnable r) {
      listeners.add(r);
    }
  }

  @BeforeEach
  void start() throws IOException {
    socket = dir.resolve("s.sock");
    server = new SocketServer(socket, handler);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SocketChannel connect() throws IOException {
    return SocketChannel.open(UnixDomainSocketAddress.of(socket));
  }

  private static ByteBuffer request(int op, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ByteBuffer r = ByteBuffer.allocate(12 + b.length).order(ByteOrder.LITTLE_ENDIAN);
    return r.putInt(8 + b.length).putInt(op).putInt(0).put(b).flip();
  }

  private static void write(SocketChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** Reads one answer: rc and body as text. */
  private static String answer(SocketChannel ch) throws IOException {
    ByteBuffer h = readFully(ch, 8);
    int len = h.getInt();
    int rc = h.getInt();
    String body = new String(readFully(ch, len - 4).array(), StandardCharsets.UTF_8);
    return rc + ":" + body;
  }

  private static ByteBuffer readFully(SocketChannel ch, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new IOException("EOF after " + b.position() + " of " + n + " bytes");
      }
    }
    return b.flip();
  }

  @Test
  void anAnswerWaitsForItsTicketWhileOtherConnectionsAreServed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (SocketChannel a = connect();
        SocketChannel b = connect()) {
      write(a, request(7, "first"));
      Future<String> answerA = pool.submit(() -> answer(a));
      Await.until("first request executed", () -> handler.issued() == 1);
      write(b, request(7, "second"));
      Future<String> answerB = pool.submit(() -> answer(b));
      Await.until("second request executed while the first waits", () -> handler.issued() == 2);
      assertThat(answerA.isDone()).as("no answer before its ticket is durable").isFalse();

      handler.makeDurable(1);
      assertThat(answerA.get(20, TimeUnit.SECONDS)).isEqualTo("0:first");
      assertThat(answerB.isDone()).as("ticket 2 is not durable yet").isFalse();
      handler.makeDurable(2);
      assertThat(answerB.get(20, TimeUnit.SECONDS)).isEqualTo("0:second");
      assertThat(handler.batches).as("the server ran its after-batch hook").isPositive();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void requestsSentAheadOnOneConnectionAreAnsweredInOrder() throws Exception {
    try (SocketChannel c = connect()) {
      ByteBuffer both = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
      both.put(request(7, "one")).put(request(7, "two")).put(request(9, "bad")).flip();
      // split the three requests at an awkward place: inside the second header
      ByteBuffer first = both.duplicate().limit(17);
      write(c, first);
      write(c, both.position(17));
      Await.until("first request executed", () -> handler.issued() == 1);
      assertThat(handler.issued()).as("the next waits until the first is answered").isEqualTo(1);
      handler.makeDurable(1);
      assertThat(answer(c)).isEqualTo("0:one");
      Await.until("second request executed", () -> handler.issued() == 2);
      handler.makeDurable(2);
      assertThat(answer(c)).isEqualTo("0:two");
      assertThat(answer(c))
          .as("a refusal is answered with its errno")
          .isEqualTo(-Errno.EINVAL + ":");
      assertThat(handler.executed).containsExactly("one", "two", "bad");
    }
  }

  @Test
  void aMalformedLengthIsRefusedAndTheConnectionClosed() throws Exception {
    try (SocketChannel c = connect()) {
      ByteBuffer bad = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      write(c, bad.putInt(4).putInt(7).putInt(0).flip());
      assertThat(answer(c)).isEqualTo(-Errno.EPROTO + ":");
      ByteBuffer rest = ByteBuffer.allocate(1);
      Await.until(
          "the server closed the connection", Duration.ofSeconds(20), () -> c.read(rest) < 0);
    }
    assertThat(handler.executed).isEmpty();
  }

  @Test
  void manyConnectionsAtOnceAreAllAnsweredBySyncRounds() throws Exception {
    int n = 50;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<String>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        String body = "r" + i;
        answers.add(
            pool.submit(
                () -> {
                  try (SocketChannel c = connect()) {
                    write(c, request(7, body));
                    return answer(c);
                  }
                }));
      }
      Await.until("all requests executed", () -> handler.issued() == n);
      handler.makeDurable(n / 2);
      Await.until(
          "answers up to the durable ticket",
          () -> answers.stream().filter(Future::isDone).count() == n / 2);
      handler.makeDurable(n);
      for (int i = 0; i < n; i++) {
        assertThat(answers.get(i).get(20, TimeUnit.SECONDS)).isEqualTo("0:r" + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
