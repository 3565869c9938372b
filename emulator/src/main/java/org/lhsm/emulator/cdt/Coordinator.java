package org.lhsm.emulator.cdt;

import static org.lhsm.emulator.codec.Hsm.HP_FLAG_COMPLETED;
import static org.lhsm.emulator.codec.Hsm.HP_FLAG_RETRY;
import static org.lhsm.emulator.codec.Hsm.HSMA_ARCHIVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_CANCEL;
import static org.lhsm.emulator.codec.Hsm.HSMA_REMOVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_RESTORE;
import static org.lhsm.emulator.codec.Hsm.HS_ARCHIVED;
import static org.lhsm.emulator.codec.Hsm.HS_DIRTY;
import static org.lhsm.emulator.codec.Hsm.HS_EXISTS;
import static org.lhsm.emulator.codec.Hsm.HS_LOST;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.ActionList;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.codec.HsmCopy;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.Progress;
import org.lhsm.emulator.codec.UserRequest;
import org.lhsm.emulator.fs.EmulatedFs;
import org.lhsm.emulator.fs.FileRecord;
import org.lhsm.emulator.fs.MountTable;
import org.lhsm.emulator.log.ActionRecord;
import org.lhsm.emulator.log.RecordStatus;
import org.lhsm.emulator.log.RequestLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The emulated MDT coordinator; see the package documentation for the threading rule. */
public final class Coordinator {
  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

  final EmulatedFs fs;
  final RequestLog log;
  private final MountTable mounts;
  final Clock clock;
  final String fsname;
  final Tunables t = new Tunables();
  final Map<String, Agent> agents = new LinkedHashMap<>();
  final Map<Long, ActiveRequest> active = new LinkedHashMap<>();
  CdtState state = CdtState.STOPPED;
  private long nextCookie;
  private long lastHousekeeping;
  private Runnable onEvent = () -> {};
  private final Dispatcher dispatcher = new Dispatcher(this);

  public Coordinator(EmulatedFs fs, RequestLog log, MountTable mounts, Clock clock, String fsname) {
    this.fs = fs;
    this.log = log;
    this.mounts = mounts;
    this.clock = clock;
    this.fsname = fsname;
  }

  /** Called after anything that may need a dispatch or a parameter refresh. */
  public void setOnEvent(Runnable r) {
    onEvent = r;
  }

  public CdtState state() {
    return state;
  }

  public Tunables tunables() {
    return t;
  }

  private void event() {
    onEvent.run();
  }

  long nowSec() {
    return clock.seconds();
  }

  private void initCookie() {
    long max = log.maxCookie();
    nextCookie = max >= 0 ? max + 1 : nowSec();
  }

  /**
   * Daemon start: like an MDT failover with recovery, STARTED requests are kept in memory (with the
   * agent they were sent to) so a reconnecting copytool can finish them; otherwise they time out
   * from the change time stored in the log.
   */
  public void recover() {
    initCookie();
    t.resetOnStart();
    for (ActionRecord r : log.withStatus(RecordStatus.STARTED)) {
      if (r.action() != HSMA_CANCEL) {
        active.put(
            r.cookie(),
            new ActiveRequest(r.index(), r.agentUuid(), r.item(), r.changeSec() * 1000));
      }
    }
    state = CdtState.RUNNING;
    lastHousekeeping = clock.millis();
    LOG.info(
        "coordinator enabled: {} records, {} active recovered",
        log.records().size(),
        active.size());
  }

  /** Coordinator start from STOPPED ({@code hsm_control=enabled}), per the start-up scan. */
  private void startFromStopped() {
    state = CdtState.INIT;
    initCookie();
    t.resetOnStart();
    for (ActionRecord r : log.withStatus(RecordStatus.STARTED)) {
      if (r.action() == HSMA_RESTORE) {
        persist(() -> log.setStatus(r, RecordStatus.WAITING, nowSec()));
      }
    }
    state = CdtState.RUNNING;
    lastHousekeeping = clock.millis();
  }

