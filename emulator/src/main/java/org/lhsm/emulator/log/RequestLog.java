package org.lhsm.emulator.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lhsm.emulator.codec.ActionItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only request log. Every change appends the whole record as one line and fsyncs before
 * returning; deletions append {@code D <idx>}. At open the file is replayed (a torn last line from
 * a crash is cut off). {@link #compact()} rewrites only the live records.
 */
public final class RequestLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
  private final Path file;
  private final Map<Integer, ActionRecord> records = new TreeMap<>();
  private FileChannel channel;
  private int nextIndex = 1;
  private int deadLines;

  public RequestLog(Path file) throws IOException {
    this.file = file;
    replay();
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.position(channel.size());
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

  /** Live records in index order. */
  public Collection<ActionRecord> records() {
    return List.copyOf(records.values());
  }

  public ActionRecord get(int index) {
    return records.get(index);
  }

  /** Appends a new WAITING record and makes it durable. */
  public ActionRecord add(int archiveId, long flags, long nowSec, ActionItem item)
      throws IOException {
    ActionRecord r =
        new ActionRecord(
            nextIndex++, RecordStatus.WAITING, archiveId, flags, nowSec, nowSec, item, "");
    records.put(r.index(), r);
    append(r.serialize());
    return r;
  }

  /** Changes a record's status (and change time) durably. */
  public void setStatus(ActionRecord r, RecordStatus s, long nowSec) throws IOException {
    r.setStatus(s, nowSec);
    rewrite(r);
  }

  /** Marks a record sent to an agent durably. */
  public void setStarted(ActionRecord r, String agentUuid, long nowSec) throws IOException {
    r.setAgent(agentUuid);
    r.setStatus(RecordStatus.STARTED, nowSec);
    rewrite(r);
  }

  /**
   * Back to WAITING for another dispatch (a failure with the retry flag, a restore at coordinator
   * start). A RESTORE forgets the data FID of its last attempt: that volatile file is gone, and the
   * next attempt creates its own (as the MDT sends {@code hai_dfid == hai_fid} again).
   */
  public void requeue(ActionRecord r, long nowSec) throws IOException {
    ActionItem i = r.item();
    if (i.action() == org.lhsm.emulator.codec.Hsm.HSMA_RESTORE && !i.dfid().equals(i.fid())) {
      r.setItem(i.withDfid(i.fid()));
    }
    r.setStatus(RecordStatus.WAITING, nowSec);
    rewrite(r);
  }

  /** Replaces the item (e.g. the learnt data FID) durably. */
  public void setItem(ActionRecord r, ActionItem item) throws IOException {
    r.setItem(item);
    rewrite(r);
  }

  private void rewrite(ActionRecord r) throws IOException {
    deadLines++;
    append(r.serialize());
  }

  /** Deletes a record (purge of a finished record). */
  public void delete(ActionRecord r) throws IOException {
    if (records.remove(r.index()) != null) {
      deadLines += 2;
      append("D " + r.index());
    }
  }

  /** Lines of history that compaction would drop. */
  public int deadLines() {
    return deadLines;
  }

  private void append(String line) throws IOException {
    ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      channel.write(b);
    }
    channel.force(false);
  }

  /** Rewrites the log with the live records only (temp file, fsync, rename). */
  public void compact() throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".compact");
    StringBuilder sb = new StringBuilder("H " + nextIndex + "\n");
    for (ActionRecord r : records.values()) {
      sb.append(r.serialize()).append('\n');
    }
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    channel.close();
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    channel = FileChannel.open(file, StandardOpenOption.WRITE);
    channel.position(channel.size());
    deadLines = 0;
  }

  /** Highest cookie of any live record, or -1. */
  public long maxCookie() {
    long max = -1;
    for (ActionRecord r : records.values()) {
      max = Math.max(max, r.cookie());
    }
    return max;
  }

  /** Records of one status, in order. */
  public List<ActionRecord> withStatus(RecordStatus s) {
    List<ActionRecord> out = new ArrayList<>();
    for (ActionRecord r : records.values()) {
      if (r.status() == s) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
