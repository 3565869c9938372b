package org.lhsm.copytool.s3;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lhsm.bindings.Errno;
import org.lhsm.copytool.s3.S3Store.ObjectInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The one-request operations on single objects and listings, each under the {@link Retrier}. */
final class ObjectRequests extends StorePart {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectRequests.class);

  ObjectRequests(S3Settings settings, S3Client client, Retrier retrier) {
    super(settings, client, retrier);
  }

  /** The object's size, ETag, metadata; empty if there is none. */
  Optional<ObjectInfo> head(String key) throws IOException {
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
  void delete(String key) throws IOException {
    if (head(key).isEmpty()) {
      throw new S3StoreException(
          Errno.ENOENT, "no object " + key + " in bucket " + settings.bucket());
    }
    retrier.run(
        "DELETE " + key, () -> client.deleteObject(b -> b.bucket(settings.bucket()).key(key)));
  }

  void deleteQuietly(String key) {
    try {
      retrier.run(
          "DELETE " + key, () -> client.deleteObject(b -> b.bucket(settings.bucket()).key(key)));
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", key, e.getMessage());
    }
  }

  /** Every object under {@code keyPrefix}, in key order. */
  List<ObjectInfo> list(String keyPrefix) throws IOException {
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
}