  interface IoAction {
    void run() throws IOException;
  }

  static void persist(IoAction a) {
    try {
      a.run();
    } catch (IOException e) {
      throw new UncheckedIOException("request log write failed", e);
    }
  }

  // ---------------------------------------------------------------- hsm_control

  /** Applies an {@code hsm_control} command. */
  public void control(String command) throws HsmException {
    String c = command.trim();
    switch (c) {
      case "enabled" -> {
        if (state == CdtState.STOPPING) {
          throw new HsmException(Errno.EALREADY, "coordinator is stopping");
        }
        if (state == CdtState.STOPPED) {
          startFromStopped();
        } else {
          state = CdtState.RUNNING;
        }
      }
      case "disabled" -> {
        if (state == CdtState.RUNNING) {
          state = CdtState.DISABLED;
        }
      }
      case "shutdown" -> {
        if (state == CdtState.STOPPING) {
          throw new HsmException(Errno.EALREADY, "coordinator is stopping");
        }
        if (state != CdtState.STOPPED) {
          state = CdtState.STOPPING;
          agents.clear();
          for (ActiveRequest ar : active.values()) {
            LOG.debug("shutdown drops active request cookie {}", ar.item.cookie());
          }
          active.clear();
          state = CdtState.STOPPED;
        }
      }
      case "purge" -> purge();
      case "help" -> LOG.info("hsm_control commands: enabled disabled shutdown purge help");
      default -> {
        LOG.info("hsm_control commands: enabled disabled shutdown purge help");
        throw new HsmException(Errno.EINVAL, "unknown hsm_control command '" + c + "'");
      }
    }
    LOG.info("hsm_control={} -> {}", c, state.display());
    event();
  }

  private void purge() throws HsmException {
    if (state != CdtState.RUNNING && state != CdtState.DISABLED) {
      throw new HsmException(Errno.EINVAL, "purge needs a running or disabled coordinator");
    }
    for (ActiveRequest ar : active.values()) {
      Agent a = agents.get(ar.agentUuid);
      if (a != null) {
        ActionRecord r = log.get(ar.recordIndex);
        int archive = r != null ? r.archiveId() : 0;
        dispatcher.trySend(a, archive, 0, List.of(ar.item.withAction(HSMA_CANCEL)));
      }
    }
    long now = nowSec();
    for (ActionRecord r : log.records()) {
      if (r.status() == RecordStatus.WAITING || r.status() == RecordStatus.STARTED) {
        persist(() -> log.setStatus(r, RecordStatus.CANCELED, now));
      }
    }
  }

  // ---------------------------------------------------------------- agents

  /** Registers a copytool on a client mount; returns the agent (client) UUID. */
  public String register(String mount, List<Integer> archives, String prevUuid, AgentSink sink)
      throws HsmException {
    if (state == CdtState.INIT) {
      throw new HsmException(Errno.EINPROGRESS, "coordinator starting");
    }
    if (state == CdtState.STOPPED || state == CdtState.STOPPING) {
      throw new HsmException(Errno.ENXIO, "coordinator not running");
    }
    String uuid = mounts.uuidOf(mount).orElse(null);
    if (uuid == null) {
      try {
        mounts.reload();
      } catch (IOException e) {
        LOG.warn("cannot re-read mounts: {}", e.toString());
      }
      uuid = mounts.uuidOf(mount).orElse(null);
    }
    if (uuid == null) {
      throw new HsmException(Errno.ENODEV, mount + " is not a client mount of " + fsname);
    }
    List<Integer> ids = archives.contains(0) ? List.of() : archives;
    Agent existing = agents.get(uuid);
    Agent a = new Agent(uuid, mount, ids, sink);
    if (existing != null) {
      if (!uuid.equals(prevUuid)) {
        throw new HsmException(Errno.EEXIST, "an agent is already registered on " + mount);
      }
      existing.sink.close();
      a.ok = existing.ok;
      a.errors = existing.errors;
    }
    agents.put(uuid, a);
    LOG.info("agent {} registered on {} archives {}", uuid, mount, ids.isEmpty() ? "ANY" : ids);
    event();
    return uuid;
  }

