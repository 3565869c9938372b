package org.lhsm.copytool.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.lhsm.bindings.Errno;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Moves bytes between file channels and objects of one bucket, safely:
 *
 * <ul>
 *   <li>a file up to the multipart threshold goes up with one PUT from one pooled buffer, carrying
 *       its CRC32C (server-verified where supported, and in the metadata); a PUT is atomic;
 *   <li>a larger file goes up as a multipart upload whose parts are read one after the other into
 *       pooled buffers and sent in parallel, each with its CRC32C; a failed part is sent again
 *       whole from its buffer; the object appears only at CompleteMultipartUpload, whose composite
 *       checksum must equal the one computed from the parts (else the object is deleted and the
 *       upload fails); any failure or cancel aborts the upload;
 *   <li>a download streams into the file channel, resumes after a broken connection with a ranged
 *       GET pinned to the object's ETag, and for a whole object verifies the CRC32C.
 * </ul>
 *
 * <p>Every request runs under the {@link Retrier}. Thread-safe; one store serves all workers.
 */
public final class S3Store implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(S3Store.class);

  /** S3's limit on the number of parts. */
  static final int MAX_PARTS = 10_000;

  /** CopyObject's limit; larger objects are copied part by part. */
  static final long MAX_COPY_OBJECT = 5L << 30;

  private final S3Settings settings;
  private final S3Client client;
  private final Retrier retrier;
  private final PartBufferPool pool;
  private final ExecutorService partPool;
  private volatile boolean serverChecksums = true;

  /** An existing object. */
  public record ObjectInfo(
      String key,
      long size,
      String eTag,
      Instant lastModified,
      Map<String, String> metadata,
      Optional<String> checksumCrc32c) {

    public ObjectAttributes attributes() {
      return ObjectAttributes.fromMetadata(metadata, size, lastModified.getEpochSecond());
    }
  }

  /** What an upload stored. */
  public record UploadResult(String key, long size, int parts, String eTag, String checksum) {}

  /** How a download was checked. */
  public enum Verification {
    /** CRC32C of the whole object, against the metadata or the server's full-object checksum. */
    WHOLE_OBJECT_CRC32C,
    /** The parts' CRC32Cs, against the server's composite checksum of a multipart object. */
    COMPOSITE_CRC32C,
    /** Not checked: a range, or an object without any checksum (e.g. a foreign one). */
    NONE
  }

  /** What a download wrote. */
  public record DownloadResult(long bytes, Verification verification) {}

  public S3Store(S3Settings settings, S3Client client, Retrier.Sleeper sleeper) {
    this.settings = settings;
    this.client = client;
    this.retrier = new Retrier(settings.retry(), sleeper);
    this.pool = new PartBufferPool(settings.partBuffers(), settings.partSize());
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf =
        r -> {
          Thread t = new Thread(r, "s3-part-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.partPool = Executors.newFixedThreadPool(settings.partBuffers(), tf);
  }

  /** A store on a new SDK client: path-style addressing, SDK retries off (ours are used). */
  public static S3Store open(S3Settings settings, AwsCredentialsProvider credentials) {
    return new S3Store(settings, newClient(settings, credentials), Retrier.Sleeper.SYSTEM);
  }

  public static S3Client newClient(S3Settings s, AwsCredentialsProvider credentials) {
    var http =
        Apache5HttpClient.builder()
            .maxConnections(s.partBuffers() + 64)
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60))
            // no 100-continue round trip before each body: a refused part is simply sent again
            .expectContinueEnabled(false)
            .build();
    var b =
        S3Client.builder()
            .httpClient(http)
            .region(Region.of(s.region()))
            .credentialsProvider(credentials)
            // our own CRC32C values are sent and checked; the SDK adds none of its own
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
            // bodies are in memory (part buffers): over http the payload is hashed once and sent
            // plain rather than in signed aws-chunked frames (over https it is not hashed at all)
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
    s.endpoint().ifPresent(e -> b.endpointOverride(e).forcePathStyle(true));
    return b.build();
  }

  public S3Settings settings() {
    return settings;
  }

  /** Whether the server verifies and reports CRC32C checksums (see {@link #probeChecksums}). */
  public boolean serverChecksums() {
    return serverChecksums;
  }

  /** Retries made so far by all requests. */
  public long retries() {
    return retrier.retries();
  }

  /** Part buffers not in use right now. */
  int freePartBuffers() {
    return pool.available();
  }

  // ---------------------------------------------------------------- start-up

  /**
   * Checks that the bucket exists and these credentials may list it, with a message naming what is
   * wrong: ENOENT for a missing bucket, EACCES for rejected or missing credentials or a denied
   * listing, ETIMEDOUT for an endpoint that does not answer.
   */
  public void checkBucket() throws S3StoreException {
    Retrier quick =
        new Retrier(
            new RetryBudget(
                3, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(10)),
            Retrier.Sleeper.SYSTEM);
    try {
      quick.run(
          "list " + settings.describe(),
          () ->
              client.listObjectsV2(
                  r -> r.bucket(settings.bucket()).prefix(settings.prefix()).maxKeys(1)));
    } catch (S3StoreException e) {
      throw explainStartFailure(e);
    } catch (IOException e) {
      throw new S3StoreException(Errno.EIO, e.getMessage(), e);
    }
  }

  private S3StoreException explainStartFailure(S3StoreException e) {
    Throwable c = e.getCause();
    String where = settings.endpoint().map(Object::toString).orElse("AWS " + settings.region());
    if (c instanceof S3Exception s3) {
      String code = S3Errors.code(s3);
      return switch (code) {
        case "NoSuchBucket" ->
            new S3StoreException(
                Errno.ENOENT,
                "S3 bucket '" + settings.bucket() + "' does not exist at " + where,
                e);
        case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken" ->
            new S3StoreException(
                Errno.EACCES,
                "S3 credentials rejected by "
                    + where
                    + " ("
                    + S3Errors.describe(s3)
                    + "): check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or AWS_PROFILE",
                e);
        case "AccessDenied", "AllAccessDisabled" ->
            new S3StoreException(
                Errno.EACCES,
                "access denied to S3 bucket '"
                    + settings.bucket()
                    + "' prefix '"
                    + settings.prefix()
                    + "' at "
                    + where
                    + ": the credentials need s3:ListBucket, s3:GetObject, s3:PutObject,"
                    + " s3:DeleteObject, s3:AbortMultipartUpload, s3:ListBucketMultipartUploads",
                e);
        default -> new S3StoreException(e.errno(), "S3 " + where + ": " + e.getMessage(), e);
      };
    }
    if (c instanceof SdkClientException sce
        && sce.getMessage() != null
        && sce.getMessage().contains("credentials")) {
      return new S3StoreException(
          Errno.EACCES,
          "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE ("
              + sce.getMessage()
              + ")",
          e);
    }
    if (e.errno() == Errno.ETIMEDOUT) {
      return new S3StoreException(
          Errno.ETIMEDOUT, "S3 endpoint " + where + " does not answer: " + e.getMessage(), e);
    }
    return e;
  }

  /**
   * Finds out whether the server checks CRC32C checksums: a small object with its right CRC32C must
   * come back with it, one with a wrong CRC32C must be refused. Without that support a multipart
   * upload reads its file twice (the CRC32C goes into the metadata before the upload starts).
   */
  public boolean probeChecksums() throws IOException {
    String base = settings.prefix() + ".lhsm-probe-" + UUID.randomUUID();
    byte[] data = "lhsm checksum probe\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    CRC32C c = new CRC32C();
    c.update(data);
    String good = Crc32c.base64((int) c.getValue());
    boolean supported;
    PutObjectResponse r =
        retrier.run(
            "PUT " + base,
            () ->
                client.putObject(
                    b -> b.bucket(settings.bucket()).key(base).checksumCRC32C(good),
                    RequestBody.fromBytes(data)));
    supported = good.equals(r.checksumCRC32C());
    if (supported) {
      try {
        client.putObject(
            b -> b.bucket(settings.bucket()).key(base + "-bad").checksumCRC32C("AAAAAA=="),
            RequestBody.fromBytes(data));
        supported = false; // accepted a wrong checksum: it does not check them
        deleteQuietly(base + "-bad");
      } catch (S3Exception e) {
        supported = S3Errors.kind(e) == S3Errors.Kind.CORRUPT_IN_TRANSIT;
      }
    }
    deleteQuietly(base);
    serverChecksums = supported;
    LOG.info(
        "S3 {}: server-side CRC32C checksums {}",
        settings.describe(),
        supported ? "verified" : "not supported (own CRC32C kept in metadata)");
    return supported;
  }

  /** For tests: behave as with a server without checksum support. */
  void assumeNoServerChecksums() {
    serverChecksums = false;
  }

  /**
   * Aborts multipart uploads under the prefix started before {@code now - staleUploadAge}: what a
   * crashed copytool left behind (younger ones may belong to a running copytool).
   */
  public int sweepStaleUploads(Instant now) throws IOException {
    Instant limit = now.minus(settings.staleUploadAge());
    int aborted = 0;
    String keyMarker = null;
    String idMarker = null;
    while (true) {
      String km = keyMarker;
      String im = idMarker;
      ListMultipartUploadsResponse page =
          retrier.run(
              "list uploads under " + settings.describe(),
              () ->
                  client.listMultipartUploads(
                      b ->
                          b.bucket(settings.bucket())
                              .prefix(settings.prefix())
                              .keyMarker(km)
                              .uploadIdMarker(im)));
      for (MultipartUpload u : page.uploads()) {
        if (u.initiated() != null && u.initiated().isBefore(limit)) {
          abort(u.key(), u.uploadId());
          aborted++;
        }
      }
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        break;
      }
      keyMarker = page.nextKeyMarker();
      idMarker = page.nextUploadIdMarker();
    }
    if (aborted > 0) {
      LOG.info("aborted {} stale multipart uploads under {}", aborted, settings.describe());
    }
    return aborted;
  }

  /** Multipart uploads in progress under {@code keyPrefix} (key → upload ids). */
  public List<MultipartUpload> uploadsInProgress(String keyPrefix) throws IOException {
    return retrier
        .run(
            "list uploads",
            () -> client.listMultipartUploads(b -> b.bucket(settings.bucket()).prefix(keyPrefix)))
        .uploads();
  }

  // ---------------------------------------------------------------- upload

  /**
   * Uploads {@code length} bytes of {@code src} from {@code offset} as {@code key} with {@code
   * attributes} as its metadata. On any failure or cancel nothing new is readable under {@code
   * key}.
   */
  public UploadResult upload(
      String key,
      FileChannel src,
      long offset,
      long length,
      ObjectAttributes attributes,
      TransferControl control)
      throws IOException {
    control.started(offset, length);
    if (length <= settings.multipartThreshold()) {
      return putSingle(key, src, offset, (int) length, attributes, control);
    }
    return putMultipart(key, src, offset, length, attributes, control);
  }

  private UploadResult putSingle(
      String key,
      FileChannel src,
      long offset,
      int length,
      ObjectAttributes attributes,
      TransferControl control)
      throws IOException {
    ByteBuffer buf = pool.acquire();
    try {
      buf.limit(length);
      readInto(src, buf, offset, control);
      buf.flip();
      int crc = Crc32c.of(buf);
      String b64 = Crc32c.base64(crc);
      Map<String, String> meta = attributes.withCrc32c(crc).toMetadata();
      boolean checked = serverChecksums;
      PutObjectResponse r =
          retrier.run(
              "PUT " + key,
              () -> {
                PutObjectResponse resp =
                    client.putObject(
                        b -> {
                          b.bucket(settings.bucket())
                              .key(key)
                              .metadata(meta)
                              .contentLength((long) length);
                          if (checked) {
                            b.checksumCRC32C(b64);
                          }
                        },
                        body(buf));
                if (checked
                    && resp.checksumCRC32C() != null
                    && !b64.equals(resp.checksumCRC32C())) {
                  throw new ChecksumMismatchException(
                      "server stored CRC32C " + resp.checksumCRC32C() + ", sent " + b64);
                }
                return resp;
              });
      control.checkCanceled();
      return new UploadResult(key, length, 1, r.eTag(), b64);
    } finally {
      pool.release(buf);
    }
  }

  private static RequestBody body(ByteBuffer buf) {
    int len = buf.remaining();
    return RequestBody.fromContentProvider(
        () -> new ByteBufferInputStream(buf.duplicate()), len, "application/octet-stream");
  }

  /** Fills {@code buf} up to its limit from {@code src} at {@code offset}, chunk by chunk. */
  private static void readInto(
      FileChannel src, ByteBuffer buf, long offset, TransferControl control) throws IOException {
    int end = buf.limit();
    int chunk = Math.max(1, control.chunkSize());
    long pos = offset;
    while (buf.position() < end) {
      int n = Math.min(chunk, end - buf.position());
      control.beforeChunk(n);
      buf.limit(buf.position() + n);
      while (buf.hasRemaining()) {
        int r = src.read(buf, pos);
        if (r < 0) {
          throw new S3StoreException(
              Errno.EIO,
              "file ended at byte "
                  + pos
                  + " while "
                  + (end - buf.position())
                  + " more were expected (changed during the archive?)");
        }
        pos += r;
      }
      control.chunkDone(n);
    }
    buf.limit(end);
  }

  private UploadResult putMultipart(
      String key,
      FileChannel src,
      long offset,
      long length,
      ObjectAttributes attributes,
      TransferControl control)
      throws IOException {
    long partSize = settings.partSize();
    long partCount = (length + partSize - 1) / partSize;
    if (partCount > MAX_PARTS) {
      long need = ((length + MAX_PARTS - 1) / MAX_PARTS + (1 << 20) - 1) >> 20;
      throw new S3StoreException(
          Errno.EFBIG,
          "a file of "
              + length
              + " bytes needs more than "
              + MAX_PARTS
              + " parts of "
              + (partSize >> 20)
              + " MiB: raise --s3-part-size to at least "
              + need
              + "M");
    }
    boolean checked = serverChecksums;
    ObjectAttributes a = attributes.withPartSize(partSize);
    if (!checked) {
      // the server cannot verify parts: the whole CRC32C goes into the metadata, known first
      a = a.withCrc32c(crcOf(src, offset, length, control));
    }
    Map<String, String> meta = a.toMetadata();
    CreateMultipartUploadResponse created =
        retrier.run(
            "CreateMultipartUpload " + key,
            () ->
                client.createMultipartUpload(
                    b -> {
                      b.bucket(settings.bucket()).key(key).metadata(meta);
                      if (checked) {
                        b.checksumAlgorithm(ChecksumAlgorithm.CRC32_C);
                      }
                    }));
    String uploadId = created.uploadId();
    LOG.debug("multipart upload {} of {}: {} parts", uploadId, key, partCount);
    List<Future<CompletedPart>> futures = new ArrayList<>();
    List<Part> parts = new ArrayList<>();
    Semaphore inFlight = new Semaphore(settings.partsPerUpload());
    Crc32c.Composite composite = new Crc32c.Composite();
    boolean completed = false;
    try {
      for (int i = 0; i < partCount; i++) {
        firstFailure(futures);
        acquire(inFlight);
        ByteBuffer buf;
        try {
          buf = pool.acquire();
        } catch (IOException e) {
          inFlight.release();
          throw e;
        }
        int crc;
        try {
          long partOffset = offset + i * partSize;
          buf.limit((int) Math.min(partSize, length - i * partSize));
          readInto(src, buf, partOffset, control);
          buf.flip();
          crc = Crc32c.of(buf);
        } catch (IOException | RuntimeException e) {
          pool.release(buf);
          inFlight.release();
          throw e;
        }
        composite.addPart(crc);
        int partNumber = i + 1;
        Part part = new Part(buf);
        parts.add(part);
        futures.add(
            partPool.submit(
                () -> {
                  if (!part.claimed.compareAndSet(false, true)) {
                    return null; // canceled before it started: the clean-up released the buffer
                  }
                  try {
                    return uploadPart(key, uploadId, partNumber, buf, crc, checked);
                  } finally {
                    pool.release(buf);
                    inFlight.release();
                  }
                }));
      }
      List<CompletedPart> done = new ArrayList<>();
      for (Future<CompletedPart> f : futures) {
        done.add(await(f));
      }
      control.checkCanceled();
      done.sort(Comparator.comparing(CompletedPart::partNumber));
      CompleteMultipartUploadResponse completion =
          retrier.run(
              "CompleteMultipartUpload " + key,
              () ->
                  client.completeMultipartUpload(
                      b ->
                          b.bucket(settings.bucket())
                              .key(key)
                              .uploadId(uploadId)
                              .multipartUpload(m -> m.parts(done))));
      completed = true;
      String expected = composite.value();
      String reported = completion.checksumCRC32C();
      if (checked && reported != null && !reported.equals(expected)) {
        deleteQuietly(key);
        throw new S3StoreException(
            Errno.EIO,
            "multipart object "
                + key
                + " has checksum "
                + reported
                + ", its parts were sent with "
                + expected
                + ": object deleted");
      }
      if (!checked || reported == null) {
        ObjectInfo info =
            head(key)
                .orElseThrow(
                    () ->
                        new S3StoreException(
                            Errno.EIO, "object " + key + " missing after its upload completed"));
        if (info.size() != length) {
          deleteQuietly(key);
          throw new S3StoreException(
              Errno.EIO,
              "object "
                  + key
                  + " has "
                  + info.size()
                  + " bytes, "
                  + length
                  + " were sent: deleted");
        }
      }
      return new UploadResult(key, length, (int) partCount, completion.eTag(), expected);
    } finally {
      if (!completed) {
        cleanUp(key, uploadId, futures, parts, inFlight);
      }
    }
  }

  private UploadPartResponse uploadPartOnce(
      String key, String uploadId, int partNumber, ByteBuffer buf, String b64, boolean checked)
      throws ChecksumMismatchException {
    UploadPartResponse r =
        client.uploadPart(
            b -> {
              b.bucket(settings.bucket())
                  .key(key)
                  .uploadId(uploadId)
                  .partNumber(partNumber)
                  .contentLength((long) buf.remaining());
              if (checked) {
                b.checksumCRC32C(b64);
              }
            },
            body(buf));
    if (checked && r.checksumCRC32C() != null && !b64.equals(r.checksumCRC32C())) {
      throw new ChecksumMismatchException(
          "part " + partNumber + " stored with CRC32C " + r.checksumCRC32C() + ", sent " + b64);
    }
    return r;
  }

  private CompletedPart uploadPart(
      String key, String uploadId, int partNumber, ByteBuffer buf, int crc, boolean checked)
      throws IOException {
    String b64 = Crc32c.base64(crc);
    UploadPartResponse r =
        retrier.run(
            "UploadPart " + partNumber + " of " + key,
            () -> uploadPartOnce(key, uploadId, partNumber, buf, b64, checked));
    CompletedPart.Builder p = CompletedPart.builder().partNumber(partNumber).eTag(r.eTag());
    if (checked) {
      p.checksumCRC32C(b64);
    }
    return p.build();
  }

  /** CRC32C of a range of {@code src}, read through a small buffer (no progress reports). */
  private static int crcOf(FileChannel src, long offset, long length, TransferControl control)
      throws IOException {
    CRC32C c = new CRC32C();
    ByteBuffer b = ByteBuffer.allocateDirect(Math.max(1 << 16, control.chunkSize()));
    long pos = offset;
    long end = offset + length;
    while (pos < end) {
      control.checkCanceled();
      b.clear();
      b.limit((int) Math.min(b.capacity(), end - pos));
      int r = src.read(b, pos);
      if (r < 0) {
        throw new S3StoreException(Errno.EIO, "file ended at byte " + pos + " of " + end);
      }
      b.flip();
      c.update(b);
      pos += r;
    }
    return (int) c.getValue();
  }

  private static void acquire(Semaphore s) throws InterruptedIOException {
    try {
      s.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for a part upload slot");
    }
  }

  /** Throws the failure of the first part that failed so far, if any. */
  private static void firstFailure(List<Future<CompletedPart>> futures) throws IOException {
    for (Future<CompletedPart> f : futures) {
      if (f.isDone()) {
        await(f);
      }
    }
  }

  private static CompletedPart await(Future<CompletedPart> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for a part upload");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new S3StoreException(Errno.EIO, "part upload failed: " + c, c);
    }
  }

  /** A part's buffer, owned by whoever claims it first: its upload task or the clean-up. */
  private static final class Part {
    final ByteBuffer buf;
    final AtomicBoolean claimed = new AtomicBoolean();

    Part(ByteBuffer buf) {
      this.buf = buf;
    }
  }

  /**
   * After a failure or cancel: stops the parts still running (their threads are interrupted),
   * releases the buffers of parts that never started, waits until no part runs (every slot of the
   * upload is back), then aborts the upload, so no part lands after the abort. Runs with the
   * caller's interrupt status cleared (a cancel interrupts the worker) and restores it.
   */
  private void cleanUp(
      String key,
      String uploadId,
      List<Future<CompletedPart>> futures,
      List<Part> parts,
      Semaphore inFlight) {
    boolean interrupted = Thread.interrupted();
    try {
      for (Future<CompletedPart> f : futures) {
        f.cancel(true);
      }
      for (Part p : parts) {
        if (p.claimed.compareAndSet(false, true)) {
          pool.release(p.buf);
          inFlight.release();
        }
      }
      if (!awaitSlots(inFlight, settings.partsPerUpload())) {
        LOG.warn("parts of {} still running after 60 s; aborting the upload anyway", key);
      }
      abort(key, uploadId);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits up to 60 s, not interruptibly, until {@code n} permits are free. */
  private static boolean awaitSlots(Semaphore s, int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          long left = deadline - System.nanoTime();
          if (s.tryAcquire(n, Math.max(0, left), TimeUnit.NANOSECONDS)) {
            s.release(n);
            return true;
          }
          return false;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void abort(String key, String uploadId) {
    try {
      retrier.run(
          "AbortMultipartUpload " + key,
          () ->
              client.abortMultipartUpload(
                  b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)));
      LOG.info("aborted multipart upload {} of {}", uploadId, key);
    } catch (IOException e) {
      if (e instanceof S3StoreException se && se.errno() == Errno.ENOENT) {
        return; // already gone
      }
      LOG.warn(
          "cannot abort multipart upload {} of {} (the start-up sweep will): {}",
          uploadId,
          key,
          e.getMessage());
    }
  }

  // ---------------------------------------------------------------- download

  /**
   * Writes the whole object {@code key} into {@code dst} from position 0 and verifies it: the
   * metadata's CRC32C, else the server's full-object or composite CRC32C; a mismatch or a size
   * other than the metadata's fails with EIO, a missing object with ENOENT.
   */
  public DownloadResult download(String key, FileChannel dst, TransferControl control)
      throws IOException {
    return transfer(key, dst, 0, -1, control);
  }

  /**
   * Writes {@code length} bytes of {@code key} from {@code offset} (clamped to the object) into
   * {@code dst} at the same offset, with a ranged GET; not verified.
   */
  public DownloadResult downloadRange(
      String key, FileChannel dst, long offset, long length, TransferControl control)
      throws IOException {
    return transfer(key, dst, offset, length, control);
  }

  private DownloadResult transfer(
      String key, FileChannel dst, long offset, long length, TransferControl control)
      throws IOException {
    boolean whole = length < 0;
    ResponseInputStream<GetObjectResponse> first =
        retrier.run(
            "GET " + key,
            () ->
                client.getObject(
                    b -> {
                      b.bucket(settings.bucket()).key(key);
                      if (whole) {
                        b.checksumMode(ChecksumMode.ENABLED);
                      } else {
                        b.range(range(offset, length));
                      }
                    }));
    GetObjectResponse resp = first.response();
    long objectSize = objectSize(resp);
    long end = whole ? objectSize : Math.min(objectSize, offset + length);
    long start = whole ? 0 : offset;
    if (start > objectSize || (!whole && start == objectSize && length > 0)) {
      first.abort();
      throw new S3StoreException(
          Errno.EINVAL,
          "extent at " + offset + " is beyond the end of " + key + " (" + objectSize + " bytes)");
    }
    ObjectAttributes attrs =
        ObjectAttributes.fromMetadata(
            resp.metadata(),
            objectSize,
            resp.lastModified() == null ? 0 : resp.lastModified().getEpochSecond());
    if (whole && attrs.size() != objectSize) {
      first.abort();
      throw new S3StoreException(
          Errno.EIO,
          "object "
              + key
              + " has "
              + objectSize
              + " bytes, its metadata says "
              + attrs.size()
              + "; Lustre file left untouched");
    }
    control.started(start, end - start);
    Sink sink = new Sink(dst, start, whole ? attrs.partSize().orElse(0) : 0);
    String eTag = resp.eTag();
    InputStream in = first;
    int stalls = 0;
    try {
      while (sink.pos < end) {
        if (in == null) {
          long from = sink.pos;
          in =
              retrier.run(
                  "GET " + key + " from byte " + from,
                  () ->
                      client.getObject(
                          b ->
                              b.bucket(settings.bucket())
                                  .key(key)
                                  .range(range(from, end - from))
                                  .ifMatch(eTag)));
        }
        long before = sink.pos;
        try {
          sink.copy(in, end, control);
        } catch (StreamBroken e) {
          closeQuietly(in);
          in = null;
          stalls = sink.pos == before ? stalls + 1 : 0;
          if (stalls >= retrier.budget().maxAttempts()) {
            throw new S3StoreException(
                Errno.ETIMEDOUT,
                "GET "
                    + key
                    + " broke "
                    + stalls
                    + " times at byte "
                    + sink.pos
                    + ": "
                    + S3Errors.describe(e.getCause()),
                e.getCause());
          }
          LOG.warn("GET {} broke at byte {}: {}; resuming", key, sink.pos, S3Errors.describe(e));
          if (stalls > 0) {
            pause(retrier.budget().capNanos(stalls));
          }
        }
      }
    } finally {
      if (in instanceof ResponseInputStream<?> ris) {
        ris.abort();
      }
      closeQuietly(in);
    }
    control.checkCanceled();
    if (!whole) {
      return new DownloadResult(sink.pos - start, Verification.NONE);
    }
    return new DownloadResult(objectSize, verify(key, attrs, resp, sink));
  }

  private static void pause(long nanos) throws InterruptedIOException {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while resuming a download");
    }
  }

  private static String range(long offset, long length) {
    return "bytes=" + offset + "-" + (length <= 0 ? "" : Long.toString(offset + length - 1));
  }

  private static long objectSize(GetObjectResponse r) {
    String cr = r.contentRange();
    if (cr != null) {
      int slash = cr.lastIndexOf('/');
      if (slash >= 0 && !cr.endsWith("*")) {
        return Long.parseLong(cr.substring(slash + 1).strip());
      }
    }
    return r.contentLength() == null ? 0 : r.contentLength();
  }

  private static Verification verify(
      String key, ObjectAttributes attrs, GetObjectResponse resp, Sink sink)
      throws S3StoreException {
    if (attrs.crc32c().isPresent()) {
      check(key, Crc32c.hex(attrs.crc32c().getAsInt()), Crc32c.hex(sink.wholeCrc()));
      return Verification.WHOLE_OBJECT_CRC32C;
    }
    String server = resp.checksumCRC32C();
    if (server == null) {
      LOG.warn("object {} carries no checksum: restored unverified", key);
      return Verification.NONE;
    }
    int dash = server.indexOf('-');
    if (dash < 0) {
      check(key, server, Crc32c.base64(sink.wholeCrc()));
      return Verification.WHOLE_OBJECT_CRC32C;
    }
    if (attrs.partSize().isEmpty()) {
      LOG.warn("multipart object {} has no part size in its metadata: restored unverified", key);
      return Verification.NONE;
    }
    check(key, server, sink.composite());
    return Verification.COMPOSITE_CRC32C;
  }

  private static void check(String key, String expected, String actual) throws S3StoreException {
    if (!expected.equals(actual)) {
      throw new S3StoreException(
          Errno.EIO,
          "checksum mismatch for object "
              + key
              + ": expected CRC32C "
              + expected
              + ", data has "
              + actual
              + "; Lustre file left untouched");
    }
  }

  /** A read from the object's stream failed (not the local write). */
  private static final class StreamBroken extends IOException {
    private static final long serialVersionUID = 1L;

    StreamBroken(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Writes the stream into the file, computing the whole and per-part CRC32Cs. */
  private static final class Sink {
    private final FileChannel dst;
    private final long partSize;
    private final CRC32C whole = new CRC32C();
    private final CRC32C part = new CRC32C();
    private final Crc32c.Composite composite = new Crc32c.Composite();
    private long partFill;
    private long pos;
    private byte[] buf;

    Sink(FileChannel dst, long start, long partSize) {
      this.dst = dst;
      this.pos = start;
      this.partSize = partSize;
    }

    void copy(InputStream in, long end, TransferControl control) throws IOException {
      if (buf == null) {
        buf = new byte[Math.max(1 << 16, control.chunkSize())];
      }
      while (pos < end) {
        int want = (int) Math.min(buf.length, end - pos);
        control.beforeChunk(want);
        int got = 0;
        try {
          while (got < want) {
            int r = in.read(buf, got, want - got);
            if (r < 0) {
              break;
            }
            got += r;
          }
        } catch (IOException e) {
          if (got > 0) {
            write(got);
          }
          control.chunkDone(got);
          throw new StreamBroken(e);
        }
        if (got == 0) {
          control.chunkDone(0);
          throw new StreamBroken(new IOException("object stream ended at byte " + pos));
        }
        write(got);
        control.chunkDone(got);
      }
    }

    private void write(int n) throws IOException {
      ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
      long p = pos;
      while (b.hasRemaining()) {
        p += dst.write(b, p);
      }
      whole.update(buf, 0, n);
      if (partSize > 0) {
        int off = 0;
        while (off < n) {
          int k = (int) Math.min(n - off, partSize - partFill);
          part.update(buf, off, k);
          partFill += k;
          off += k;
          if (partFill == partSize) {
            composite.addPart((int) part.getValue());
            part.reset();
            partFill = 0;
          }
        }
      }
      pos += n;
    }

    int wholeCrc() {
      return (int) whole.getValue();
    }

    String composite() {
      if (partFill > 0) {
        composite.addPart((int) part.getValue());
        part.reset();
        partFill = 0;
      }
      return composite.value();
    }
  }

  // ---------------------------------------------------------------- other operations

  /** The object's size, ETag, metadata; empty if there is none. */
  public Optional<ObjectInfo> head(String key) throws IOException {
    try {
      HeadObjectResponse r =
          retrier.run(
              "HEAD " + key,
              () ->
                  client.headObject(
                      b ->
                          b.bucket(settings.bucket()).key(key).checksumMode(ChecksumMode.ENABLED)));
      return Optional.of(
          new ObjectInfo(
              key,
              r.contentLength() == null ? 0 : r.contentLength(),
              r.eTag(),
              r.lastModified() == null ? Instant.EPOCH : r.lastModified(),
              r.metadata(),
              Optional.ofNullable(r.checksumCRC32C())));
    } catch (S3StoreException e) {
      if (e.errno() == Errno.ENOENT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Deletes {@code key}; ENOENT if there is no such object. */
  public void delete(String key) throws IOException {
    if (head(key).isEmpty()) {
      throw new S3StoreException(
          Errno.ENOENT, "no object " + key + " in bucket " + settings.bucket());
    }
    retrier.run(
        "DELETE " + key, () -> client.deleteObject(b -> b.bucket(settings.bucket()).key(key)));
  }

  private void deleteQuietly(String key) {
    try {
      retrier.run(
          "DELETE " + key, () -> client.deleteObject(b -> b.bucket(settings.bucket()).key(key)));
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", key, e.getMessage());
    }
  }

  /**
   * Server-side copy of {@code src} to {@code dst} with new metadata (CopyObject, or UploadPartCopy
   * in parts above 5 GiB); the source stays.
   */
  public void copy(String src, String dst, long size, Map<String, String> metadata)
      throws IOException {
    if (size <= MAX_COPY_OBJECT) {
      retrier.run(
          "COPY " + src + " to " + dst,
          () ->
              client.copyObject(
                  b ->
                      b.sourceBucket(settings.bucket())
                          .sourceKey(src)
                          .destinationBucket(settings.bucket())
                          .destinationKey(dst)
                          .metadataDirective(MetadataDirective.REPLACE)
                          .metadata(metadata)));
      return;
    }
    long partSize = Math.max(512L << 20, (size + MAX_PARTS - 1) / MAX_PARTS);
    String uploadId =
        retrier
            .run(
                "CreateMultipartUpload " + dst,
                () ->
                    client.createMultipartUpload(
                        b -> b.bucket(settings.bucket()).key(dst).metadata(metadata)))
            .uploadId();
    boolean done = false;
    try {
      List<CompletedPart> parts = new ArrayList<>();
      int n = 1;
      for (long off = 0; off < size; off += partSize, n++) {
        long from = off;
        long to = Math.min(size, off + partSize) - 1;
        int pn = n;
        UploadPartCopyResponse r =
            retrier.run(
                "UploadPartCopy " + pn + " of " + dst,
                () ->
                    client.uploadPartCopy(
                        b ->
                            b.sourceBucket(settings.bucket())
                                .sourceKey(src)
                                .destinationBucket(settings.bucket())
                                .destinationKey(dst)
                                .uploadId(uploadId)
                                .partNumber(pn)
                                .copySourceRange("bytes=" + from + "-" + to)));
        parts.add(CompletedPart.builder().partNumber(pn).eTag(r.copyPartResult().eTag()).build());
      }
      retrier.run(
          "CompleteMultipartUpload " + dst,
          () ->
              client.completeMultipartUpload(
                  b ->
                      b.bucket(settings.bucket())
                          .key(dst)
                          .uploadId(uploadId)
                          .multipartUpload(m -> m.parts(parts))));
      done = true;
    } finally {
      if (!done) {
        abort(dst, uploadId);
      }
    }
  }

  /** Every object under {@code keyPrefix}, in key order. */
  public List<ObjectInfo> list(String keyPrefix) throws IOException {
    List<ObjectInfo> out = new ArrayList<>();
    String token = null;
    while (true) {
      String t = token;
      ListObjectsV2Response page =
          retrier.run(
              "list " + keyPrefix,
              () ->
                  client.listObjectsV2(
                      b -> b.bucket(settings.bucket()).prefix(keyPrefix).continuationToken(t)));
      for (S3Object o : page.contents()) {
        out.add(
            new ObjectInfo(
                o.key(),
                o.size() == null ? 0 : o.size(),
                o.eTag(),
                o.lastModified() == null ? Instant.EPOCH : o.lastModified(),
                Map.of(),
                Optional.empty()));
      }
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        return out;
      }
      token = page.nextContinuationToken();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // nothing left to do with it
    }
  }

  @Override
  public void close() {
    partPool.shutdownNow();
    client.close();
  }
}
