package org.lhsm.copytool.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the S3 archive lives and how transfers are shaped.
 *
 * @param endpoint the S3 endpoint (path-style addressing is used with it); empty = AWS for {@code
 *     region}
 * @param bucket the bucket (must exist)
 * @param prefix key prefix, empty or ending with {@code /}
 * @param region signing region
 * @param partSize multipart part size and size of each pooled part buffer (at least 5 MiB)
 * @param multipartThreshold files larger than this go up in parts, smaller ones with one PUT (at
 *     most {@code partSize}: a single PUT is sent from one part buffer)
 * @param partBuffers number of part buffers shared by all uploads (memory: {@code partBuffers ×
 *     partSize}); also the number of upload threads
 * @param partsPerUpload parts of one upload in flight at once
 * @param retry the retry budget of each S3 request
 * @param staleUploadAge multipart uploads under the prefix older than this are aborted at start
 */
public record S3Settings(
    Optional<URI> endpoint,
    String bucket,
    String prefix,
    String region,
    int partSize,
    long multipartThreshold,
    int partBuffers,
    int partsPerUpload,
    RetryBudget retry,
    Duration staleUploadAge) {

  public static final int MIN_PART_SIZE = 5 << 20;
  public static final int DEFAULT_PART_SIZE = 8 << 20;
  public static final int DEFAULT_PART_BUFFERS = 4;
  public static final int DEFAULT_PARTS_PER_UPLOAD = 3;
  public static final String DEFAULT_REGION = "us-east-1";
  public static final Duration DEFAULT_STALE_UPLOAD_AGE = Duration.ofHours(24);

  public S3Settings {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("an S3 bucket is required (--s3-bucket)");
    }
    prefix = normalizePrefix(prefix);
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("S3 part size must be at least 5 MiB, not " + partSize);
    }
    if (multipartThreshold < 0 || multipartThreshold > partSize) {
      multipartThreshold = partSize;
    }
    if (partBuffers < 1 || partsPerUpload < 1) {
      throw new IllegalArgumentException("S3 part buffers and parts per upload must be >= 1");
    }
    if (region == null || region.isBlank()) {
      region = DEFAULT_REGION;
    }
  }

  /** Defaults for everything but the endpoint, bucket and prefix. */
  public static S3Settings of(Optional<URI> endpoint, String bucket, String prefix) {
    return new S3Settings(
        endpoint,
        bucket,
        prefix,
        DEFAULT_REGION,
        DEFAULT_PART_SIZE,
        DEFAULT_PART_SIZE,
        DEFAULT_PART_BUFFERS,
        DEFAULT_PARTS_PER_UPLOAD,
        RetryBudget.DEFAULT,
        DEFAULT_STALE_UPLOAD_AGE);
  }

  public S3Settings withRegion(String r) {
    return new S3Settings(
        endpoint,
        bucket,
        prefix,
        r,
        partSize,
        multipartThreshold,
        partBuffers,
        partsPerUpload,
        retry,
        staleUploadAge);
  }

  public S3Settings withParts(int size, long threshold, int buffers, int perUpload) {
    return new S3Settings(
        endpoint,
        bucket,
        prefix,
        region,
        size,
        threshold,
        buffers,
        perUpload,
        retry,
        staleUploadAge);
  }

  public S3Settings withRetry(RetryBudget r) {
    return new S3Settings(
        endpoint,
        bucket,
        prefix,
        region,
        partSize,
        multipartThreshold,
        partBuffers,
        partsPerUpload,
        r,
        staleUploadAge);
  }

  public S3Settings withStaleUploadAge(Duration age) {
    return new S3Settings(
        endpoint,
        bucket,
        prefix,
        region,
        partSize,
        multipartThreshold,
        partBuffers,
        partsPerUpload,
        retry,
        age);
  }

  /** {@code s3://bucket/prefix} (and the endpoint), for messages. */
  public String describe() {
    return "s3://" + bucket + "/" + prefix + endpoint.map(e -> " at " + e).orElse("");
  }

  static String normalizePrefix(String p) {
    if (p == null) {
      return "";
    }
    String s = p.strip();
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    if (!s.isEmpty() && !s.endsWith("/")) {
      s = s + "/";
    }
    return s;
  }
}
