package org.lhsm.bench.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lhsm.copytool.s3.S3Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rclone against the bench's S3 server: its remote {@code bench:} is set by environment
 * variables, its config file left empty so that no user config interferes.
 */
final class Rclone {
  private static final Logger LOG = LoggerFactory.getLogger(Rclone.class);

  private final String rclone;
  private final Path work;
  private final URI endpoint;

  Rclone(String rclone, Path work, URI endpoint) {
    this.rclone = rclone;
    this.work = work;
    this.endpoint = endpoint;
  }

  boolean works() {
    try {
      run(List.of(rclone, "version"));
      return true;
    } catch (IOException | InterruptedException e) {
      LOG.warn("rclone not usable ({}): measuring jhsmtool only", e.getMessage());
      return false;
    }
  }

  /** rclone with {@code args}, tuned as jhsmtool's uploads are. */
  void copy(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(rclone);
    cmd.addAll(List.of(args));
    // the same part size and parts in flight as jhsmtool's defaults (8 MiB, 3)
    cmd.addAll(
        List.of(
            "--config",
            work.resolve("rclone.conf").toString(),
            "--s3-chunk-size",
            "8M",
            "--s3-upload-cutoff",
            "8M",
            "--s3-upload-concurrency",
            Integer.toString(S3Settings.DEFAULT_PARTS_PER_UPLOAD),
            // copy even when the destination looks the same (every round transfers)
            "--ignore-times",
            "-q"));
    run(cmd);
  }

  void run(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Files.writeString(work.resolve("rclone.conf"), "");
    Map<String, String> env = pb.environment();
    // a CA bundle set for https elsewhere makes rclone refuse its http transport
    env.remove("AWS_CA_BUNDLE");
    env.put("RCLONE_CONFIG_BENCH_TYPE", "s3");
    env.put("RCLONE_CONFIG_BENCH_PROVIDER", "Other");
    env.put("RCLONE_CONFIG_BENCH_ENDPOINT", endpoint.toString());
    env.put("RCLONE_CONFIG_BENCH_ACCESS_KEY_ID", S3ProxyProcess.IDENTITY);
    env.put("RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY", S3ProxyProcess.CREDENTIAL);
    env.put("RCLONE_CONFIG_BENCH_REGION", "us-east-1");
    env.put("RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE", "true");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + output.strip());
    }
  }
}
