package org.lhsm.copytool.s3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy with its filesystem backend on a free loopback port, either
 * in this JVM or as a child JVM that can be killed with SIGKILL and started again on the same port.
 * Objects are plain files under {@code dir/<bucket>/<key>}.
 */
public final class S3TestServer implements AutoCloseable {
  public static final String IDENTITY = "lhsm-test";
  public static final String CREDENTIAL = "lhsm-test-secret";

  private final Path dir;
  private final boolean child;
  private int port;
  private S3Proxy proxy;
  private Process process;

  private S3TestServer(Path dir, boolean child) {
    this.dir = dir;
    this.child = child;
  }

  /** In this JVM, on a free port. */
  public static S3TestServer start(Path dir) throws Exception {
    S3TestServer s = new S3TestServer(dir, false);
    s.port = 0;
    s.startServer();
    return s;
  }

  /** As a child JVM (killable), on a free port. */
  public static S3TestServer startChild(Path dir) throws Exception {
    S3TestServer s = new S3TestServer(dir, true);
    s.port = freePort();
    s.startServer();
    return s;
  }

  private static int freePort() throws IOException {
    try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return ss.getLocalPort();
    }
  }

  private void startServer() throws Exception {
    Files.createDirectories(dir);
    if (!child) {
      Properties p = new Properties();
      p.setProperty("jclouds.filesystem.basedir", dir.toString());
      proxy =
          S3Proxy.builder()
              .blobStore(BlobStores.create("filesystem", p))
              .endpoint(URI.create("http://127.0.0.1:" + port))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
              .build();
      proxy.start();
      port = proxy.getPort();
      return;
    }
    Path props = dir.resolveSibling(dir.getFileName() + ".properties");
    Files.writeString(
        props,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + IDENTITY,
            "s3proxy.credential=" + CREDENTIAL,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + dir,
            ""),
        StandardCharsets.UTF_8);
    process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "org.gaul.s3proxy.Main",
                "--properties",
                props.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "S3Proxy child exited: "
                + Files.readString(dir.resolveSibling(dir.getFileName() + ".log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.onSpinWait();
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
    throw new IOException("S3Proxy child did not listen on " + port + " within 30 s");
  }

  /** SIGKILL of the child (no cleanup at all). */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      process = null;
    }
  }

  /** Starts the server again on the same port and directory. */
  public void restart() throws Exception {
    stopServer();
    startServer();
  }

  public int port() {
    return port;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public Path objectFile(String bucket, String key) {
    return dir.resolve(bucket).resolve(key);
  }

  public static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL));
  }

  /** Settings for {@code bucket} on this server; small parts, quick retries. */
  public S3Settings settings(String bucket) {
    return settings(endpoint(), bucket);
  }

  public static S3Settings settings(URI endpoint, String bucket) {
    return S3Settings.of(Optional.of(endpoint), bucket, "lhsm")
        .withParts(S3Settings.MIN_PART_SIZE, S3Settings.MIN_PART_SIZE, 4, 3)
        .withRetry(
            new RetryBudget(
                5, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(20)));
  }

  /** A client for the test's own checks and set-up. */
  public S3Client adminClient() {
    return S3Store.newClient(settings("unused"), credentials());
  }

  public void createBucket(String bucket) {
    try (S3Client c = adminClient()) {
      c.createBucket(b -> b.bucket(bucket));
    }
  }

  public List<String> keys(String bucket) {
    try (S3Client c = adminClient()) {
      return c.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
    }
  }

  private void stopServer() throws Exception {
    if (proxy != null) {
      proxy.stop();
      proxy = null;
    }
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      process = null;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      stopServer();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }
}
