package org.lhsm.emulator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
