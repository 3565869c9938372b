package org.lhsm.copytool.s3;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.lhsm.bindings.Errno;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Aborts multipart uploads: one that failed or was canceled, and at start-up the stale ones a
 * crashed copytool left behind (they hold storage until aborted).
 */
final class UploadSweeper extends StorePart {
  private static final Logger LOG = LoggerFactory.getLogger(UploadSweeper.class);

  UploadSweeper(S3Settings settings, S3Client client, Retrier retrier) {
    super(settings, client, retrier);
  }

  /**
   * Aborts multipart uploads under the prefix started before {@code now - staleUploadAge}: what a
   * crashed copytool left behind (younger ones may belong to a running copytool).
   */
  int sweepStaleUploads(Instant now) throws IOException {
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
  List<MultipartUpload> uploadsInProgress(String keyPrefix) throws IOException {
    return retrier
        .run(
            "list uploads",
            () -> client.listMultipartUploads(b -> b.bucket(settings.bucket()).prefix(keyPrefix)))
        .uploads();
  }

  void abort(String key, String uploadId) {
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
}