  /** True if an agent with this UUID is registered and its event connection is open. */
  public boolean isConnected(String uuid) {
    Agent a = agents.get(uuid);
    return a != null && !a.dead;
  }

  /** True if an agent with this UUID is registered (possibly lingering after a crash). */
  public boolean isRegistered(String uuid) {
    return agents.containsKey(uuid);
  }

  /** Clean unregister. */
  public void unregister(String uuid) throws HsmException {
    if (agents.remove(uuid) == null) {
      throw new HsmException(Errno.ENOENT, "no agent " + uuid);
    }
    LOG.info("agent {} unregistered", uuid);
    event();
  }

  /**
   * The event connection hit EOF without an unregister: the copytool died. As with a dead pipe on
   * Lustre 2.16, the agent lingers until the next send to it fails with EPIPE.
   */
  public void connectionLost(String uuid, AgentSink sink) {
    Agent a = agents.get(uuid);
    if (a != null && a.sink == sink) {
      a.dead = true;
      LOG.info("agent {}: event connection closed without unregister", uuid);
    }
  }

  /** Sends the shutdown frame to every copytool (filesystem stop). */
  public void shutdownAgents() {
    for (Agent a : agents.values()) {
      try {
        if (!a.dead) {
          a.sink.send(ActionList.shutdownFrame());
        }
      } catch (IOException e) {
        LOG.debug("shutdown frame to {}: {}", a.uuid, e.toString());
      }
      a.sink.close();
    }
  }

  // ---------------------------------------------------------------- user requests

  private boolean allowed(Peer peer, Path file, int hsma) {
    if (peer.privileged()) {
      return true;
    }
    long mask;
    try {
      PosixFileAttributes pa =
          Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (pa.owner().getName().equals(peer.user())) {
        mask = t.userMask;
      } else if (pa.group().getName().equals(peer.group())) {
        mask = t.groupMask;
      } else {
        mask = t.otherMask;
      }
    } catch (IOException e) {
      mask = t.otherMask;
    }
    return (mask & (1L << hsma)) != 0;
  }

  ActionRecord pendingFor(Fid fid, boolean restoreOnly) {
    for (ActionRecord r : log.records()) {
      boolean pending = r.status() == RecordStatus.WAITING || r.status() == RecordStatus.STARTED;
      if (pending
          && r.action() != HSMA_CANCEL
          && r.item().fid().equals(fid)
          && (!restoreOnly || r.action() == HSMA_RESTORE)) {
        return r;
      }
    }
    return null;
  }

  /** {@code LL_IOC_HSM_REQUEST}; RELEASE is executed at once, the others are queued. */
  public void request(Peer peer, UserRequest req) throws HsmException {
    if (req.items().isEmpty()) {
      throw new HsmException(Errno.EINVAL, "request without items");
    }
    if (req.action() == Hsm.HUA_RELEASE) {
      for (UserRequest.Item i : req.items()) {
        FileRecord f = fileOf(i.fid());
        Path p = fs.resolve(i.fid());
        if (!peer.privileged() && !ownedBy(p, peer)) {
          throw new HsmException(Errno.EPERM, "release of " + i.fid() + " by " + peer.user());
        }
        fs.release(f);
      }
      event();
      return;
    }
    int hsma = Hsm.huaToHsma(req.action());
    if (hsma < 0) {
      throw new HsmException(Errno.EINVAL, "unknown request action " + req.action());
    }
    if (state != CdtState.RUNNING && state != CdtState.DISABLED) {
      throw new HsmException(Errno.EAGAIN, "coordinator is " + state.display());
    }
    Set<Fid> seen = new LinkedHashSet<>();
    boolean restore = false;
    try {
      for (UserRequest.Item i : req.items()) {
        if (!seen.add(i.fid())) {
          continue;
        }
        if (!i.fid().isSane()) {
          throw new HsmException(Errno.EINVAL, "invalid FID " + i.fid());
        }
        restore |= queueItem(peer, req, hsma, i);
      }
    } finally {
      event();
    }
    if (restore && (t.policy & Tunables.POLICY_NBR) != 0) {
      throw new HsmException(Errno.ENODATA, "restore queued, policy NonBlockingRestore");
    }
  }

