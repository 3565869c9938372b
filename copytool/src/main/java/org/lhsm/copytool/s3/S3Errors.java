package org.lhsm.copytool.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import org.lhsm.bindings.Errno;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * How an S3 failure is treated: retried (throttling, server errors, timeouts, broken connections, a
 * part whose checksum the server rejected) or not, and the errno it ends an action with.
 */
final class S3Errors {
  private S3Errors() {}

  /** What kind of failure a throwable is. */
  enum Kind {
    /** 503 SlowDown, 429, 500/502/504 and S3's throttling codes: retry, then EAGAIN. */
    THROTTLED_OR_SERVER,
    /** Connection refused or reset, timeouts: retry, then ETIMEDOUT. */
    NETWORK,
    /** A body whose checksum the server rejected (BadDigest): retry the same bytes, then EIO. */
    CORRUPT_IN_TRANSIT,
    /** The request was interrupted (cancel). */
    INTERRUPTED,
    /** Anything else: fails at once with its errno. */
    PERMANENT
  }

  private static final Set<String> THROTTLE_CODES =
      Set.of(
          "SlowDown",
          "Throttling",
          "ThrottlingException",
          "RequestLimitExceeded",
          "TooManyRequests",
          "RequestThrottled",
          "ServiceUnavailable",
          "InternalError",
          "RequestTimeout",
          "RequestTimeTooSkewed");

  private static final Set<String> DIGEST_CODES =
      Set.of("BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch", "IncompleteBody");

  static Kind kind(Throwable t) {
    if (t instanceof S3Exception s3) {
      String code = code(s3);
      int status = s3.statusCode();
      if (DIGEST_CODES.contains(code)) {
        return Kind.CORRUPT_IN_TRANSIT;
      }
      if (THROTTLE_CODES.contains(code)
          || status == 429
          || status == 500
          || status == 502
          || status == 503
          || status == 504) {
        return Kind.THROTTLED_OR_SERVER;
      }
      return Kind.PERMANENT;
    }
    if (t instanceof ChecksumMismatchException) {
      return Kind.CORRUPT_IN_TRANSIT;
    }
    if (t instanceof AbortedException || t instanceof InterruptedIOException) {
      if (!(t instanceof SocketTimeoutException)) {
        return Kind.INTERRUPTED;
      }
    }
    if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
      return Kind.NETWORK;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UnknownHostException) {
        return Kind.PERMANENT;
      }
      if (c instanceof SocketTimeoutException
          || c instanceof ConnectException
          || c instanceof SocketException
          || c instanceof org.apache.hc.core5.http.NoHttpResponseException
          || c instanceof org.apache.hc.core5.http.ConnectionClosedException
          || c instanceof org.apache.hc.client5.http.HttpHostConnectException) {
        return Kind.NETWORK;
      }
      if (c instanceof InterruptedException
          || (c instanceof InterruptedIOException && !(c instanceof SocketTimeoutException))) {
        return Kind.INTERRUPTED;
      }
      if (c instanceof IOException || c instanceof UncheckedIOException) {
        // any other transport failure mid-request (truncated response, ...)
        return Kind.NETWORK;
      }
    }
    if (t instanceof SdkClientException sce
        && sce.getMessage() != null
        && sce.getMessage().toLowerCase(Locale.ROOT).contains("unable to execute http request")) {
      return Kind.NETWORK;
    }
    return Kind.PERMANENT;
  }

  /** The S3 error code, or the HTTP status as text when the response had no body (HEAD). */
  static String code(S3Exception e) {
    if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
      return e.awsErrorDetails().errorCode();
    }
    return switch (e.statusCode()) {
      case 403 -> "AccessDenied";
      case 404 -> "NotFound";
      default -> "HTTP " + e.statusCode();
    };
  }

  /** The errno for a failure that is not (or no longer) retried. */
  static Errno errno(Throwable t) {
    Kind k = kind(t);
    switch (k) {
      case THROTTLED_OR_SERVER:
        return Errno.EAGAIN;
      case NETWORK:
        return Errno.ETIMEDOUT;
      case CORRUPT_IN_TRANSIT:
        return Errno.EIO;
      case INTERRUPTED:
        return Errno.ECANCELED;
      default:
        break;
    }
    if (t instanceof S3Exception s3) {
      String code = code(s3);
      return switch (code) {
        case "NoSuchKey", "NotFound", "NoSuchBucket" -> Errno.ENOENT;
        case "NoSuchUpload", "PreconditionFailed" -> Errno.EAGAIN; // start over later
        case "AccessDenied",
            "InvalidAccessKeyId",
            "SignatureDoesNotMatch",
            "AllAccessDisabled",
            "AccountProblem" ->
            Errno.EACCES;
        case "EntityTooLarge" -> Errno.EFBIG;
        case "InvalidRange" -> Errno.EINVAL;
        default -> Errno.EIO;
      };
    }
    if (t instanceof S3StoreException se) {
      return se.errno();
    }
    return Errno.EIO;
  }

  /** One line naming what failed and why. */
  static String describe(Throwable t) {
    if (t instanceof S3Exception s3) {
      String msg =
          s3.awsErrorDetails() != null && s3.awsErrorDetails().errorMessage() != null
              ? s3.awsErrorDetails().errorMessage()
              : "";
      return code(s3) + " (HTTP " + s3.statusCode() + ")" + (msg.isEmpty() ? "" : ": " + msg);
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (root != t && root.getMessage() != null && !m.contains(root.getMessage())) {
      m = m + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return m;
  }
}
