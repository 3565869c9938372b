package org.lhsm.copytool.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of an S3 server that injects faults: the first request of each of
 * the next {@link #throttleNext(int) n} connections is answered {@code 503 SlowDown} (with {@code
 * Connection: close}); every other connection is passed through byte for byte. The SigV4 signature
 * still matches: the client signs the proxy's host and port, the server checks the same Host
 * header.
 */
final class FaultProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
          });
  private final AtomicInteger throttle = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final java.util.Set<Socket> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

  FaultProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.submit(this::acceptLoop);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /**
   * The next {@code n} connections get 503 SlowDown for their first request. Open connections are
   * closed, so that every request from now on needs a new connection (the client's pool
   * reconnects).
   */
  void throttleNext(int n) {
    throttle.set(n);
    for (Socket s : live) {
      try {
        s.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }

  /** Requests answered 503 so far. */
  int throttled() {
    return throttled.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        threads.submit(() -> handle(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      if (throttle.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        slowDown(client);
        return;
      }
      live.add(client);
      try (Socket up = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
        var a = threads.submit(() -> pump(client.getInputStream(), up.getOutputStream(), up));
        pump(up.getInputStream(), client.getOutputStream(), client);
        a.cancel(true);
      } finally {
        live.remove(client);
      }
    } catch (IOException e) {
      // connection closed by either side
    }
  }

  private void slowDown(Socket client) throws IOException {
    InputStream in = client.getInputStream();
    String head = readHead(in);
    long length = 0;
    boolean expect = false;
    for (String line : head.split("\r\n")) {
      String l = line.toLowerCase(Locale.ROOT);
      if (l.startsWith("content-length:")) {
        length = Long.parseLong(l.substring(15).strip());
      }
      if (l.startsWith("expect:") && l.contains("100-continue")) {
        expect = true;
      }
    }
    if (!expect) {
      in.skipNBytes(length); // read the body so the client sees the answer, not a reset
    }
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                + "<Message>Please reduce your request rate.</Message></Error>")
            .getBytes(StandardCharsets.UTF_8);
    OutputStream out = client.getOutputStream();
    out.write(
        ("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
                + body.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    throttled.incrementAndGet();
    client.shutdownOutput();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      b.write(c);
      state =
          (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
              ? state + 1
              : 0;
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  private static Void pump(InputStream in, OutputStream out, Socket sink) {
    byte[] buf = new byte[64 << 10];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
      sink.shutdownOutput();
    } catch (IOException e) {
      try {
        sink.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