  private boolean ownedBy(Path p, Peer peer) {
    try {
      return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName().equals(peer.user());
    } catch (IOException e) {
      return false;
    }
  }

  private FileRecord fileOf(Fid fid) throws HsmException {
    FileRecord f = fs.find(fid);
    if (f == null) {
      throw new HsmException(Errno.ENOENT, "unknown FID " + fid);
    }
    fs.resolve(fid);
    return f;
  }

  private boolean queueItem(Peer peer, UserRequest req, int hsma, UserRequest.Item i)
      throws HsmException {
    FileRecord f = fs.find(i.fid());
    Path path = null;
    if (f != null) {
      try {
        path = fs.resolve(i.fid());
        fs.observe(f);
      } catch (HsmException e) {
        f = null;
      }
    }
    long now = nowSec();
    if (f == null) {
      if ((hsma == HSMA_REMOVE || hsma == HSMA_CANCEL) && peer.privileged()) {
        ActionRecord target = hsma == HSMA_CANCEL ? pendingFor(i.fid(), false) : null;
        int archive = req.archiveId();
        if (archive == 0) {
          archive = target != null ? target.archiveId() : (int) t.defaultArchiveId;
        }
        return addRecord(req, hsma, i, archive, target != null ? target.cookie() : -1, now);
      }
      throw new HsmException(Errno.ENOENT, "no file with FID " + i.fid());
    }
    if (!allowed(peer, path, hsma)) {
      throw new HsmException(
          Errno.EPERM, Hsm.actionName(hsma) + " of " + i.fid() + " not allowed for " + peer.user());
    }
    if (hsma == HSMA_CANCEL) {
      ActionRecord target = pendingFor(i.fid(), false);
      if (target == null) {
        LOG.info("cancel of nothing for {}", i.fid());
        return false;
      }
      int archive = req.archiveId() != 0 ? req.archiveId() : target.archiveId();
      return addRecord(req, hsma, i, archive, target.cookie(), now);
    }
    if ((req.flags() & Hsm.HSM_FORCE_ACTION) == 0 && !RequestRules.needed(f, hsma)) {
      return false;
    }
    if (!RequestRules.compatible(f, hsma, req.archiveId())) {
      throw new HsmException(
          Errno.EPERM,
          Hsm.actionName(hsma)
              + " of "
              + i.fid()
              + " incompatible with flags 0x"
              + Integer.toHexString(f.flags()));
    }
    int archive = req.archiveId();
    if (archive == 0) {
      archive = f.archiveId() != 0 ? f.archiveId() : (int) t.defaultArchiveId;
    }
    if (hsma == HSMA_RESTORE) {
      if (i.offset() != 0) {
        throw new HsmException(Errno.EPROTO, "restore extent must start at 0");
      }
      if (pendingFor(i.fid(), true) != null) {
        return true;
      }
    }
    return addRecord(req, hsma, i, archive, -1, now);
  }

