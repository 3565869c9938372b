package org.lhsm.copytool.s3;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

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
 * <p>Every request runs under the {@link Retrier}. Thread-safe; one store serves all workers. This
 * class is the facade: single PUT ({@link SinglePut}), multipart upload ({@link MultipartPut}),
 * download ({@link ObjectDownload}), server-side copy ({@link ServerSideCopy}), upload aborts and
 * the stale-upload sweep ({@link UploadSweeper}), one-request operations ({@link ObjectRequests})
 * and start-up checks ({@link StartupChecks}) each live in their own class.
 */
public final class S3Store implements AutoCloseable {
  /** S3's limit on the number of parts. */
  static final int MAX_PARTS = 10_000;

  /** CopyObject's limit; larger objects are copied part by part. */
  static final long MAX_COPY_OBJECT = 5L << 30;

  private final S3Settings settings;
  private final S3Client client;
  private final Retrier retrier;
  private final PartBufferPool pool;
  private final ExecutorService partPool;
  private final ObjectRequests objects;
  private final UploadSweeper sweeper;
  private final StartupChecks startup;
  private final SinglePut singlePut;
  private final MultipartPut multipartPut;
  private final ObjectDownload downloads;
  private final ServerSideCopy copies;
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
    this.objects = new ObjectRequests(settings, client, retrier);
    this.sweeper = new UploadSweeper(settings, client, retrier);
    this.startup = new StartupChecks(settings, client, retrier, objects);
    this.singlePut = new SinglePut(settings, client, retrier, pool);
    this.multipartPut =
        new MultipartPut(settings, client, retrier, pool, partPool, objects, sweeper);
    this.downloads = new ObjectDownload(settings, client, retrier);
    this.copies = new ServerSideCopy(settings, client, retrier, sweeper);
  }

  /** A store on a new SDK client: path-style addressing, SDK retries off (ours are used). */
  public static S3Store open(S3Settings settings, AwsCredentialsProvider credentials) {
    return new S3Store(settings, newClient(settings, credentials), Retrier.Sleeper.SYSTEM);
  }

  public static S3Client newClient(S3Settings s, AwsCredentialsProvider credentials) {
    return S3Clients.newClient(s, credentials);
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
    startup.checkBucket();
  }

  /**
   * Finds out whether the server checks CRC32C checksums: a small object with its right CRC32C must
   * come back with it, one with a wrong CRC32C must be refused. Without that support a multipart
   * upload reads its file twice (the CRC32C goes into the metadata before the upload starts).
   */
  public boolean probeChecksums() throws IOException {
    serverChecksums = startup.probeChecksums();
    return serverChecksums;
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
    return sweeper.sweepStaleUploads(now);
  }

  /** Multipart uploads in progress under {@code keyPrefix} (key → upload ids). */
  public List<MultipartUpload> uploadsInProgress(String keyPrefix) throws IOException {
    return sweeper.uploadsInProgress(keyPrefix);
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
      return singlePut.put(key, src, offset, (int) length, attributes, control, serverChecksums);
    }
    return multipartPut.put(key, src, offset, length, attributes, control, serverChecksums);
  }

  // ---------------------------------------------------------------- download

  /**
   * Writes the whole object {@code key} into {@code dst} from position 0 and verifies it: the
   * metadata's CRC32C, else the server's full-object or composite CRC32C; a mismatch or a size
   * other than the metadata's fails with EIO, a missing object with ENOENT.
   */
  public DownloadResult download(String key, FileChannel dst, TransferControl control)
      throws IOException {
    return downloads.transfer(key, dst, 0, -1, control);
  }

  /**
   * Writes {@code length} bytes of {@code key} from {@code offset} (clamped to the object) into
   * {@code dst} at the same offset, with a ranged GET; not verified.
   */
  public DownloadResult downloadRange(
      String key, FileChannel dst, long offset, long length, TransferControl control)
      throws IOException {
    return downloads.transfer(key, dst, offset, length, control);
  }

  // ---------------------------------------------------------------- other operations

  /** The object's size, ETag, metadata; empty if there is none. */
  public Optional<ObjectInfo> head(String key) throws IOException {
    return objects.head(key);
  }

  /** Deletes {@code key}; ENOENT if there is no such object. */
  public void delete(String key) throws IOException {
    objects.delete(key);
  }

  /**
   * Server-side copy of {@code src} to {@code dst} with new metadata (CopyObject, or UploadPartCopy
   * in parts above 5 GiB); the source stays.
   */
  public void copy(String src, String dst, long size, Map<String, String> metadata)
      throws IOException {
    copies.copy(src, dst, size, metadata);
  }

  /** Every object under {@code keyPrefix}, in key order. */
  public List<ObjectInfo> list(String keyPrefix) throws IOException {
    return objects.list(keyPrefix);
  }

  @Override
  public void close() {
    partPool.shutdownNow();
    client.close();
  }
}
