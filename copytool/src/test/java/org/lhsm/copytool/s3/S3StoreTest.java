package org.lhsm.copytool.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The store against S3Proxy: uploads, downloads, verification, faults, clean-up. */
class S3StoreTest {
  private static final int MIB = 1 << 20;
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  @TempDir static Path shared;
  @TempDir Path tmp;
  private static S3TestServer server;
  private String bucket;
  private S3Store store;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start(shared.resolve("s3"));
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void newBucket() {
    bucket = "store" + BUCKETS.incrementAndGet();
    server.createBucket(bucket);
    store = S3Store.open(server.settings(bucket), S3TestServer.credentials());
  }

  @org.junit.jupiter.api.AfterEach
  void closeStore() {
    store.close();
  }

  private Path file(String name, long size, long seed) throws Exception {
    Path p = tmp.resolve(name);
    byte[] b = new byte[(int) size];
    new Random(seed).nextBytes(b);
    Files.write(p, b);
    return p;
  }

  private static ObjectAttributes attrs(long size) {
    return new ObjectAttributes(
        Optional.of(new Fid(0x200000401L, 5, 0)),
        "testfs",
        1,
        Optional.of("dir/é f"),
        size,
        1_700_000_000L,
        0100640,
        1000,
        1000,
        OptionalInt.empty(),
        OptionalLong.empty());
  }

  private S3Store.UploadResult upload(Path f, String key) throws Exception {
    try (FileChannel ch = FileChannel.open(f)) {
      return store.upload(key, ch, 0, ch.size(), attrs(ch.size()), new TestControl(MIB));
    }
  }

  private S3Store.DownloadResult download(String key, Path out) throws Exception {
    try (FileChannel ch =
        FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      return store.download(key, ch, new TestControl(MIB));
    }
  }

  @Test
  void smallFileIsOnePutWithItsChecksumInMetadata() throws Exception {
    store.probeChecksums();
    Path f = file("small", 100_000, 1);
    S3Store.UploadResult r = upload(f, "lhsm/k1");
    assertThat(r.parts()).isEqualTo(1);
    S3Store.ObjectInfo info = store.head("lhsm/k1").orElseThrow();
    assertThat(info.metadata())
        .containsEntry("lhsm-fid", "0x200000401:0x5:0x0")
        .containsEntry("lhsm-path", "dir%2F%C3%A9+f")
        .containsEntry("lhsm-mode", "100640")
        .containsKey("lhsm-crc32c");
    assertThat(info.attributes().path()).contains("dir/é f");
    Path out = tmp.resolve("out");
    assertThat(download("lhsm/k1", out).verification())
        .isEqualTo(S3Store.Verification.WHOLE_OBJECT_CRC32C);
    assertThat(Files.mismatch(f, out)).isEqualTo(-1);
    assertThat(server.keys(bucket)).containsExactly("lhsm/k1");
  }

  @Test
  void largeFileGoesUpInParallelPartsAndIsVerifiedByTheCompositeChecksum() throws Exception {
    assertThat(store.probeChecksums()).isTrue();
    Path f = file("big", 3L * S3Settings.MIN_PART_SIZE + 13, 2);
    S3Store.UploadResult r = upload(f, "lhsm/big");
    assertThat(r.parts()).isEqualTo(4);
    assertThat(r.checksum()).endsWith("-4");
    assertThat(store.head("lhsm/big").orElseThrow().checksumCrc32c()).contains(r.checksum());
    Path out = tmp.resolve("out");
    assertThat(download("lhsm/big", out).verification())
        .isEqualTo(S3Store.Verification.COMPOSITE_CRC32C);
    assertThat(Files.mismatch(f, out)).isEqualTo(-1);
    assertThat(store.uploadsInProgress("lhsm/")).isEmpty();
    assertThat(store.freePartBuffers()).isEqualTo(4);
  }