  private boolean addRecord(
      UserRequest req, int hsma, UserRequest.Item i, int archive, long cookie, long now) {
    if (hsma == HSMA_CANCEL && cookie < 0) {
      return false;
    }
    long c = cookie >= 0 ? cookie : nextCookie++;
    ActionItem item =
        new ActionItem(hsma, i.fid(), i.fid(), i.offset(), i.length(), c, 0, req.data());
    persist(() -> log.add(archive, req.flags(), now, item));
    return hsma == HSMA_RESTORE;
  }

  // ---------------------------------------------------------------- copytool side

  /** Result of COPY_START: sampled data version and the path to open. */
  public record CopyStart(long dataVersion, String dataPath) {}

  private void requireStarted() throws HsmException {
    if (state != CdtState.RUNNING && state != CdtState.DISABLED) {
      throw new HsmException(Errno.EAGAIN, "coordinator is " + state.display());
    }
  }

  private ActiveRequest activeFor(long cookie) throws HsmException {
    requireStarted();
    ActiveRequest ar = active.get(cookie);
    if (ar == null) {
      throw new HsmException(
          Errno.ENOENT, "cannot find running request for cookie 0x" + Long.toHexString(cookie));
    }
    return ar;
  }

  /** {@code LL_IOC_HSM_COPY_START}. */
  public CopyStart copyStart(HsmCopy c) throws HsmException {
    ActionItem item = c.item();
    ActiveRequest ar = activeFor(item.cookie());
    long dv = 0;
    String path = "";
    if (ar.item.action() == HSMA_ARCHIVE) {
      try {
        FileRecord f = fileOf(ar.fid());
        dv = fs.observe(f).dataVersion();
        path = fs.resolve(ar.fid()).toString();
      } catch (HsmException e) {
        progress(
            ar.fid(),
            item.cookie(),
            item.offset(),
            0,
            HP_FLAG_COMPLETED | HP_FLAG_RETRY,
            e.errno(),
            0);
        throw e;
      }
    }
    if (ar.item.action() == HSMA_RESTORE
        && !item.dfid().isZero()
        && !item.dfid().equals(ar.fid())
        && ar.dfid().equals(ar.fid())) {
      learnDfid(ar, item.dfid());
    }
    progress(ar.fid(), item.cookie(), item.offset(), 0, 0, 0, 0);
    if (ar.item.action() == HSMA_ARCHIVE) {
      ar.copyStartVersion = dv;
    } else if (ar.item.action() == HSMA_RESTORE
        && fs.find(ar.dfid()) != null
        && !ar.dfid().equals(ar.fid())) {
      path = fs.pathOf(fs.find(ar.dfid())).toString();
    } else if (fs.find(ar.fid()) != null) {
      try {
        path = fs.resolve(ar.fid()).toString();
      } catch (HsmException e) {
        path = "";
      }
    }
    return new CopyStart(dv, path);
  }

  /** {@code LL_IOC_HSM_PROGRESS}. */
  public void progress(Progress p) throws HsmException {
    progress(p.fid(), p.cookie(), p.offset(), p.length(), p.flags(), p.errval(), 0);
  }

  /** {@code LL_IOC_HSM_COPY_END}: the data-version guard of the client kernel, then completion. */
  public void copyEnd(HsmCopy c) throws HsmException {
    ActionItem item = c.item();
    ActiveRequest ar = activeFor(item.cookie());
    int flags = c.flags() | HP_FLAG_COMPLETED;
    int errval = c.errval();
    long dv = 0;
    boolean busy = false;
    if (errval == 0 && ar.item.action() == HSMA_ARCHIVE) {
      try {
        dv = fs.observe(fileOf(ar.fid())).dataVersion();
        if (ar.copyStartVersion >= 0 && dv != ar.copyStartVersion) {
          errval = Errno.EBUSY;
          flags &= ~HP_FLAG_RETRY;
          busy = true;
        }
      } catch (HsmException e) {
        errval = e.errno();
      }
    }
    progress(item.fid(), item.cookie(), item.offset(), item.length(), flags, errval, dv);
    if (busy) {
      throw new HsmException(Errno.EBUSY, "file " + ar.fid() + " changed during archive");
    }
  }

