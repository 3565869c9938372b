package org.lhsm.bench.s3;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.copytool.s3.S3ArchiveBackend;
import org.lhsm.copytool.s3.S3Settings;
import org.lhsm.copytool.s3.S3Store;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Child process of the RSS measurement, started with the JVM options of jhsmtool's launcher (unless
 * told otherwise): jhsmtool's S3 backend with its default settings ({@link S3Settings}: 4 shared
 * part buffers of 8 MiB, 3 parts of an upload in flight) archiving {@code count} files at once, one
 * thread each (as {@code count} engine workers would). Protocol on stdin/stdout: prints {@code
 * READY}, waits for a line, archives, prints {@code DONE <seconds>}, waits for a line, exits.
 *
 * <p>Arguments: endpoint bucket dir count.
 */
public final class RssDriver {
  private RssDriver() {}

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    String bucket = args[1];
    Path dir = Path.of(args[2]);
    int count = Integer.parseInt(args[3]);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (S3Store store =
        S3Store.open(
            S3Settings.of(Optional.of(endpoint), bucket, "rss"),
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3ProxyProcess.IDENTITY, S3ProxyProcess.CREDENTIAL)))) {
      store.checkBucket();
      store.probeChecksums();
      S3ArchiveBackend backend = new S3ArchiveBackend(store, "bench", 1);
      System.out.println("READY");
      System.out.flush();
      in.readLine();
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(count);
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        all.add(
            pool.submit(
                () -> {
                  Fid fid = new Fid(0x200000401L, 0x1000 + n, 0);
                  HsmActionItem item =
                      new HsmActionItem(
                          CopytoolAction.ARCHIVE, fid, fid, HsmExtent.whole(), n, 0, null);
                  backend.archive(
                      item, new FileHandle(item, dir.resolve("rss-" + n), false), new Control());
                  return null;
                }));
      }
      for (Future<?> f : all) {
        f.get();
      }
      pool.shutdown();
      System.out.printf(java.util.Locale.ROOT, "DONE %.3f%n", (System.nanoTime() - t0) / 1e9);
      System.out.flush();
      in.readLine();
    }
  }
}
