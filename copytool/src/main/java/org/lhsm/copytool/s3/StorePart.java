package org.lhsm.copytool.s3;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * What every part of an {@link S3Store} works with: the bucket's settings, the one SDK client and
 * the {@link Retrier} each request runs under. Shared by the parts so that their retries count
 * together.
 */
abstract class StorePart {
  final S3Settings settings;
  final S3Client client;
  final Retrier retrier;

  StorePart(S3Settings settings, S3Client client, Retrier retrier) {
    this.settings = settings;
    this.client = client;
    this.retrier = retrier;
  }
}
