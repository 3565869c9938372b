package org.lhsm.emulator.testing;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.HsmCopy;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.OpenFile;
import org.lhsm.emulator.codec.Progress;
import org.lhsm.emulator.codec.UserRequest;
import org.lhsm.emulator.codec.WireReader;
import org.lhsm.emulator.codec.WireWriter;
import org.lhsm.emulator.server.Op;

/** A client of the daemon speaking PROTOCOL.md, as the emulation library would. */
public class ProtocolClient implements AutoCloseable {
  /** A response: rc and its body. */
  public record Response(int rc, byte[] body) {
    public WireReader reader() {
      return new WireReader(body);
    }
  }

  protected final SocketChannel ch;

  public ProtocolClient(Path socket) throws IOException {
    ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
  }

  public Response call(int op, byte[] body) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(8 + body.length).putInt(op).putInt(0).put(body).flip();
    while (b.hasRemaining()) {
      ch.write(b);
    }
    ByteBuffer h = read(8);
    int len = h.getInt();
    int rc = h.getInt();
    return new Response(rc, read(len - 4).array());
  }

  protected ByteBuffer read(int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new EOFException("daemon closed the connection");
      }
    }
    b.flip();
    return b;
  }

  /** Calls and requires success. */
  public WireReader ok(int op, byte[] body) throws IOException {
    Response r = call(op, body);
    if (r.rc() < 0) {
      throw new IllegalStateException("op " + op + " failed with rc " + r.rc());
    }
    return r.reader();
  }

  public Fid path2fid(Path p) throws IOException, HsmException {
    return ok(Op.PATH2FID, new WireWriter().string(p.toString()).toBytes()).fid();
  }

  /** Sends an HSM request; returns rc. */
  public int request(Path anyPath, int hua, int archiveId, long flags, byte[] data, Fid... fids)
      throws IOException {
    List<UserRequest.Item> items =
        java.util.Arrays.stream(fids).map(f -> new UserRequest.Item(f, 0, -1L)).toList();
    byte[] hur = new UserRequest(hua, archiveId, flags, items, data).encode();
    return call(Op.REQUEST, new WireWriter().string(anyPath.toString()).raw(hur).toBytes()).rc();
  }

  /**
   * The "open file" that starts the body of the descriptor operations (STATE_GET, STATE_SET,
   * CURRENT_ACTION, DATA_VERSION_GET/SET, FD2FID) for whatever object is at {@code p}: no inode.
   */
  public static WireWriter openFile(Path p) {
    return OpenFile.byPath(p.toString()).writeTo(new WireWriter());
  }

  /** {states, archive id} of a file, or throws on error. */
  public int[] state(Path p) throws IOException, HsmException {
    WireReader r = ok(Op.STATE_GET, openFile(p).toBytes());
    return new int[] {r.u32(), r.u32()};
  }

  public int stateSet(Path p, long set, long clear, int archive) throws IOException {
    return call(Op.STATE_SET, openFile(p).u64(set).u64(clear).u32(archive).toBytes()).rc();
  }

  public Response copyStart(ActionItem item) throws IOException {
    return call(Op.COPY_START, new HsmCopy(0, 0, 0, item).encode());
  }

  public int progress(Fid fid, long cookie, long off, long len) throws IOException {
    return call(Op.PROGRESS, new Progress(fid, cookie, off, len, 0, 0).encode()).rc();
  }

  public int copyEnd(ActionItem item, int flags, int errval) throws IOException {
    return call(Op.COPY_END, new HsmCopy(0, flags, errval, item).encode()).rc();
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