  /** Creates the volatile file of a restore. */
  public FileRecord createVolatile(Fid target) throws HsmException {
    FileRecord v = fs.createVolatile(target);
    event();
    return v;
  }

  private void learnDfid(ActiveRequest ar, Fid dfid) {
    ar.item = ar.item.withDfid(dfid);
    ActionRecord r = log.get(ar.recordIndex);
    if (r != null) {
      persist(() -> log.setItem(r, r.item().withDfid(dfid)));
    }
  }

  private void progress(
      Fid fid, long cookie, long offset, long length, int flags, int errval, long dv)
      throws HsmException {
    ActiveRequest ar = activeFor(cookie);
    ar.lastUpdateMillis = clock.millis();
    int action = ar.item.action();
    if (action != HSMA_REMOVE && errval == 0 && length != 0) {
      ar.addDone(offset, length);
    }
    if (action == HSMA_RESTORE && ar.dfid().equals(ar.fid()) && !fid.equals(ar.fid())) {
      learnDfid(ar, fid);
    }
    if ((action == HSMA_ARCHIVE || action == HSMA_RESTORE)
        && !fid.equals(ar.fid())
        && !fid.equals(ar.dfid())) {
      throw new HsmException(Errno.EINVAL, "progress FID " + fid + " is not the request's");
    }
    if (errval != 0 && (flags & HP_FLAG_COMPLETED) == 0) {
      throw new HsmException(Errno.EINVAL, "error without HP_FLAG_COMPLETED");
    }
    if ((flags & HP_FLAG_COMPLETED) == 0) {
      if (ar.canceled) {
        throw new HsmException(
            Errno.ECANCELED, "request 0x" + Long.toHexString(cookie) + " canceled");
      }
      event();
      return;
    }
    complete(ar, flags, errval, dv);
    event();
  }

  private void complete(ActiveRequest ar, int flags, int errval, long dv) {
    int action = ar.item.action();
    FileRecord f = fs.find(ar.fid());
    boolean exists = f != null && existsNow(ar.fid());
    RecordStatus status;
    if (errval == 0) {
      status = RecordStatus.SUCCEED;
    } else if (errval == Errno.ENOSYS) {
      status = RecordStatus.FAILED;
    } else if (errval == Errno.ECANCELED) {
      status = RecordStatus.SUCCEED;
    } else if ((flags & HP_FLAG_RETRY) != 0 && (t.policy & Tunables.POLICY_NRA) == 0 && exists) {
      status = RecordStatus.WAITING;
    } else {
      status = RecordStatus.FAILED;
    }
    if (errval == 0 && f != null) {
      switch (action) {
        case HSMA_ARCHIVE ->
            fs.update(f, (f.flags() | HS_ARCHIVED) & ~(HS_DIRTY | HS_LOST), f.archiveId(), dv);
        case HSMA_RESTORE -> {
          try {
            if (fs.observe(f).dataVersion() != f.archiveVersion()) {
              throw new HsmException(Errno.EBUSY, "released file was written during restore");
            }
            fs.commitRestore(f, ar.dfid());
          } catch (HsmException e) {
            LOG.warn("restore of {} could not swap: {}", ar.fid(), e.getMessage());
            if ((t.policy & Tunables.POLICY_NRA) != 0) {
              status = RecordStatus.FAILED;
            }
          }
        }
        case HSMA_REMOVE ->
            fs.update(
                f,
                f.flags() & ~(HS_ARCHIVED | HS_EXISTS | HS_LOST),
                f.archiveId(),
                f.archiveVersion());
        default -> LOG.warn("completion of a {} item: protocol error", Hsm.actionName(action));
      }
    }
    if (action == HSMA_RESTORE && !ar.dfid().equals(ar.fid()) && status != RecordStatus.SUCCEED) {
      fs.dropVolatile(ar.dfid());
    }
    active.remove(ar.item.cookie());
    Agent a = agents.get(ar.agentUuid);
    if (a != null) {
      if (status == RecordStatus.SUCCEED) {
        a.ok++;
      } else {
        a.errors++;
      }
    }
    long now = nowSec();
    final RecordStatus st = status;
    ActionRecord target =
        ar.canceled && ar.cancelRecordIndex >= 0
            ? log.get(ar.cancelRecordIndex)
            : log.get(ar.recordIndex);
    if (target != null
        && (target.status() == RecordStatus.WAITING || target.status() == RecordStatus.STARTED)) {
      persist(() -> log.setStatus(target, st, now));
    }
    LOG.info(
        "{} {} cookie=0x{} errval={} -> {}",
        Hsm.actionName(action),
        ar.fid(),
        Long.toHexString(ar.item.cookie()),
        errval,
        status);
  }

