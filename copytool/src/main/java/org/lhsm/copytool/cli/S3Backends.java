package org.lhsm.copytool.cli;

import java.io.IOException;
import java.time.Instant;
import org.lhsm.copytool.s3.S3Settings;
import org.lhsm.copytool.s3.S3Store;
import org.lhsm.copytool.s3.S3StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Opens the S3 store at start-up and checks it before the copytool registers: the bucket must exist
 * and be listable with the credentials of the standard AWS chain (environment, system properties,
 * profile, container or instance role). A failure ends the process like an unopenable {@code
 * --hsm-root}, with 256 − errno: 254 bucket missing (ENOENT), 243 credentials rejected or access
 * denied (EACCES), 146 endpoint not answering (ETIMEDOUT). Then the server's checksum support is
 * probed and stale multipart uploads are swept.
 */
final class S3Backends {
  private static final Logger LOG = LoggerFactory.getLogger(S3Backends.class);

  private S3Backends() {}

  static S3Store openChecked(S3Settings settings) throws ModeRunner.ExitException {
    S3Store store;
    try {
      store = S3Store.open(settings, DefaultCredentialsProvider.builder().build());
    } catch (RuntimeException e) {
      throw new ModeRunner.ExitException(
          256 - org.lhsm.bindings.Errno.EINVAL.number(),
          "cannot set up the S3 client for " + settings.describe() + ": " + e.getMessage());
    }
    try {
      store.checkBucket();
      store.probeChecksums();
    } catch (S3StoreException e) {
      store.close();
      throw new ModeRunner.ExitException(
          256 - e.errno().number(),
          "cannot use S3 archive " + settings.describe() + ": " + e.getMessage());
    } catch (IOException e) {
      store.close();
      throw new ModeRunner.ExitException(
          256 - org.lhsm.bindings.Errno.EIO.number(),
          "cannot use S3 archive " + settings.describe() + ": " + e.getMessage());
    }
    try {
      store.sweepStaleUploads(Instant.now());
    } catch (IOException e) {
      LOG.warn(
          "cannot sweep stale multipart uploads of {}: {}", settings.describe(), e.getMessage());
    }
    LOG.info("S3 archive {} ready", settings.describe());
    return store;
  }
}
