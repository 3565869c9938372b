package org.lhsm.copytool.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import org.lhsm.bindings.Errno;
import org.lhsm.copytool.s3.S3Store.DownloadResult;
import org.lhsm.copytool.s3.S3Store.Verification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A GET into a file channel: streams the object, resumes a broken stream with a ranged GET pinned
 * to the object's ETag, and verifies a whole object against its CRC32C.
 */
final class ObjectDownload extends StorePart {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectDownload.class);

  ObjectDownload(S3Settings settings, S3Client client, Retrier retrier) {
    super(settings, client, retrier);
  }

  /**
   * The whole object when {@code length} is negative (checked, see {@link S3Store#download}), else
   * a range of it (see {@link S3Store#downloadRange}).
   */
  DownloadResult transfer(
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
    DownloadSink sink = new DownloadSink(dst, start, whole ? attrs.partSize().orElse(0) : 0);
    String eTag = resp.eTag();
    InputStream in = first;
    int stalls = 0;
    try {
      while (sink.pos() < end) {
        if (in == null) {
          long from = sink.pos();
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
        long before = sink.pos();
        try {
          sink.copy(in, end, control);
        } catch (DownloadSink.StreamBroken e) {
          closeQuietly(in);
          in = null;
          stalls = sink.pos() == before ? stalls + 1 : 0;
          if (stalls >= retrier.budget().maxAttempts()) {
            throw new S3StoreException(
                Errno.ETIMEDOUT,
                "GET "
                    + key
                    + " broke "
                    + stalls
                    + " times at byte "
                    + sink.pos()
                    + ": "
                    + S3Errors.describe(e.getCause()),
                e.getCause());
          }
          LOG.warn("GET {} broke at byte {}: {}; resuming", key, sink.pos(), S3Errors.describe(e));
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
      return new DownloadResult(sink.pos() - start, Verification.NONE);
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
      String key, ObjectAttributes attrs, GetObjectResponse resp, DownloadSink sink)
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
}