  boolean existsNow(Fid fid) {
    try {
      fs.resolve(fid);
      return true;
    } catch (HsmException e) {
      return false;
    }
  }

  /** {@code hsm_current_action}: {state, HUA action, offset, length}. */
  public long[] currentAction(Fid fid) {
    for (ActionRecord r : log.records()) {
      if (r.action() == HSMA_CANCEL || !r.item().fid().equals(fid)) {
        continue;
      }
      if (r.status() == RecordStatus.WAITING) {
        return new long[] {
          Hsm.HPS_WAITING, Hsm.hsmaToHua(r.action()), r.item().offset(), r.item().length()
        };
      }
      if (r.status() == RecordStatus.STARTED) {
        long len = r.item().length();
        ActiveRequest ar = active.get(r.cookie());
        if (ar != null && (r.action() == HSMA_ARCHIVE || r.action() == HSMA_RESTORE)) {
          len = ar.doneBytes();
        }
        return new long[] {Hsm.HPS_RUNNING, Hsm.hsmaToHua(r.action()), r.item().offset(), len};
      }
    }
    return new long[] {Hsm.HPS_NONE, Hsm.HUA_NONE, 0, 0};
  }

  // ---------------------------------------------------------------- the loop

  /**
   * One wake-up of the coordinator thread: housekeeping every {@code loop_period} seconds (tree
   * scan, timeouts, purge of finished records), then a dispatch scan. Nothing but the tree scan
   * happens unless the coordinator is enabled.
   */
  public void tick() {
    long now = clock.millis();
    boolean full = now - lastHousekeeping >= t.loopPeriod * 1000;
    if (full) {
      lastHousekeeping = now;
      scanTree();
      if (state == CdtState.RUNNING) {
        housekeeping();
      }
    }
    if (state == CdtState.RUNNING) {
      for (int attempt = 0; attempt <= agents.size(); attempt++) {
        if (!dispatcher.dispatchOnce(full)) {
          break;
        }
      }
    }
  }

  private void scanTree() {
    for (FileRecord gone : fs.scan()) {
      if (t.removeArchiveOnLastUnlink && gone.has(HS_EXISTS)) {
        int archive = gone.archiveId() != 0 ? gone.archiveId() : (int) t.defaultArchiveId;
        if (nextCookie == 0) {
          initCookie();
        }
        ActionItem item =
            new ActionItem(
                HSMA_REMOVE, gone.fid(), Fid.ZERO, 0, Hsm.EOF, nextCookie++, 0, new byte[0]);
        persist(() -> log.add(archive, 0, nowSec(), item));
        LOG.info("last unlink of {}: REMOVE queued", gone.fid());
      }
    }
  }

