package org.lhsm.copytool.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.Errno;

/**
 * S3Proxy as a child process killed with SIGKILL in the middle of a multipart upload: no object
 * ever appears with partial content; with the server back within the retry budget the upload
 * finishes (parts sent again whole), with the server gone for good it fails with ETIMEDOUT (the
 * coordinator's retry errno) and the leftover upload is swept once the server is back.
 */
class S3ServerKillTest {
  @TempDir Path tmp;

  private static ObjectAttributes attrs(long size) {
    return new ObjectAttributes(
        Optional.empty(),
        "fs",
        1,
        Optional.empty(),
        size,
        0,
        0100644,
        0,
        0,
        OptionalInt.empty(),
        OptionalLong.empty());
  }

  @Test
  void aServerKilledMidUploadLeavesNoPartialObject() throws Exception {
    Path f = tmp.resolve("f");
    byte[] content = new byte[4 * S3Settings.MIN_PART_SIZE + 17];
    new Random(11).nextBytes(content);
    Files.write(f, content);
    try (S3TestServer server = S3TestServer.startChild(tmp.resolve("s3"))) {
      server.createBucket("kill");
      S3Settings settings =
          server
              .settings("kill")
              .withRetry(
                  new RetryBudget(
                      40, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(60)));
      // 1: killed after the second part was read, back half a second later: the upload finishes
      try (S3Store store = S3Store.open(settings, S3TestServer.credentials());
          FileChannel ch = FileChannel.open(f)) {
        CompletableFuture<Void> back = new CompletableFuture<>();
        TestControl c =
            new TestControl(1 << 20)
                .at(
                    8,
                    () -> {
                      server.kill();
                      CompletableFuture.runAsync(
                          () -> {
                            try {
                              Thread.sleep(500);
                              server.restart();
                              back.complete(null);
                            } catch (Exception e) {
                              back.completeExceptionally(e);
                            }
                          });
                    });
        try {
          store.upload("lhsm/k", ch, 0, ch.size(), attrs(ch.size()), c);
          assertThat(store.retries()).isPositive();
          Path out = tmp.resolve("out");
          try (FileChannel o =
              FileChannel.open(
                  out,
                  java.nio.file.StandardOpenOption.CREATE,
                  java.nio.file.StandardOpenOption.WRITE)) {
            store.download("lhsm/k", o, new TestControl(1 << 20));
          }
          assertThat(Files.mismatch(f, out)).isEqualTo(-1);
        } catch (S3StoreException e) {
          // the server may have lost the upload itself: then the action is retried later
          assertThat(e.errno()).isIn(Errno.EAGAIN, Errno.ETIMEDOUT);
          back.join();
          assertThat(store.head("lhsm/k")).isEmpty();
        }
        back.join();
      }
      // 2: killed and not back within the budget: ETIMEDOUT, and nothing under the key
      S3Settings shortBudget =
          settings.withRetry(
              new RetryBudget(
                  3, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(5)));
      try (S3Store store = S3Store.open(shortBudget, S3TestServer.credentials());
          FileChannel ch = FileChannel.open(f)) {
        TestControl c = new TestControl(1 << 20).at(8, server::kill);
        assertThatThrownBy(() -> store.upload("lhsm/k2", ch, 0, ch.size(), attrs(ch.size()), c))
            .isInstanceOfSatisfying(
                S3StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ETIMEDOUT));
      }
      server.restart();
      try (S3Store store =
          S3Store.open(shortBudget.withStaleUploadAge(Duration.ZERO), S3TestServer.credentials())) {
        assertThat(store.head("lhsm/k2")).isEmpty();
        store.sweepStaleUploads(Instant.now().plusSeconds(1));
        assertThat(store.uploadsInProgress("lhsm/k2")).isEmpty();
      }
    }
  }
}
