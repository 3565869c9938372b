package org.lhsm.emulator.daemon;

import java.util.ArrayList;
import java.util.List;
import org.lhsm.emulator.cdt.AgentSink;
import org.lhsm.emulator.cdt.Coordinator;
import org.lhsm.emulator.cdt.CopyStart;
import org.lhsm.emulator.cdt.FileAccess;
import org.lhsm.emulator.cdt.Peer;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.HsmCopy;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.OpenFile;
import org.lhsm.emulator.codec.Progress;
import org.lhsm.emulator.codec.UserImport;
import org.lhsm.emulator.codec.UserRequest;
import org.lhsm.emulator.codec.UserState;
import org.lhsm.emulator.codec.WireReader;
import org.lhsm.emulator.codec.WireWriter;
import org.lhsm.emulator.fs.EmulatedFs;
import org.lhsm.emulator.fs.FileRecord;
import org.lhsm.emulator.server.Op;
import org.lhsm.emulator.server.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps protocol operations onto the filesystem model and the coordinator. */
final class Ops implements RequestHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Ops.class);
  private static final byte[] EMPTY = new byte[0];
  private final EmulatorDaemon d;

  Ops(EmulatorDaemon d) {
    this.d = d;
  }

  @Override
  public void eventConnectionClosed(String agentUuid, AgentSink sink) {
    synchronized (d.lock()) {
      d.coordinator().connectionLost(agentUuid, sink);
      d.publishParams();
    }
    d.wake();
  }

  /**
   * Runs the operation under the daemon lock and brings the parameter files up to date. The result
   * carries the ticket of everything logged so far (what this operation wrote, and whatever it
   * could have seen): the server answers only once that is durable, without holding the lock, so
   * concurrent operations share one sync (group commit). A refusal waits the same way (an earlier
   * item of a request may have been recorded).
   */
  @Override
  public Result handle(Peer peer, int op, WireReader in, AgentSink self) {
    synchronized (d.lock()) {
      Result r;
      try {
        r = dispatch(peer, op, in, self);
      } catch (HsmException e) {
        LOG.debug("op {} from {}: {}", op, peer.user(), e.getMessage());
        r = new Result(-e.errno(), EMPTY, null, 0);
      } finally {
        d.publishParams();
      }
      return r.withTicket(d.commits().ticket());
    }
  }

  @Override
  public void afterBatch() {
    d.afterBatch();
  }

  @Override
  public boolean isDurable(long ticket) {
    return d.commits().isDurable(ticket);
  }

  @Override
  public void awaitDurable(long ticket) {
    d.commits().awaitDurable(ticket);
  }

  @Override
  public void onDurable(Runnable r) {
    d.commits().onDurable(r);
  }

  private Result dispatch(Peer peer, int op, WireReader in, AgentSink self) throws HsmException {
    Coordinator cdt = d.coordinator();
    EmulatedFs fs = d.fs();
    switch (op) {
      case Op.HELLO -> {
        in.string();
        return ok(new WireWriter().string(d.fsname()));
      }
      case Op.CT_REGISTER -> {
        String mount = in.string();
        in.u32();
        int count = in.u32();
        if (count < 0 || count > 1024 * 1024) {
          throw new HsmException(Errno.EINVAL, "archive count " + count);
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          ids.add(in.u32());
        }
        in.string(); // the UUID of an earlier registration: a reconnect joins like any other
        String uuid = cdt.register(mount, ids, self);
        return new Result(0, new WireWriter().string(uuid).toBytes(), uuid, 0);
      }
      case Op.CT_UNREGISTER -> {
        cdt.unregister(in.string());
        return Result.ok(EMPTY);
      }
      case Op.COPY_START -> {
        CopyStart cs = cdt.copyStart(HsmCopy.decode(in.bytes(HsmCopy.SIZE)));
        return ok(new WireWriter().u64(cs.dataVersion()).string(cs.dataPath()));
      }
      case Op.PROGRESS -> {
        cdt.progress(Progress.decode(in.bytes(Progress.SIZE)));
        return Result.ok(EMPTY);
      }
      case Op.CREATE_VOLATILE -> {
        Fid target = in.fid();
        in.u32();
        FileRecord v = cdt.createVolatile(target);
        return ok(new WireWriter().fid(v.fid()).string(fs.pathOf(v).toString()));
      }
      case Op.COPY_END -> {
        cdt.copyEnd(HsmCopy.decode(in.bytes(HsmCopy.SIZE)));
        return Result.ok(EMPTY);
      }
      case Op.REQUEST -> {
        fs.inside(in.string());
        d.applyParamWrites();
        cdt.request(peer, UserRequest.decode(in.bytes(in.remaining())));
        return Result.ok(EMPTY);
      }
      case Op.STATE_GET -> {
        FileRecord f = fs.regularFileOpen(OpenFile.read(in));
        return Result.ok(new UserState(f.flags(), f.archiveId()).encode());
      }
      case Op.STATE_SET -> {
        OpenFile of = OpenFile.read(in);
        FileRecord f = fs.regularFileOpen(of);
        long set = in.u64();
        long clear = in.u64();
        int archive = in.u32();
        if (!peer.privileged() && !FileAccess.writable(fs.pathOf(f), peer)) {
          throw new HsmException(Errno.EACCES, of.path() + " is not writable by " + peer.user());
        }
        fs.stateSet(f, set, clear, archive, peer.privileged());
        return Result.ok(EMPTY);
      }
      case Op.CURRENT_ACTION -> {
        FileRecord f = fs.regularFileOpen(OpenFile.read(in));
        return Result.ok(cdt.currentAction(f.fid()).encode());
      }
      case Op.IMPORT -> {
        String path = in.string();
        Fid fid = fs.importFile(path, UserImport.decode(in.bytes(UserImport.SIZE)));
        return ok(new WireWriter().fid(fid));
      }
      case Op.DATA_VERSION_GET -> {
        FileRecord f = fs.regularFileOpen(OpenFile.read(in));
        in.u64();
        return ok(new WireWriter().u64(f.dataVersion()));
      }
      case Op.DATA_VERSION_SET -> {
        FileRecord f = fs.regularFileOpen(OpenFile.read(in));
        fs.setArchiveVersion(f, in.u64());
        return Result.ok(EMPTY);
      }
      case Op.PATH2FID -> {
        return ok(new WireWriter().fid(fs.path2fid(in.string())));
      }
      case Op.FD2FID -> {
        return ok(new WireWriter().fid(fs.fd2fid(OpenFile.read(in))));
      }
      case Op.FID2PATH -> {
        Fid fid = in.fid();
        in.u64();
        int linkno = in.u32();
        if (!peer.privileged()) {
          throw new HsmException(Errno.EPERM, "fid2path needs CAP_DAC_READ_SEARCH");
        }
        return ok(new WireWriter().string(fs.fid2path(fid)).u32(linkno));
      }
      case Op.FID_RESOLVE -> {
        Fid fid = in.fid();
        if (!peer.privileged()) {
          throw new HsmException(Errno.EACCES, ".lustre/fid is reserved to root");
        }
        return ok(new WireWriter().string(fs.resolve(fid).toString()));
      }
      case Op.FID2MDTIDX -> {
        Fid fid = in.fid();
        if (!fid.isSane()) {
          throw new HsmException(Errno.EINVAL, "invalid FID " + fid);
        }
        return Result.ok(EMPTY);
      }
      case Op.UMOUNT_NOTICE -> {
        return Result.ok(EMPTY);
      }
      default -> throw new HsmException(Errno.EPROTO, "unknown operation " + op);
    }
  }

  private static Result ok(WireWriter w) {
    return Result.ok(w.toBytes());
  }
}