  private void housekeeping() {
    long nowMs = clock.millis();
    long now = nowSec();
    long timeoutMs = t.activeRequestTimeout * 1000;
    for (ActiveRequest ar : new ArrayList<>(active.values())) {
      if (nowMs - ar.lastUpdateMillis > timeoutMs) {
        timeOut(ar, now);
      }
    }
    for (ActionRecord r : log.withStatus(RecordStatus.STARTED)) {
      boolean inMemory = active.containsKey(r.cookie()) && r.action() != HSMA_CANCEL;
      if (!inMemory && (now - r.changeSec()) * 1000 > timeoutMs) {
        LOG.info("record {} ({}) timed out", r.index(), Hsm.actionName(r.action()));
        persist(() -> log.setStatus(r, RecordStatus.CANCELED, now));
      }
    }
    boolean deleted = false;
    for (ActionRecord r : log.records()) {
      if (r.status().isFinal() && now - r.changeSec() >= t.graceDelay) {
        persist(() -> log.delete(r));
        deleted = true;
      }
    }
    if (deleted) {
      persist(log::compact);
    }
  }

  private void timeOut(ActiveRequest ar, long now) {
    active.remove(ar.item.cookie());
    Agent a = agents.get(ar.agentUuid);
    if (a != null) {
      a.errors++;
    }
    if (ar.item.action() == HSMA_RESTORE && !ar.dfid().equals(ar.fid())) {
      fs.dropVolatile(ar.dfid());
    }
    ActionRecord r = log.get(ar.recordIndex);
    if (r != null && !r.status().isFinal()) {
      persist(() -> log.setStatus(r, RecordStatus.CANCELED, now));
    }
    LOG.info(
        "request cookie=0x{} on {} timed out: CANCELED",
        Long.toHexString(ar.item.cookie()),
        ar.fid());
  }

  long currentOf(String uuid) {
    return active.values().stream().filter(r -> r.agentUuid.equals(uuid)).count();
  }

  // ---------------------------------------------------------------- parameters

  /** Sets a writable parameter ({@code hsm_control} or {@code hsm/<name>}). */
  public void setParam(String name, String value) throws HsmException {
    String v = value.trim();
    switch (name) {
      case "hsm_control" -> control(v);
      case "hsm/max_requests" -> t.maxRequests = Tunables.parsePositive(name, v, Long.MAX_VALUE);
      case "hsm/loop_period" -> t.loopPeriod = Tunables.parsePositive(name, v, 0xffffffffL);
      case "hsm/grace_delay" -> t.graceDelay = Tunables.parsePositive(name, v, 0xffffffffL);
      case "hsm/active_request_timeout" ->
          t.activeRequestTimeout = Tunables.parsePositive(name, v, 0xffffffffL);
      case "hsm/default_archive_id" ->
          t.defaultArchiveId = Tunables.parsePositive(name, v, 0xffffffffL);
      case "hsm/policy" -> t.policy = Tunables.parsePolicy(v, t.policy);
      case "hsm/user_request_mask" -> t.userMask = Tunables.parseMask(v);
      case "hsm/group_request_mask" -> t.groupMask = Tunables.parseMask(v);
      case "hsm/other_request_mask" -> t.otherMask = Tunables.parseMask(v);
      case "hsm/remove_archive_on_last_unlink" ->
          t.removeArchiveOnLastUnlink = Tunables.parseBool(name, v);
      default -> throw new HsmException(Errno.EINVAL, "parameter " + name + " is not writable");
    }
    event();
  }

  /** Names of writable parameters. */
  public static final List<String> WRITABLE =
      List.of(
          "hsm_control",
          "hsm/max_requests",
          "hsm/loop_period",
          "hsm/grace_delay",
          "hsm/active_request_timeout",
          "hsm/default_archive_id",
          "hsm/policy",
          "hsm/user_request_mask",
          "hsm/group_request_mask",
          "hsm/other_request_mask",
          "hsm/remove_archive_on_last_unlink");

  /** Every parameter with its file content, relative to {@code mdt/<fs>-MDT0000/}. */
  public Map<String, String> params() {
    return ParamsRenderer.params(this);
  }
}
