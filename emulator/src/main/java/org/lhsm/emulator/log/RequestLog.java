package org.lhsm.emulator.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.journal.AppendFile;
import org.lhsm.emulator.journal.GroupCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only request log. Every change appends the whole record as one line; deletions append
 * {@code D <idx>}. The line is written before the method returns, and durable once its {@link
 * GroupCommit} says so (an inline commit: before the method returns; the daemon's commit thread:
 * before the operation that caused it is answered). At open the file is replayed (a torn last line
 * from a crash is cut off). {@link #compact()} rewrites only the live records.
 *
 * <p>The live records are indexed ({@link RequestIndex}): WAITING in dispatch order, STARTED and
 * finished by change time, pending records per FID.
 */
public final class RequestLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
  private final Path file;
  private final NavigableMap<Integer, ActionRecord> records = new TreeMap<>();
  private final RequestIndex index = new RequestIndex();
  private final AppendFile journal;
  private int nextIndex = 1;
  private int deadLines;
  private long modCount;

  /** Opens the log with one fdatasync per change (embedded use, tests of the log alone). */
  public RequestLog(Path file) throws IOException {
    this(file, GroupCommit.inline());
  }

  /** Opens the log; its changes become durable through {@code commit}. */
  public RequestLog(Path file, GroupCommit commit) throws IOException {
    this.file = file;
    replay();
    for (ActionRecord r : records.values()) {
      index.add(r);
    }
    journal = new AppendFile(file, commit);
  }

  private void replay() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (end != bytes.length) {
      LOG.warn("request log {}: dropping a torn last line of {} bytes", file, bytes.length - end);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(end);
        ch.force(true);
      }
    }
    String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      try {
        if (line.startsWith("H ")) {
          nextIndex = Math.max(nextIndex, Integer.parseInt(line.substring(2).trim()));
        } else if (line.startsWith("D ")) {
          records.remove(Integer.parseInt(line.substring(2).trim()));
          deadLines += 2;
        } else {
          ActionRecord r = ActionRecord.parse(line);
          if (records.put(r.index(), r) != null) {
            deadLines++;
          }
          nextIndex = Math.max(nextIndex, r.index() + 1);
        }
      } catch (RuntimeException e) {
        LOG.warn("request log {}: skipping malformed line '{}'", file, line);
      }
    }
  }

  /** Live records in index order (a snapshot). */
  public Collection<ActionRecord> records() {
    return List.copyOf(records.values());
  }

  /** Live records in index order: a read-only view, not to be kept across changes. */
  public Collection<ActionRecord> liveRecords() {
    return Collections.unmodifiableCollection(records.values());
  }

  public int size() {
    return records.size();
  }

  public ActionRecord get(int index) {
    return records.get(index);
  }

  /** Counts changes (records added, changed or deleted): what the parameter files follow. */
  public long modCount() {
    return modCount;
  }

  /** Appends a new WAITING record. */
  public ActionRecord add(int archiveId, long flags, long nowSec, ActionItem item)
      throws IOException {
    ActionRecord r =
        new ActionRecord(
            nextIndex++, RecordStatus.WAITING, archiveId, flags, nowSec, nowSec, item, "");
    records.put(r.index(), r);
    index.add(r);
    modCount++;
    append(r.serialize());
    return r;
  }

  /** Changes a record's status (and change time). */
  public void setStatus(ActionRecord r, RecordStatus s, long nowSec) throws IOException {
    index.remove(r);
    r.setStatus(s, nowSec);
    index.add(r);
    rewrite(r);
  }

  /** Marks a record sent to an agent. */
  public void setStarted(ActionRecord r, String agentUuid, long nowSec) throws IOException {
    index.remove(r);
    r.setAgent(agentUuid);
    r.setStatus(RecordStatus.STARTED, nowSec);
    index.add(r);
    rewrite(r);
  }

  /**
   * Back to WAITING for another dispatch (a failure with the retry flag, a restore at coordinator
   * start). A RESTORE forgets the data FID of its last attempt: that volatile file is gone, and the
   * next attempt creates its own (as the MDT sends {@code hai_dfid == hai_fid} again).
   */
  public void requeue(ActionRecord r, long nowSec) throws IOException {
    index.remove(r);
    ActionItem i = r.item();
    if (i.action() == org.lhsm.emulator.codec.Hsm.HSMA_RESTORE && !i.dfid().equals(i.fid())) {
      r.setItem(i.withDfid(i.fid()));
    }
    r.setStatus(RecordStatus.WAITING, nowSec);
    index.add(r);
    rewrite(r);
  }

  /** Replaces the item (e.g. the learnt data FID) durably. */
  public void setItem(ActionRecord r, ActionItem item) throws IOException {
    index.remove(r);
    r.setItem(item);
    index.add(r);
    rewrite(r);
  }

  private void rewrite(ActionRecord r) throws IOException {
    deadLines++;
    modCount++;
    append(r.serialize());
  }

  /** Deletes a record (purge of a finished record). */
  public void delete(ActionRecord r) throws IOException {
    if (records.remove(r.index()) != null) {
      index.remove(r);
      deadLines += 2;
      modCount++;
      append("D " + r.index());
    }
  }

  /** Lines of history that compaction would drop. */
  public int deadLines() {
    return deadLines;
  }

  private void append(String line) throws IOException {
    journal.append(line + "\n");
  }

  /** Rewrites the log with the live records only (temp file, fsync, rename). */
  public void compact() throws IOException {
    StringBuilder sb = new StringBuilder("H " + nextIndex + "\n");
    for (ActionRecord r : records.values()) {
      sb.append(r.serialize()).append('\n');
    }
    journal.replace(sb.toString());
    deadLines = 0;
  }

  /**
   * Compacts when the history outweighs the live records (more dead lines than twice the records
   * plus 1000), so the log stays within a few times its live size at a cost that is constant per
   * change on average. Returns whether it compacted.
   */
  public boolean compactIfWorthIt() throws IOException {
    if (deadLines <= 2 * records.size() + 1000) {
      return false;
    }
    compact();
    return true;
  }

  /** The durable bound of the cookies handed out, kept beside this log. */
  public CookieMark cookieMark() {
    return CookieMark.besideLog(file);
  }

  /** Highest cookie of any live record, or -1. */
  public long maxCookie() {
    long max = -1;
    for (ActionRecord r : records.values()) {
      max = Math.max(max, r.cookie());
    }
    return max;
  }

  /** Records of one status, in order (a scan of every record: for coordinator starts). */
  public List<ActionRecord> withStatus(RecordStatus s) {
    List<ActionRecord> out = new ArrayList<>();
    for (ActionRecord r : records.values()) {
      if (r.status() == s) {
        out.add(r);
      }
    }
    return out;
  }

  /** WAITING non-cancel records in dispatch (index) order: a read-only view. */
  public NavigableMap<Integer, ActionRecord> waiting() {
    return Collections.unmodifiableNavigableMap(index.waiting);
  }

  /** WAITING CANCEL records in index order: a read-only view. */
  public NavigableMap<Integer, ActionRecord> waitingCancels() {
    return Collections.unmodifiableNavigableMap(index.waitingCancels);
  }

  /** WAITING RESTORE records in index order: a read-only view. */
  public NavigableMap<Integer, ActionRecord> waitingRestores() {
    return Collections.unmodifiableNavigableMap(index.waitingRestores);
  }

  /**
   * The STARTED records, oldest change first, as long as {@code due} accepts their change time (a
   * snapshot, safe to change the records from).
   */
  public List<ActionRecord> oldestStarted(LongPredicate due) {
    return leading(index.started, due);
  }

  /**
   * The finished records, oldest change first, as long as {@code due} accepts their change time (a
   * snapshot, safe to change or delete the records from).
   */
  public List<ActionRecord> oldestFinished(LongPredicate due) {
    return leading(index.finished, due);
  }

  private static List<ActionRecord> leading(Iterable<ActionRecord> byChange, LongPredicate due) {
    List<ActionRecord> out = new ArrayList<>();
    for (ActionRecord r : byChange) {
      if (!due.test(r.changeSec())) {
        break;
      }
      out.add(r);
    }
    return out;
  }

  /** The first WAITING/STARTED non-cancel record of a file (only RESTOREs if asked), or null. */
  public ActionRecord pendingFor(Fid fid, boolean restoreOnly) {
    return index.pendingFor(fid, restoreOnly);
  }

  /**
   * Where the maintained index differs from one rebuilt from every live record (empty when they
   * agree): a self-check for tests.
   */
  public List<String> indexProblems() {
    RequestIndex fresh = new RequestIndex();
    for (ActionRecord r : records.values()) {
      fresh.add(r);
    }
    return index.differencesFrom(fresh);
  }

  @Override
  public void close() throws IOException {
    journal.close();
  }
}
