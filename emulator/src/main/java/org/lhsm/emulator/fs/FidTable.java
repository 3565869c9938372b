package org.lhsm.emulator.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.journal.AppendFile;
import org.lhsm.emulator.journal.GroupCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FID table ({@code D/state/fids}): every known object's {@link FileRecord} by FID and by
 * inode, the FID allocator, and the journal that persists them. A change appends the record's new
 * line (one write; durable through the {@link GroupCommit} before the operation is answered);
 * {@code X <fid>} forgets one; {@code next <seq> <oid>} carries the allocator. A restore's layout
 * swap is written ahead: {@code S <fid> <volatile fid>} is durable before the volatile file is
 * renamed over the file, and the swap ends with the file's new line and {@code X <volatile fid>} in
 * one write ({@code S- <volatile fid>}: it was given up); a swap still open at load is finished by
 * {@link ReleasedFiles}. A release is written ahead the same way: the record flagged RELEASED with
 * its size and times of before the data drop, and {@code R <fid>}, durable in one write before the
 * data is dropped; it ends with the record's new line and {@code R- <fid>} in one write. At load
 * the lines are replayed (last line per FID wins) and the file is compacted: rewritten with the
 * live records, open swaps and open releases (temp file, fsync, rename).
 */
final class FidTable implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FidTable.class);
  private static final long FIRST_SEQ = 0x200000401L;
  private static final int SEQ_WIDTH = 0x20000;

  private final Path file;
  private final Map<Fid, FileRecord> byFid = new LinkedHashMap<>();
  private final Map<Long, Fid> fidByIno = new HashMap<>();
  private long nextSeq = FIRST_SEQ;
  private int nextOid = 1;
  private final AppendFile journal;
  private final GroupCommit commit;
  private int journalLines;

  /** Layout swaps written ahead and not yet ended: file FID by volatile FID. */
  private final Map<Fid, Fid> openSwaps = new LinkedHashMap<>();

  /** Releases written ahead and not yet ended (their data drop may be half done). */
  private final Set<Fid> openReleases = new LinkedHashSet<>();

  /** Replays {@code file} (absent: an empty table) and compacts it. */
  FidTable(Path file, GroupCommit commit) throws IOException {
    this.file = file;
    this.commit = commit;
    for (String line : FsLayout.lines(file)) {
      try {
        replay(line);
      } catch (RuntimeException e) {
        LOG.warn("FID table {}: skipping malformed line '{}'", file, line);
      }
    }
    journal = new AppendFile(file, commit);
    compact();
  }

  private void replay(String line) {
    if (line.startsWith("next ")) {
      String[] p = line.split(" ");
      nextSeq = Long.parseLong(p[1]);
      nextOid = Integer.parseInt(p[2]);
    } else if (FidTableLines.isRecordLine(line)) {
      FileRecord r = FidTableLines.parse(line);
      FileRecord old = byFid.put(r.fid(), r);
      if (old != null) {
        fidByIno.remove(old.ino(), old.fid());
      }
      fidByIno.put(r.ino(), r.fid());
    } else if (line.startsWith("X ")) {
      Fid fid = Fid.parse(line.substring(2));
      FileRecord old = byFid.remove(fid);
      if (old != null) {
        fidByIno.remove(old.ino(), fid); // a restore gave the inode to the file
      }
      openSwaps.remove(fid);
      openReleases.remove(fid);
    } else if (line.startsWith("R- ")) {
      openReleases.remove(Fid.parse(line.substring(3)));
    } else if (line.startsWith("R ")) {
      openReleases.add(Fid.parse(line.substring(2)));
    } else if (line.startsWith("S- ")) {
      openSwaps.remove(Fid.parse(line.substring(3)));
    } else if (line.startsWith("S ")) {
      String[] p = line.split(" ");
      openSwaps.put(Fid.parse(p[2]), Fid.parse(p[1]));
    }
  }

  /** The record of a known FID, or null. */
  FileRecord find(Fid fid) {
    return byFid.get(fid);
  }

  /** The record last seen at an inode, or null. */
  FileRecord atInode(long ino) {
    Fid fid = fidByIno.get(ino);
    return fid == null ? null : byFid.get(fid);
  }

  /** Every live record, in FID allocation order (a snapshot). */
  List<FileRecord> records() {
    return new ArrayList<>(byFid.values());
  }

  /** A FID never handed out before (FIDs are never reused). */
  Fid allocate() {
    Fid f = new Fid(nextSeq, nextOid, 0);
    nextOid++;
    if (nextOid > SEQ_WIDTH) {
      nextSeq++;
      nextOid = 1;
    }
    return f;
  }

  /** Enters a new record (not yet persisted: {@link #save} it once filled in). */
  void add(FileRecord r) {
    byFid.put(r.fid(), r);
    fidByIno.put(r.ino(), r.fid());
  }

  /** The object of a record now lives on another inode (a restore swapped it). */
  void moveToInode(FileRecord r, long ino) {
    fidByIno.remove(r.ino());
    r.setIno(ino);
    fidByIno.put(ino, r.fid());
  }

  /** Removes a record and persists that (the FID is never handed out again). */
  void forget(FileRecord r) {
    openReleases.remove(r.fid());
    byFid.remove(r.fid());
    fidByIno.remove(r.ino());
    append("X " + r.fid().noBrace() + "\n", 1);
  }

  /**
   * Persists the new state of records (one write, durable by the group commit); compacts at times.
   */
  void save(FileRecord... records) {
    append(recordLines(records), records.length + 1);
  }

  /**
   * Writes ahead, durably, that {@code r} (already flagged RELEASED, its size and times those of
   * before the drop) is about to lose its data: a queued line would die with the daemon.
   */
  void releaseBegins(FileRecord r) {
    openReleases.add(r.fid());
    commit.awaitDurable(append(recordLines(r) + "R " + r.fid().noBrace() + "\n", 3));
  }

  /** Ends a release: {@code r} with its baseline after the drop, in one write. */
  void releaseEnds(FileRecord r) {
    openReleases.remove(r.fid());
    append(recordLines(r) + "R- " + r.fid().noBrace() + "\n", 3);
  }

  /** An open release that cannot be finished (its object is gone): forgotten. */
  void releaseGivenUp(Fid fid) {
    openReleases.remove(fid);
    append("R- " + fid.noBrace() + "\n", 1);
  }

  /** The releases a killed daemon left open (a snapshot). */
  List<Fid> openReleases() {
    return new ArrayList<>(openReleases);
  }

  /** Writes ahead, durably, that {@code volatileFile} is about to be renamed over {@code file}. */
  void swapBegins(FileRecord file, FileRecord volatileFile) {
    openSwaps.put(volatileFile.fid(), file.fid());
    commit.awaitDurable(
        append("S " + file.fid().noBrace() + " " + volatileFile.fid().noBrace() + "\n", 1));
  }

  /**
   * Ends a swap: {@code file} (its new state set, on the volatile file's inode) is written with the
   * volatile record forgotten, in one write.
   */
  void swapEnds(FileRecord file, FileRecord volatileFile) {
    byFid.remove(volatileFile.fid());
    fidByIno.remove(volatileFile.ino(), volatileFile.fid());
    openSwaps.remove(volatileFile.fid());
    append(recordLines(file) + "X " + volatileFile.fid().noBrace() + "\n", 3);
  }

  /** A swap written ahead that did not happen: the file and its volatile file are as they were. */
  void swapGivenUp(FileRecord volatileFile) {
    openSwaps.remove(volatileFile.fid());
    append("S- " + volatileFile.fid().noBrace() + "\n", 1);
  }

  /** The swaps a killed daemon left open: file FID by volatile FID (a snapshot). */
  Map<Fid, Fid> openSwaps() {
    return new LinkedHashMap<>(openSwaps);
  }

  private String recordLines(FileRecord... records) {
    StringBuilder sb = new StringBuilder();
    sb.append("next ").append(nextSeq).append(' ').append(nextOid).append('\n');
    for (FileRecord r : records) {
      sb.append(FidTableLines.format(r)).append('\n');
    }
    return sb.toString();
  }

  private long append(String text, int lines) {
    long ticket;
    try {
      ticket = journal.append(text);
    } catch (IOException e) {
      throw new IllegalStateException("cannot append to FID table " + file, e);
    }
    journalLines += lines;
    if (journalLines > 2 * byFid.size() + 1000) {
      compact();
    }
    return ticket;
  }

  /**
   * Rewrites the table with the live records (temp file, fsync, rename) and reopens the journal
   * that later changes are appended to.
   */
  void compact() {
    StringBuilder sb = new StringBuilder();
    sb.append("next ").append(nextSeq).append(' ').append(nextOid).append('\n');
    for (FileRecord r : byFid.values()) {
      sb.append(FidTableLines.format(r)).append('\n');
    }
    openSwaps.forEach(
        (v, f) -> sb.append("S ").append(f.noBrace()).append(' ').append(v.noBrace()).append('\n'));
    openReleases.forEach(f -> sb.append("R ").append(f.noBrace()).append('\n'));
    try {
      journal.replace(sb.toString());
      journalLines = 0;
    } catch (IOException e) {
      throw new IllegalStateException("cannot persist FID table " + file, e);
    }
  }

  @Override
  public void close() throws IOException {
    journal.close();
  }
}
