package org.lhsm.copytool.s3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lhsm.bindings.Errno;
import org.lhsm.copytool.s3.S3Store.ObjectInfo;
import org.lhsm.copytool.s3.S3Store.UploadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An upload above the multipart threshold: parts read one after the other into pooled buffers and
 * sent in parallel on the part pool; the object appears only at CompleteMultipartUpload, and any
 * failure or cancel aborts the upload once no part is running any more.
 */
final class MultipartPut extends StorePart {
  private static final Logger LOG = LoggerFactory.getLogger(MultipartPut.class);

  private final PartBufferPool pool;
  private final ExecutorService partPool;
  private final ObjectRequests objects;
  private final UploadSweeper sweeper;

  MultipartPut(
      S3Settings settings,
      S3Client client,
      Retrier retrier,
      PartBufferPool pool,
      ExecutorService partPool,
      ObjectRequests objects,
      UploadSweeper sweeper) {
    super(settings, client, retrier);
    this.pool = pool;
    this.partPool = partPool;
    this.objects = objects;
    this.sweeper = sweeper;
  }

  UploadResult put(
      String key,
      FileChannel src,
      long offset,
      long length,
      ObjectAttributes attributes,
      TransferControl control,
      boolean checked)
      throws IOException {
    long partSize = settings.partSize();
    long partCount = (length + partSize - 1) / partSize;
    if (partCount > S3Store.MAX_PARTS) {
      long need = ((length + S3Store.MAX_PARTS - 1) / S3Store.MAX_PARTS + (1 << 20) - 1) >> 20;
      throw new S3StoreException(
          Errno.EFBIG,
          "a file of "
              + length
              + " bytes needs more than "
              + S3Store.MAX_PARTS
              + " parts of "
              + (partSize >> 20)
              + " MiB: raise --s3-part-size to at least "
              + need
              + "M");
    }
    ObjectAttributes a = attributes.withPartSize(partSize);
    if (!checked) {
      // the server cannot verify parts: the whole CRC32C goes into the metadata, known first
      a = a.withCrc32c(UploadBodies.crcOf(src, offset, length, control));
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
        PartWaits.firstFailure(futures);
        PartWaits.acquire(inFlight);
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
          UploadBodies.readInto(src, buf, partOffset, control);
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
        done.add(PartWaits.await(f));
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
        objects.deleteQuietly(key);
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
            objects
                .head(key)
                .orElseThrow(
                    () ->
                        new S3StoreException(
                            Errno.EIO, "object " + key + " missing after its upload completed"));
        if (info.size() != length) {
          objects.deleteQuietly(key);
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
            UploadBodies.body(buf));
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
      if (!PartWaits.awaitSlots(inFlight, settings.partsPerUpload())) {
        LOG.warn("parts of {} still running after 60 s; aborting the upload anyway", key);
      }
      sweeper.abort(key, uploadId);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
