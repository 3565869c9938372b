package org.lhsm.copytool.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

/** Copies an object inside the bucket without moving its bytes through the copytool. */
final class ServerSideCopy extends StorePart {
  private final UploadSweeper sweeper;

  ServerSideCopy(S3Settings settings, S3Client client, Retrier retrier, UploadSweeper sweeper) {
    super(settings, client, retrier);
    this.sweeper = sweeper;
  }

  /**
   * Server-side copy of {@code src} to {@code dst} with new metadata (CopyObject, or UploadPartCopy
   * in parts above 5 GiB); the source stays.
   */
  void copy(String src, String dst, long size, Map<String, String> metadata) throws IOException {
    if (size <= S3Store.MAX_COPY_OBJECT) {
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
    long partSize = Math.max(512L << 20, (size + S3Store.MAX_PARTS - 1) / S3Store.MAX_PARTS);
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
        sweeper.abort(dst, uploadId);
      }
    }
  }
}
