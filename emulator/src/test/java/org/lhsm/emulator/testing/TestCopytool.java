package org.lhsm.emulator.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.lhsm.emulator.codec.ActionList;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.WireWriter;
import org.lhsm.emulator.server.Op;
import org.lhsm.emulator.testkit.Await;

/**
 * A copytool: registers on an event connection and queues the KUC frames it receives; a second
 * connection carries its COPY_START/PROGRESS/COPY_END calls.
 */
public final class TestCopytool implements AutoCloseable {
  private static final byte[] SHUTDOWN = new byte[0];
  private static final byte[] EOF = new byte[0];
  private final ProtocolClient events;
  private final ProtocolClient control;
  private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
  private final String uuid;
  private volatile boolean closedByEof;

  private TestCopytool(ProtocolClient events, ProtocolClient control, String uuid) {
    this.events = events;
    this.control = control;
    this.uuid = uuid;
    Thread t = new Thread(this::readLoop, "test-copytool-" + uuid);
    t.setDaemon(true);
    t.start();
  }

  /** Registers; returns the copytool or throws with the daemon's rc. */
  public static TestCopytool register(Path socket, Path mount, String prevUuid, int... archives)
      throws IOException, HsmException {
    ProtocolClient ev = new ProtocolClient(socket);
    WireWriter w = new WireWriter().string(mount.toString()).u32(4242).u32(archives.length);
    for (int a : archives) {
      w.u32(a);
    }
    w.string(prevUuid);
    ProtocolClient.Response r = ev.call(Op.CT_REGISTER, w.toBytes());
    if (r.rc() < 0) {
      ev.close();
      throw new RegistrationFailed(r.rc());
    }
    return new TestCopytool(ev, new ProtocolClient(socket), r.reader().string());
  }

  /** Registration refused by the daemon. */
  public static final class RegistrationFailed extends IOException {
    public final int rc;

    RegistrationFailed(int rc) {
      super("CT_REGISTER rc=" + rc);
      this.rc = rc;
    }
  }

  public String uuid() {
    return uuid;
  }

  public ProtocolClient control() {
    return control;
  }

  private void readLoop() {
    try {
      while (true) {
        ByteBuffer h = events.read(8);
        int magic = h.getShort() & 0xffff;
        int transport = h.get();
        h.get();
        int type = h.getShort() & 0xffff;
        int len = h.getShort() & 0xffff;
        if (magic != ActionList.KUC_MAGIC) {
          throw new IOException("bad KUC magic " + magic);
        }
        byte[] payload = events.read(len - 8).array();
        if (transport == ActionList.KUC_TRANSPORT_GENERIC && type == ActionList.KUC_MSG_SHUTDOWN) {
          frames.add(SHUTDOWN);
        } else if (transport == ActionList.KUC_TRANSPORT_HSM
            && type == ActionList.HMT_ACTION_LIST) {
          frames.add(payload);
        }
      }
    } catch (IOException e) {
      closedByEof = true;
      frames.add(EOF);
    }
  }

  /** Next action list, or null if none arrives in time; fails on shutdown/EOF. */
  public ActionList.Decoded next(Duration timeout) throws InterruptedException, HsmException {
    byte[] f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (f == null) {
      return null;
    }
    if (f == SHUTDOWN || f == EOF) {
      frames.add(f);
      throw new IllegalStateException(f == SHUTDOWN ? "shutdown received" : "connection closed");
    }
    return ActionList.decode(f);
  }

  /** Waits for the shutdown frame (other frames are dropped). */
  public boolean awaitShutdown(Duration timeout) {
    Await.until(
        "shutdown frame", timeout, () -> frames.poll(100, TimeUnit.MILLISECONDS) == SHUTDOWN);
    return true;
  }

  /** Waits until the daemon closed the event connection. */
  public boolean awaitEof(Duration timeout) {
    Await.until("event connection EOF", timeout, () -> closedByEof);
    return true;
  }

  public int unregister() throws IOException {
    return control.call(Op.CT_UNREGISTER, new WireWriter().string(uuid).toBytes()).rc();
  }

  /** Simulates a crash: the event connection is closed without unregistering. */
  public void die() throws IOException {
    events.close();
    control.close();
  }

  @Override
  public void close() throws IOException {
    events.close();
    control.close();
  }
}
