package org.lhsm.faults.fuzz;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.lhsm.bindings.Fid;

/**
 * One client of the emulator daemon's socket speaking its wire protocol (PROTOCOL.md §2) with
 * requests valid or mutated, and the check of each answer: within a deadline, framed, a
 * non-positive rc that is an errno (or a small positive MDT index), no body with an error.
 */
final class SocketFuzz {
  static final int[] OPS = {
    1, 10, 11, 20, 21, 22, 23, 30, 31, 32, 33, 34, 35, 36, 40, 41, 42, 43, 44, 50
  };

  private final Path socket;
  private final Path file;
  private final Fid fid;
  private final Path mount;

  SocketFuzz(Path socket, Path file, Fid fid, Path mount) {
    this.socket = socket;
    this.file = file;
    this.fid = fid;
    this.mount = mount;
  }

  /** What one exchange gave. */
  record Answer(int answers, int rc, int bodyLength, String problem) {}

  private static final class Body {
    final ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

    Body u32(long v) {
      b.putInt((int) v);
      return this;
    }

    Body u64(long v) {
      b.putLong(v);
      return this;
    }

    Body str(String s) {
      byte[] x = s.getBytes(StandardCharsets.UTF_8);
      b.putInt(x.length).put(x);
      return this;
    }

    Body fid(Fid f) {
      b.putLong(f.seq()).putInt(f.oid()).putInt(f.ver());
      return this;
    }

    Body zeros(int n) {
      b.put(new byte[n]);
      return this;
    }

    byte[] bytes() {
      byte[] out = new byte[b.position()];
      b.flip().get(out);
      return out;
    }
  }

  /** A request body that the daemon would take for {@code op}. */
  byte[] validBody(int op, SplittableRandom r) {
    Body b = new Body();
    Fid f = r.nextBoolean() ? fid : new Fid(0x200000401L, r.nextInt(64), 0);
    switch (op) {
      case 1 -> b.str("fuzz");
      case 10 -> b.str(mount.toString()).u32(1).u32(1).u32(1 + r.nextInt(3)).str("");
      case 11 -> b.str("agent-" + r.nextInt(10));
      case 20, 23 ->
          b.u64(0) // hc_data_version
              .u32(r.nextInt(4) == 0 ? r.nextInt() : 0) // hc_flags, hc_errval
              .u32(0)
              .u32(72) // hc_hai: the fixed item
              .u32(20 + r.nextInt(4))
              .fid(f)
              .fid(f)
              .u64(0)
              .u64(-1L)
              .u64(r.nextLong())
              .u64(0);
      case 21 -> b.fid(f).u64(r.nextLong()).u64(0).u64(r.nextInt(100)).u32(0).u32(0);
      case 22 -> b.fid(f).u32(-1);
      case 30 -> {
        int n = 1 + r.nextInt(3);
        b.str(file.toString()).u32(r.nextInt(6)).u32(r.nextInt(3)).u64(0).u32(n).u32(0);
        for (int i = 0; i < n; i++) {
          b.fid(f).u64(0).u64(-1L);
        }
      }
      case 40 -> b.str(file.toString());
      case 31, 33, 44 -> openFile(b, r);
      case 32 -> openFile(b, r).u64(r.nextInt(16)).u64(r.nextInt(16)).u32(r.nextInt(3));
      case 34 -> b.str(file.resolveSibling("imp" + r.nextInt(1000)).toString()).zeros(48);
      case 35 -> openFile(b, r).u64(r.nextInt(4));
      case 36 -> openFile(b, r).u64(r.nextLong());
      case 41 -> b.fid(f).u64(0).u32(0);
      case 42, 43 -> b.fid(f);
      default -> b.zeros(r.nextInt(16));
    }
    return b.bytes();
  }

  /**
   * A descriptor's "open file": the path, then no inode, a random one, or a random one with a birth
   * time (the daemon then looks among the objects a restore replaced).
   */
  private Body openFile(Body b, SplittableRandom r) {
    b.str((r.nextInt(4) == 0 ? file + " (deleted)" : file.toString()));
    return switch (r.nextInt(3)) {
      case 0 -> b.u64(0).u64(0);
      case 1 -> b.u64(r.nextLong()).u64(0);
      default -> b.u64(r.nextInt(1 << 20)).u64(r.nextLong());
    };
  }

  /** The frame {@code len | op | flags | body}, with {@code len} as it should be. */
  static byte[] frame(int op, int flags, byte[] body) {
    ByteBuffer f = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    f.putInt(8 + body.length).putInt(op).putInt(flags).put(body);
    return f.array();
  }

  /** Case {@code i}: a valid request, a mutated body, or a mutated frame. */
  byte[] request(SplittableRandom r) {
    int op = r.nextInt(20) == 0 ? r.nextInt(200) - 20 : OPS[r.nextInt(OPS.length)];
    byte[] body = validBody(op, r);
    int how = r.nextInt(10);
    if (how < 2) {
      return frame(op, 0, body);
    }
    if (how < 8) {
      return frame(op, r.nextInt(10) == 0 ? r.nextInt() : 0, Frames.mutate(body, r));
    }
    return Frames.mutate(frame(op, 0, body), r);
  }

  /**
   * Sends {@code frame} on a new connection, half-closes, and reads until the daemon closes: a
   * mutated frame may carry a second request in its tail, which the daemon rightly answers too.
   */
  Answer exchange(byte[] frame, long timeoutMillis) throws IOException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer out = ByteBuffer.wrap(frame);
      while (out.hasRemaining()) {
        ch.write(out);
      }
      ch.shutdownOutput();
      ch.configureBlocking(false);
      ByteBuffer in = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      long deadline = System.currentTimeMillis() + timeoutMillis;
      try (Selector sel = Selector.open()) {
        ch.register(sel, SelectionKey.OP_READ);
        while (true) {
          long left = deadline - System.currentTimeMillis();
          if (left <= 0) {
            return new Answer(0, 0, 0, "no answer and no close within " + timeoutMillis + " ms");
          }
          sel.select(left);
          sel.selectedKeys().clear();
          int n;
          try {
            n = ch.read(in);
          } catch (IOException e) {
            n = -1; // reset by the daemon: a refusal
          }
          if (n < 0) {
            return check(in);
          }
          if (!in.hasRemaining()) {
            return new Answer(0, 0, 0, "answers longer than 64 KiB");
          }
        }
      }
    }
  }

  /** Checks every answer in {@code in} (read to EOF); reports the first one's rc. */
  private static Answer check(ByteBuffer in) {
    if (in.position() == 0) {
      return new Answer(0, 0, 0, null); // closed without an answer: a refusal
    }
    int end = in.position();
    int at = 0;
    Answer first = null;
    int count = 0;
    while (at < end) {
      if (end - at < 8) {
        return new Answer(count, 0, 0, "torn answer of " + (end - at) + " bytes at " + at);
      }
      int len = in.getInt(at);
      int rc = in.getInt(at + 4);
      if (len < 4 || len > end - at - 4) {
        return new Answer(
            count, rc, 0, "answer length " + len + " but " + (end - at - 4) + " bytes");
      }
      int body = len - 4;
      String problem = null;
      if (rc < -133) {
        problem = "rc " + rc + " is no errno";
      } else if (rc < 0 && body != 0) {
        problem = "error " + rc + " with a body of " + body + " bytes";
      }
      count++;
      Answer a = new Answer(count, rc, body, problem);
      if (problem != null) {
        return a;
      }
      if (first == null) {
        first = a;
      }
      at += 4 + len;
    }
    return new Answer(count, first.rc(), first.bodyLength(), null);
  }
}
