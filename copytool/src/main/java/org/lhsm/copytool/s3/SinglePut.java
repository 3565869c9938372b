package org.lhsm.copytool.s3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Map;
import org.lhsm.copytool.s3.S3Store.UploadResult;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** An upload up to the multipart threshold: one PUT from one pooled buffer, atomic by itself. */
final class SinglePut extends StorePart {
  private final PartBufferPool pool;

  SinglePut(S3Settings settings, S3Client client, Retrier retrier, PartBufferPool pool) {
    super(settings, client, retrier);
    this.pool = pool;
  }

  UploadResult put(
      String key,
      FileChannel src,
      long offset,
      int length,
      ObjectAttributes attributes,
      TransferControl control,
      boolean checked)
      throws IOException {
    ByteBuffer buf = pool.acquire();
    try {
      buf.limit(length);
      UploadBodies.readInto(src, buf, offset, control);
      buf.flip();
      int crc = Crc32c.of(buf);
      String b64 = Crc32c.base64(crc);
      Map<String, String> meta = attributes.withCrc32c(crc).toMetadata();
      PutObjectResponse r =
          retrier.run(
              "PUT " + key,
              () -> {
                PutObjectResponse resp =
                    client.putObject(
                        b -> {
                          b.bucket(settings.bucket())
                              .key(key)
                              .metadata(meta)
                              .contentLength((long) length);
                          if (checked) {
                            b.checksumCRC32C(b64);
                          }
                        },
                        UploadBodies.body(buf));
                if (checked
                    && resp.checksumCRC32C() != null
                    && !b64.equals(resp.checksumCRC32C())) {
                  throw new ChecksumMismatchException(
                      "server stored CRC32C " + resp.checksumCRC32C() + ", sent " + b64);
                }
                return resp;
              });
      control.checkCanceled();
      return new UploadResult(key, length, 1, r.eTag(), b64);
    } finally {
      pool.release(buf);
    }
  }
}
