package org.lhsm.copytool.s3;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds the SDK client a store runs on; its own retries and checksums are off (ours are used). */
final class S3Clients {
  private S3Clients() {}

  static S3Client newClient(S3Settings s, AwsCredentialsProvider credentials) {
    var http =
        Apache5HttpClient.builder()
            .maxConnections(s.partBuffers() + 64)
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60))
            // no 100-continue round trip before each body: a refused part is simply sent again
            .expectContinueEnabled(false)
            .build();
    var b =
        S3Client.builder()
            .httpClient(http)
            .region(Region.of(s.region()))
            .credentialsProvider(credentials)
            // our own CRC32C values are sent and checked; the SDK adds none of its own
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
            // bodies are in memory (part buffers): over http the payload is hashed once and sent
            // plain rather than in signed aws-chunked frames (over https it is not hashed at all)
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
    s.endpoint().ifPresent(e -> b.endpointOverride(e).forcePathStyle(true));
    return b.build();
  }
}
