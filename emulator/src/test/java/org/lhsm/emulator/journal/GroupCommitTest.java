package org.lhsm.emulator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends and their durability: with a commit thread, what a waiter was told is durable is in the
 * file, concurrent appenders share sync rounds, a replacement supersedes queued appends and close
 * writes what is left; inline, every append is durable when it returns.
 */
class GroupCommitTest {
  @TempDir Path dir;

  @Test
  void concurrentAppendersShareSyncsAndFindTheirLinesWrittenWhenDurable() throws Exception {
    int threads = 16;
    int perThread = 50;
    Path file = dir.resolve("j");
    GroupCommit commit = GroupCommit.start("test-commit");
    Object lock = new Object(); // appends come from one thread at a time, as under the daemon lock
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (AppendFile f = new AppendFile(file, commit)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int me = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    String line = "t" + me + " " + i + "\n";
                    long ticket;
                    synchronized (lock) {
                      ticket = f.append(line);
                    }
                    commit.awaitDurable(ticket);
                    assertThat(commit.isDurable(ticket)).isTrue();
                    assertThat(Files.readString(file)).as("written once durable").contains(line);
                  }
                  return null;
                }));
      }
      for (Future<?> d : done) {
        d.get(120, TimeUnit.SECONDS);
      }
      assertThat(commit.ticket()).isEqualTo((long) threads * perThread);
      assertThat(commit.syncRounds())
          .as("sync rounds for %d appends from %d threads", threads * perThread, threads)
          .isLessThan((long) threads * perThread);
    } finally {
      pool.shutdownNow();
      commit.close();
    }
    assertThat(Files.readAllLines(file)).hasSize(threads * perThread).doesNotHaveDuplicates();
  }

  @Test
  void aReplacementSupersedesQueuedAppendsAndCloseWritesTheRest() throws Exception {
    Path file = dir.resolve("j");
    GroupCommit commit = GroupCommit.start("test-commit");
    try (AppendFile f = new AppendFile(file, commit)) {
      commit.awaitDurable(f.append("old 1\n"));
      f.append("old 2\n");
      f.replace("compacted\n");
      assertThat(Files.readString(file)).isEqualTo("compacted\n");
      long t = f.append("new\n");
      commit.awaitDurable(t);
      assertThat(Files.readString(file)).isEqualTo("compacted\nnew\n");
      f.append("last\n");
    } finally {
      commit.close();
    }
    assertThat(Files.readString(file)).isEqualTo("compacted\nnew\nlast\n");
  }

  /**
   * The daemon's operations queue their effect in the FID table (registered first) and then their
   * record in the request log. An operation that came while a round was between the two files had
   * its record written by that round and its effect only by the next one: a daemon killed in
   * between came back with a SUCCEED record and a file without its ARCHIVED flag (coordinator-kill
   * seed 0x10, trial 20: two acknowledged ARCHIVEs "ended without their effect and without a FAILED
   * record"). Here the operation comes at that instant, and what is on disk is checked after every
   * file a round writes, as a kill -9 then would find it.
   */
  @Test
  void noRecordReachesTheDiskBeforeTheEffectQueuedAheadOfIt() throws Exception {
    Path effects = dir.resolve("fids");
    Path records = dir.resolve("requests");
    Object lock = new Object(); // the daemon lock: an operation queues both lines under it
    List<String> onDisk = new ArrayList<>();
    AtomicReference<AppendFile> effectFile = new AtomicReference<>();
    AtomicReference<AppendFile> recordFile = new AtomicReference<>();
    AtomicLong secondOperation = new AtomicLong();
    GroupCommit commit =
        GroupCommit.start(
            "test-commit",
            written -> {
              try {
                onDisk.add(
                    written.getFileName()
                        + ": effects "
                        + Files.readAllLines(effects)
                        + ", records "
                        + Files.readAllLines(records));
                if (written.equals(effects) && secondOperation.get() == 0) {
                  // an operation between this round's two files
                  secondOperation.set(operation(lock, effectFile.get(), recordFile.get(), 2));
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try (AppendFile fids = new AppendFile(effects, commit);
        AppendFile requests = new AppendFile(records, commit)) {
      effectFile.set(fids);
      recordFile.set(requests);
      commit.awaitDurable(operation(lock, fids, requests, 1));
      assertThat(secondOperation.get()).as("the operation between the files came").isPositive();
      commit.awaitDurable(secondOperation.get());
      assertThat(Files.readAllLines(effects)).containsExactly("effect 1", "effect 2");
      assertThat(Files.readAllLines(records)).containsExactly("record 1", "record 2");
    } finally {
      commit.close();
    }
    assertThat(onDisk)
        .as("the files on disk after each write of a round")
        .isNotEmpty()
        .allSatisfy(
            state -> {
              for (int k = 1; k <= 2; k++) {
                if (state.contains("record " + k)) {
                  assertThat(state)
                      .as("record %d written with its effect", k)
                      .contains("effect " + k);
                }
              }
            });
  }

  /** Queues an operation's effect, then its record, under the daemon lock; the record's ticket. */
  private static long operation(Object lock, AppendFile effects, AppendFile records, int k)
      throws IOException {
    synchronized (lock) {
      effects.append("effect " + k + "\n");
      return records.append("record " + k + "\n");
    }
  }

  @Test
  void anInlineCommitSyncsEachAppendBeforeItReturns() throws Exception {
    Path file = dir.resolve("j");
    GroupCommit commit = GroupCommit.inline();
    try (AppendFile f = new AppendFile(file, commit)) {
      long t1 = f.append("a\n");
      assertThat(commit.isDurable(t1)).isTrue();
      assertThat(Files.readString(file)).isEqualTo("a\n");
      long t2 = f.append("b\n");
      assertThat(t2).isGreaterThan(t1);
      commit.awaitDurable(t2);
      assertThat(commit.syncRounds()).isEqualTo(2);
    }
  }
}
