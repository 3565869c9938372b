package org.lhsm.emulator.cdt;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.fs.EmulatedFs;
import org.lhsm.emulator.fs.FileRecord;
import org.lhsm.emulator.fs.MountTable;
import org.lhsm.emulator.log.ActionRecord;
import org.lhsm.emulator.log.CookieMark;
import org.lhsm.emulator.log.RequestLog;

/**
 * Everything the parts of the coordinator share: the filesystem model, the request log, the
 * registered agents, the in-memory active requests, the tunables, the {@code hsm_control} state and
 * the cookie counter. One instance per coordinator, handed to each part; the parts keep no state of
 * their own that another part needs.
 */
final class CoordinatorState {
  /** A write to the request log; an {@link IOException} there is fatal for the operation. */
  interface LogWrite {
    void run() throws IOException;
  }

  private final EmulatedFs fs;
  private final RequestLog log;
  private final MountTable mounts;
  private final Clock clock;
  private final String fsname;
  private final Tunables tunables = new Tunables();
  private final Agents agents = new Agents();
  private final KucGroups kuc = new KucGroups();
  private final ActiveRequests active = new ActiveRequests();
  private CdtState cdtState = CdtState.STOPPED;
  private long stateVersion;
  private long nextCookie;
  private long reservedCookies; // cookies below this one may be handed out: the durable mark
  private long lastHousekeepingMillis;
  private Runnable onEvent = () -> {};

  CoordinatorState(EmulatedFs fs, RequestLog log, MountTable mounts, Clock clock, String fsname) {
    this.fs = fs;
    this.log = log;
    this.mounts = mounts;
    this.clock = clock;
    this.fsname = fsname;
  }

  EmulatedFs fs() {
    return fs;
  }

  RequestLog log() {
    return log;
  }

  MountTable mounts() {
    return mounts;
  }

  String fsname() {
    return fsname;
  }

  Tunables tunables() {
    return tunables;
  }

  Agents agents() {
    return agents;
  }

  /** The clients' copytool connections, by client UUID. */
  KucGroups kuc() {
    return kuc;
  }

  ActiveRequests active() {
    return active;
  }

  CdtState cdtState() {
    return cdtState;
  }

  void setCdtState(CdtState s) {
    cdtState = s;
    stateVersion++;
  }

  /** Moves whenever the {@code hsm_control} state is set. */
  long stateVersion() {
    return stateVersion;
  }

  /** Running or disabled: requests and progress are accepted (otherwise {@code EAGAIN}). */
  boolean isStarted() {
    return cdtState == CdtState.RUNNING || cdtState == CdtState.DISABLED;
  }

  /** {@code EAGAIN} unless the coordinator is running or disabled. */
  void requireStarted() throws HsmException {
    if (!isStarted()) {
      throw new HsmException(Errno.EAGAIN, "coordinator is " + cdtState.display());
    }
  }

  long nowMillis() {
    return clock.millis();
  }

  long nowSec() {
    return clock.seconds();
  }

  /** When the last housekeeping scan ran (coordinator start counts as one). */
  long lastHousekeepingMillis() {
    return lastHousekeepingMillis;
  }

  void setLastHousekeepingMillis(long millis) {
    lastHousekeepingMillis = millis;
  }

  void setOnEvent(Runnable r) {
    onEvent = r;
  }

  /** Something happened that may need a dispatch or a parameter refresh. */
  void signalEvent() {
    onEvent.run();
  }

  /**
   * Cookie counter: above the highest cookie in the log (the time in seconds if it is empty) and
   * never below the durable mark, so that no cookie a copytool may still hold is handed out again.
   */
  void initCookies() {
    long max = log.maxCookie();
    long mark = readMark();
    nextCookie = Math.max(max >= 0 ? max + 1 : nowSec(), mark);
    reservedCookies = mark;
  }

  /** The next cookie, initialising the counter from the log if no start did. */
  long newCookie() {
    if (nextCookie == 0) {
      initCookies();
    }
    if (nextCookie >= reservedCookies) {
      long bound = nextCookie + CookieMark.BLOCK;
      persist(() -> log.cookieMark().write(bound));
      reservedCookies = bound;
    }
    return nextCookie++;
  }

  private long readMark() {
    try {
      return log.cookieMark().read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a request-log write; an I/O error becomes an {@link UncheckedIOException}. */
  static void persist(LogWrite w) {
    try {
      w.run();
    } catch (IOException e) {
      throw new UncheckedIOException("request log write failed", e);
    }
  }

  /** The first WAITING/STARTED non-cancel record of a file (only RESTOREs if asked), or null. */
  ActionRecord pendingFor(Fid fid, boolean restoreOnly) {
    return log.pendingFor(fid, restoreOnly);
  }

  /** The record of a known FID whose object still exists ({@code ENOENT} otherwise). */
  FileRecord existingFile(Fid fid) throws HsmException {
    FileRecord f = fs.find(fid);
    if (f == null) {
      throw new HsmException(Errno.ENOENT, "unknown FID " + fid);
    }
    fs.resolve(fid);
    return f;
  }

  /** The record of a known FID, not looked at ({@code ENOENT} for an unknown FID). */
  FileRecord knownFile(Fid fid) throws HsmException {
    FileRecord f = fs.find(fid);
    if (f == null) {
      throw new HsmException(Errno.ENOENT, "unknown FID " + fid);
    }
    return f;
  }

  /** Whether the object of a FID still exists. */
  boolean existsNow(Fid fid) {
    try {
      fs.resolve(fid);
      return true;
    } catch (HsmException e) {
      return false;
    }
  }
}