  @Test
  void withoutServerChecksumsTheWholeCrcIsComputedFirstAndKeptInMetadata() throws Exception {
    store.assumeNoServerChecksums();
    Path f = file("big", 2L * S3Settings.MIN_PART_SIZE + 1, 3);
    upload(f, "lhsm/nocheck");
    assertThat(store.head("lhsm/nocheck").orElseThrow().metadata()).containsKey("lhsm-crc32c");
    Path out = tmp.resolve("out");
    assertThat(download("lhsm/nocheck", out).verification())
        .isEqualTo(S3Store.Verification.WHOLE_OBJECT_CRC32C);
    assertThat(Files.mismatch(f, out)).isEqualTo(-1);
  }

  @Test
  void aRangeIsFetchedWithARangedGetAndWrittenAtItsOffset() throws Exception {
    Path f = file("r", 2L * S3Settings.MIN_PART_SIZE + 100, 4);
    upload(f, "lhsm/r");
    Path out = tmp.resolve("out");
    long off = S3Settings.MIN_PART_SIZE - 10;
    try (FileChannel ch =
        FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      S3Store.DownloadResult d = store.downloadRange("lhsm/r", ch, off, 1000, new TestControl(MIB));
      assertThat(d.bytes()).isEqualTo(1000);
      assertThat(d.verification()).isEqualTo(S3Store.Verification.NONE);
    }
    byte[] want = new byte[1000];
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
      raf.seek(off);
      raf.readFully(want);
    }
    byte[] got = new byte[1000];
    try (RandomAccessFile raf = new RandomAccessFile(out.toFile(), "r")) {
      assertThat(raf.length()).isEqualTo(off + 1000);
      raf.seek(off);
      raf.readFully(got);
    }
    assertThat(got).isEqualTo(want);
  }

  @Test
  void aCorruptedObjectIsRefusedWithEio() throws Exception {
    store.probeChecksums();
    for (long size : new long[] {5000, 2L * S3Settings.MIN_PART_SIZE + 7}) {
      String key = "lhsm/corrupt" + size;
      upload(file("c" + size, size, 5), key);
      Path onDisk = server.objectFile(bucket, key);
      try (RandomAccessFile raf = new RandomAccessFile(onDisk.toFile(), "rw")) {
        raf.seek(size / 2);
        int b = raf.read();
        raf.seek(size / 2);
        raf.write(b ^ 0x40);
      }
      assertThatThrownBy(() -> download(key, tmp.resolve("out" + size)))
          .isInstanceOfSatisfying(
              S3StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EIO))
          .hasMessageContaining("checksum mismatch")
          .hasMessageContaining(key);
    }
  }

  @Test
  void aMissingObjectIsEnoentForRestoreAndRemove() throws Exception {
    assertThatThrownBy(() -> download("lhsm/none", tmp.resolve("o")))
        .isInstanceOfSatisfying(
            S3StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
    assertThatThrownBy(() -> store.delete("lhsm/none"))
        .isInstanceOfSatisfying(
            S3StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
    upload(file("d", 10, 6), "lhsm/d");
    store.delete("lhsm/d");
    assertThat(store.head("lhsm/d")).isEmpty();
  }

  @Test
  void aCanceledMultipartUploadLeavesNoObjectAndNoUpload() throws Exception {
    Path f = file("cancel", 4L * S3Settings.MIN_PART_SIZE, 7);
    try (FileChannel ch = FileChannel.open(f)) {
      TestControl c = new TestControl(MIB).cancelAt(12); // in the third part
      assertThatThrownBy(() -> store.upload("lhsm/cancel", ch, 0, ch.size(), attrs(ch.size()), c))
          .isInstanceOf(TestControl.Canceled.class);
    }
    assertThat(store.head("lhsm/cancel")).isEmpty();
    assertThat(store.uploadsInProgress("lhsm/")).isEmpty();
    assertThat(store.freePartBuffers()).isEqualTo(4);
  }

  @Test
  void throttlingIsRetriedAndExhaustedRetriesEndWithEagain() throws Exception {
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3Store viaProxy =
            S3Store.open(
                // more tries than throttled requests: throttleNext also closes pooled connections,
                // and each stale one costs a try
                S3TestServer.settings(proxy.endpoint(), bucket)
                    .withRetry(
                        new RetryBudget(
                            12,
                            Duration.ofMillis(10),
                            Duration.ofMillis(50),
                            Duration.ofSeconds(20))),
                S3TestServer.credentials())) {
      Path f = file("t", 2L * S3Settings.MIN_PART_SIZE + 5, 8);
      proxy.throttleNext(3);
      try (FileChannel ch = FileChannel.open(f)) {
        viaProxy.upload("lhsm/t", ch, 0, ch.size(), attrs(ch.size()), new TestControl(MIB));
      }
      assertThat(proxy.throttled()).isEqualTo(3);
      assertThat(viaProxy.retries()).isEqualTo(3);
      Path out = tmp.resolve("out");
      proxy.throttleNext(2);
      try (FileChannel ch =
          FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        viaProxy.download("lhsm/t", ch, new TestControl(MIB));
      }
      assertThat(Files.mismatch(f, out)).isEqualTo(-1);

      proxy.throttleNext(1000);
      try (FileChannel ch = FileChannel.open(f)) {
        assertThatThrownBy(
                () ->
                    viaProxy.upload(
                        "lhsm/t2", ch, 0, ch.size(), attrs(ch.size()), new TestControl(MIB)))
            .isInstanceOfSatisfying(
                S3StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EAGAIN))
            .hasMessageContaining("SlowDown");
      }
      proxy.throttleNext(0);
      assertThat(store.head("lhsm/t2")).isEmpty();
    }
  }

  @Test
  void staleUploadsUnderThePrefixAreSwept() throws Exception {
    try (var c = server.adminClient()) {
      c.createMultipartUpload(b -> b.bucket(bucket).key("lhsm/old"));
      c.createMultipartUpload(b -> b.bucket(bucket).key("other/old"));
    }
    S3Store young =
        S3Store.open(
            server.settings(bucket).withStaleUploadAge(Duration.ofHours(1)),
            S3TestServer.credentials());
    try (young) {
      assertThat(young.sweepStaleUploads(Instant.now())).isZero();
    }
    S3Store old =
        S3Store.open(
            server.settings(bucket).withStaleUploadAge(Duration.ZERO), S3TestServer.credentials());
    try (old) {
      assertThat(old.sweepStaleUploads(Instant.now().plusSeconds(1))).isEqualTo(1);
      assertThat(old.uploadsInProgress("lhsm/")).isEmpty();
      assertThat(old.uploadsInProgress("other/")).hasSize(1);
    }
  }

  @Test
  void startUpCheckNamesAMissingBucketAndRejectedCredentials() {
    S3Store missing = S3Store.open(server.settings("no-such-bucket"), S3TestServer.credentials());
    try (missing) {
      assertThatThrownBy(missing::checkBucket)
          .isInstanceOfSatisfying(
              S3StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
          .hasMessageContaining("bucket 'no-such-bucket' does not exist");
    }
    S3Store wrong =
        S3Store.open(
            server.settings(bucket),
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3TestServer.IDENTITY, "wrong-secret")));
    try (wrong) {
      assertThatThrownBy(wrong::checkBucket)
          .isInstanceOfSatisfying(
              S3StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES))
          .hasMessageContaining("credentials rejected")
          .hasMessageContaining("SignatureDoesNotMatch");
    }
    S3Store unreachable =
        S3Store.open(
            S3TestServer.settings(URI.create("http://127.0.0.1:1"), bucket),
            S3TestServer.credentials());
    try (unreachable) {
      assertThatThrownBy(unreachable::checkBucket)
          .isInstanceOfSatisfying(
              S3StoreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ETIMEDOUT))
          .hasMessageContaining("does not answer");
    }
  }
}
