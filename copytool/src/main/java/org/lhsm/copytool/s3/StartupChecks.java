package org.lhsm.copytool.s3;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.lhsm.bindings.Errno;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What a store finds out before its first transfer: a usable bucket, the server's checksum support.
 */
final class StartupChecks extends StorePart {
  private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);

  private final ObjectRequests objects;

  StartupChecks(S3Settings settings, S3Client client, Retrier retrier, ObjectRequests objects) {
    super(settings, client, retrier);
    this.objects = objects;
  }

  /**
   * Checks that the bucket exists and these credentials may list it, with a message naming what is
   * wrong: ENOENT for a missing bucket, EACCES for rejected or missing credentials or a denied
   * listing, ETIMEDOUT for an endpoint that does not answer.
   */
  void checkBucket() throws S3StoreException {
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
  boolean probeChecksums() throws IOException {
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
        objects.deleteQuietly(base + "-bad");
      } catch (S3Exception e) {
        supported = S3Errors.kind(e) == S3Errors.Kind.CORRUPT_IN_TRANSIT;
      }
    }
    objects.deleteQuietly(base);
    LOG.info(
        "S3 {}: server-side CRC32C checksums {}",
        settings.describe(),
        supported ? "verified" : "not supported (own CRC32C kept in metadata)");
    return supported;
  }
}
