package org.lhsm.emulator.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only text file whose durability is its {@link GroupCommit}'s business. With an inline
 * commit {@link #append} writes and syncs the bytes before it returns. With a commit thread it only
 * queues them: the commit thread writes everything queued in one {@code write} and syncs it before
 * anyone waiting for those appends is answered, so the appending thread makes no system call (a
 * crash loses only appends nobody was answered for). {@link #replace} rewrites the whole file
 * (temporary file, fsync, rename, fsync of the directory): a compaction, which supersedes what is
 * queued.
 *
 * <p>Appends and replacements are made by one thread at a time (callers hold the daemon lock);
 * {@link #sync()} may run at the same time on the commit thread.
 */
public final class AppendFile implements AutoCloseable {
  private final Path file;
  private final GroupCommit commit;
  private final Object syncLock = new Object();
  private volatile FileChannel channel;

  /** Appends not yet written (commit thread mode); guarded by itself. */
  private final StringBuilder queued = new StringBuilder();

  /** Highest ticket of an append to this file, and the highest one made durable. */
  private volatile long appendedTicket;

  private long syncedTicket;

  /** Opens {@code file} (created if absent) for appending; durability by {@code commit}. */
  public AppendFile(Path file, GroupCommit commit) throws IOException {
    this.file = file;
    this.commit = commit;
    this.channel = open(file);
    commit.register(this);
  }

  private static FileChannel open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    ch.position(ch.size());
    return ch;
  }

  public Path path() {
    return file;
  }

  /**
   * Appends {@code text} (written and synced at once by an inline commit, else queued for the
   * commit thread) and returns the ticket to {@link GroupCommit#awaitDurable} for it.
   */
  public long append(String text) throws IOException {
    if (commit.isInline()) {
      write(channel, text);
    } else {
      synchronized (queued) {
        queued.append(text);
      }
    }
    return commit.appended(this);
  }

  private static void write(FileChannel ch, String text) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  void markAppended(long ticket) {
    appendedTicket = ticket;
  }

  /**
   * Makes every append so far durable (writes what is queued, fdatasync) unless an earlier sync
   * already did.
   */
  void sync() throws IOException {
    synchronized (syncLock) {
      write(take());
    }
  }

  /** Appends taken from the queue by {@link #take()}: their text and the last ticket they cover. */
  record Taken(String text, long ticket) {}

  /**
   * The lock that {@link #take()} and {@link #write} are called under (with {@link #replace} kept
   * out, the taken text cannot be superseded before it is written).
   */
  Object syncLock() {
    return syncLock;
  }

  /**
   * Takes what is queued (call with {@link #syncLock()} held, then {@link #write} it). The ticket
   * is read with the text: an append is queued before its ticket is given, so every append up to
   * the ticket is in the text or was taken before.
   */
  Taken take() {
    synchronized (queued) {
      Taken t = new Taken(queued.toString(), appendedTicket);
      queued.setLength(0);
      return t;
    }
  }

  /**
   * Writes taken appends and syncs them (call with {@link #syncLock()} held since the {@link
   * #take()}); nothing if there is nothing new since the last sync.
   */
  void write(Taken t) throws IOException {
    if (t.text().isEmpty() && t.ticket() <= syncedTicket) {
      return;
    }
    if (!t.text().isEmpty()) {
      write(channel, t.text());
    }
    channel.force(false);
    syncedTicket = Math.max(syncedTicket, t.ticket());
  }

  /**
   * Replaces the whole content with {@code text}, durably (temporary file, fsync, rename, fsync of
   * the directory), and goes on appending to the new file. Everything appended before is covered:
   * the new content is durable when this returns.
   */
  public void replace(String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".compact");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    synchronized (syncLock) {
      synchronized (queued) {
        queued.setLength(0); // the new content holds what they said
      }
      channel.close();
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(file.toAbsolutePath().getParent());
      channel = open(file);
      syncedTicket = appendedTicket;
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some filesystems refuse fsync on a directory; the rename itself has happened
    }
  }

  @Override
  public void close() throws IOException {
    try {
      sync();
    } finally {
      commit.unregister(this);
      channel.close();
    }
  }
}
