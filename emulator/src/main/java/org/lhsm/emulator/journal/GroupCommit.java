package org.lhsm.emulator.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the appends of several {@link AppendFile}s durable, and tells callers when. Every append
 * gets a ticket (a sequence number over all files); {@link #awaitDurable(long)} returns once every
 * append up to that ticket has been synced. An acknowledgement sent after it covers everything the
 * operation wrote or could have seen.
 *
 * <p>{@link #inline()} syncs each append before it returns (one fdatasync per append: embedded use,
 * tests of the files alone). {@link #start(String)} runs a commit thread: it syncs every file with
 * unsynced appends (in registration order: the FID table before the request log, what each writes
 * taken from the queues in the reverse order, so that no line of the request log reaches the disk
 * before a line queued ahead of it in the FID table) and then releases everyone waiting for a
 * ticket up to the last append it saw, so the appends of concurrent operations share one fdatasync
 * per file, while the daemon lock is free for the next operations. A failed sync is fatal: every
 * later wait fails with an {@link UncheckedIOException}.
 */
public final class GroupCommit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
  private final boolean inline;
  private final List<AppendFile> files = new CopyOnWriteArrayList<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final Consumer<Path> afterWrite;

  /** Guards the counters; waiters for durability sleep on it. */
  private final Object monitor = new Object();

  /** The commit thread sleeps on it while there is nothing to sync. */
  private final Object work = new Object();

  private boolean committerIdle;
  private long appended;
  private long durable;
  private long syncs;
  private IOException failure;
  private boolean closed;
  private Thread thread;

  private GroupCommit(boolean inline, Consumer<Path> afterWrite) {
    this.inline = inline;
    this.afterWrite = afterWrite;
  }

  /** Each append is synced before it returns. */
  public static GroupCommit inline() {
    return new GroupCommit(true, path -> {});
  }

  /** A commit thread named {@code threadName} syncs appends in groups. */
  public static GroupCommit start(String threadName) {
    return start(threadName, path -> {});
  }

  /**
   * {@link #start(String)}, calling {@code afterWrite} on the commit thread each time a round has
   * written and synced a file, before it goes on to the next (tests: what a kill at that instant
   * would leave on disk).
   */
  static GroupCommit start(String threadName, Consumer<Path> afterWrite) {
    GroupCommit g = new GroupCommit(false, afterWrite);
    Thread t = new Thread(g::commitLoop, threadName);
    t.setDaemon(true);
    g.thread = t;
    t.start();
    return g;
  }

  /** Whether appends are synced before they return (no commit thread). */
  boolean isInline() {
    return inline;
  }

  void register(AppendFile f) {
    files.add(f);
  }

  void unregister(AppendFile f) {
    files.remove(f);
  }

  /** Called by {@code f} after writing an append; returns its ticket. */
  long appended(AppendFile f) throws IOException {
    long ticket;
    synchronized (monitor) {
      ticket = ++appended;
      f.markAppended(ticket);
    }
    if (!inline) {
      synchronized (work) {
        if (committerIdle) {
          committerIdle = false;
          work.notify();
        }
      }
      return ticket;
    }
    f.sync();
    synchronized (monitor) {
      durable = Math.max(durable, ticket);
      syncs++;
    }
    return ticket;
  }

  /** The ticket of the last append made so far (0: none). */
  public long ticket() {
    synchronized (monitor) {
      return appended;
    }
  }

  /**
   * Whether every append up to {@code ticket} is durable.
   *
   * @throws UncheckedIOException if a sync failed (nothing may be acknowledged any more)
   */
  public boolean isDurable(long ticket) {
    synchronized (monitor) {
      if (durable < ticket && failure != null) {
        throw new UncheckedIOException("journal sync failed", failure);
      }
      return durable >= ticket;
    }
  }

  /** Calls {@code r} on the commit thread after every sync round (it must not block). */
  public void onDurable(Runnable r) {
    listeners.add(r);
  }

  /** Number of sync rounds so far (each syncs every file that had appends). */
  public long syncRounds() {
    synchronized (monitor) {
      return syncs;
    }
  }

  /**
   * Blocks until every append up to {@code ticket} is durable.
   *
   * @throws UncheckedIOException if a sync failed (nothing may be acknowledged any more)
   */
  public void awaitDurable(long ticket) {
    synchronized (monitor) {
      while (durable < ticket && failure == null) {
        if (closed && thread == null) {
          break;
        }
        try {
          monitor.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UncheckedIOException(new IOException("interrupted waiting for a sync"));
        }
      }
      if (failure != null) {
        throw new UncheckedIOException("journal sync failed", failure);
      }
    }
  }

  private void commitLoop() {
    while (true) {
      long target;
      synchronized (work) {
        while (true) {
          synchronized (monitor) {
            if (durable != appended || closed) {
              break;
            }
          }
          committerIdle = true;
          try {
            work.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        committerIdle = false;
      }
      synchronized (monitor) {
        if (durable == appended && closed) {
          return;
        }
        target = appended;
      }
      List<AppendFile> round = List.copyOf(files);
      IOException error =
          takeThenWrite(round, round.size() - 1, new AppendFile.Taken[round.size()]);
      synchronized (monitor) {
        if (error != null && failure == null) {
          failure = error;
        }
        if (failure == null) {
          durable = Math.max(durable, target);
        }
        syncs++;
        monitor.notifyAll();
      }
      for (Runnable r : listeners) {
        r.run();
      }
      synchronized (monitor) {
        if (failure != null) {
          return;
        }
      }
    }
  }

  /**
   * One sync round over {@code files}: takes what each has queued, the last registered first, each
   * file's sync lock held from its take on (a replacement cannot come in between); once all are
   * taken, writes and syncs them in registration order, stopping at a failure. Taken the other way
   * round, an operation that queued its effect in the FID table and then its record in the request
   * log between the two takes would have its record written by this round and its effect only by
   * the next: a daemon killed in between (coordinator-kill) came back with a SUCCEED record whose
   * effect was lost. Taken last first, every line a round writes comes with every line queued
   * before it in the files registered before its file.
   */
  private IOException takeThenWrite(List<AppendFile> round, int i, AppendFile.Taken[] taken) {
    if (i >= 0) {
      AppendFile f = round.get(i);
      synchronized (f.syncLock()) {
        taken[i] = f.take();
        return takeThenWrite(round, i - 1, taken);
      }
    }
    for (int k = 0; k < round.size(); k++) {
      AppendFile f = round.get(k);
      try {
        f.write(taken[k]);
      } catch (IOException e) {
        LOG.error("sync of {} failed: nothing more is acknowledged", f.path(), e);
        return e;
      }
      afterWrite.accept(f.path());
    }
    return null;
  }

  /** Syncs what is pending and stops the commit thread. */
  @Override
  public void close() {
    Thread t;
    synchronized (monitor) {
      closed = true;
      monitor.notifyAll();
      t = thread;
    }
    synchronized (work) {
      work.notifyAll();
    }
    if (t != null) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (monitor) {
        thread = null;
        monitor.notifyAll();
      }
    }
  }
}
