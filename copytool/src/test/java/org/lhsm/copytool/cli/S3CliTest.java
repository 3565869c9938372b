package org.lhsm.copytool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.copytool.fakes.Items;
import org.lhsm.copytool.s3.ObjectKeys;
import org.lhsm.copytool.s3.S3TestServer;
import org.lhsm.emulator.testkit.Await;
import software.amazon.awssdk.core.sync.RequestBody;

/** jhsmtool's S3 options, start-up checks and import, against S3Proxy and a fake Lustre. */
class S3CliTest {
  @TempDir static Path shared;
  @TempDir Path tmp;
  private static S3TestServer server;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final FakeLustreAccess access = new FakeLustreAccess();

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start(shared.resolve("s3"));
    server.createBucket("cli-bucket");
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void credentials() {
    // the standard chain reads these system properties (before the profile file)
    System.setProperty("aws.accessKeyId", S3TestServer.IDENTITY);
    System.setProperty("aws.secretAccessKey", S3TestServer.CREDENTIAL);
  }

  @AfterEach
  void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private int run(String... args) {
    return Main.execute(
        args,
        access,
        "jhsmtool",
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String[] s3(String bucket, String... rest) {
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                "--backend",
                "s3",
                "--s3-endpoint",
                server.endpoint().toString(),
                "--s3-bucket",
                bucket,
                "--s3-prefix",
                "pre"));
    a.addAll(List.of(rest));
    return a.toArray(new String[0]);
  }

  @Test
  void theCopytoolArchivesToS3WithoutAnHsmRoot() throws Exception {
    Path mnt = Files.createDirectories(tmp.resolve("mnt"));
    access.source.dataFile = Files.writeString(tmp.resolve("lustre-file"), "hello s3");
    HsmActionItem a = Items.item(CopytoolAction.ARCHIVE, 0x77);
    access.source.push(Items.batch(a));
    CompletableFuture<Integer> rc =
        CompletableFuture.supplyAsync(() -> run(s3("cli-bucket", "-A", "1", mnt.toString())));
    Await.until(
        "archive ended",
        () -> access.source.handle(0x77) != null && access.source.handle(0x77).end() != null);
    access.source.pushKernelShutdown();
    assertThat(rc.get(60, TimeUnit.SECONDS)).isEqualTo(108);
    assertThat(access.source.handle(0x77).end().errno()).isZero();
    String key = new ObjectKeys("pre").key("lustre", 1, a.fid());
    assertThat(server.keys("cli-bucket")).contains(key);
  }

  @Test
  void startUpFailuresHaveDistinctExitCodes() throws IOException {
    String mnt = Files.createDirectories(tmp.resolve("mnt")).toString();
    assertThat(run(s3("no-such-bucket", mnt))).as("missing bucket: 256 - ENOENT").isEqualTo(254);
    System.setProperty("aws.secretAccessKey", "wrong");
    assertThat(run(s3("cli-bucket", mnt))).as("rejected credentials: 256 - EACCES").isEqualTo(243);
    credentials();
    assertThat(
            run(
                "--backend",
                "s3",
                "--s3-endpoint",
                "http://127.0.0.1:1",
                "--s3-bucket",
                "cli-bucket",
                mnt))
        .as("no answer: 256 - ETIMEDOUT")
        .isEqualTo(146);
    assertThat(run("--backend", "s3", mnt)).as("no bucket given").isEqualTo(22);
    assertThat(run("--backend", "tape", "-p", mnt, mnt)).as("unknown backend").isEqualTo(22);
    assertThat(run("--backend", "2=s3", "--s3-bucket", "b", "-A", "2", "--s3-part-size", "1", mnt))
        .as("part size below 5 MiB")
        .isEqualTo(22);
    assertThat(access.registeredIds).isEmpty();
  }

  @Test
  void importMakesAReleasedFileFromAnObjectAndCopiesItToTheNewFidsKey() throws IOException {
    Path mnt = Files.createDirectories(tmp.resolve("mnt"));
    try (var c = server.adminClient()) {
      c.putObject(
          b ->
              b.bucket("cli-bucket")
                  .key("incoming/data.bin")
                  .metadata(Map.of("lhsm-mode", "100600")),
          RequestBody.fromString("twelve bytes"));
    }
    assertThat(
            run(
                s3(
                    "cli-bucket",
                    "-A",
                    "3",
                    "--import",
                    "incoming/data.bin",
                    mnt + "/data.bin",
                    mnt.toString())))
        .isZero();
    assertThat(access.imports).hasSize(1);
    assertThat(access.imports.get(0).size()).isEqualTo(12);
    assertThat(access.imports.get(0).mode()).isEqualTo(0100600);
    String key = new ObjectKeys("pre").key("lustre", 3, new Fid(0x200000401L, 0x100, 0));
    assertThat(server.keys("cli-bucket")).contains(key, "incoming/data.bin");
    assertThat(run(s3("cli-bucket", "--import", "incoming/none", mnt + "/x", mnt.toString())))
        .as("missing object")
        .isEqualTo(2);
  }

  @Test
  void theBackendIsChosenPerArchiveId() throws Exception {
    BackendChoice c =
        BackendChoice.parse(BackendChoice.POSIX_ONLY, List.of("s3", "1=posix", "3=s3"));
    assertThat(c.kindFor(1)).isEqualTo(BackendChoice.Kind.POSIX);
    assertThat(c.kindFor(2)).isEqualTo(BackendChoice.Kind.S3);
    assertThat(c.uses(BackendChoice.Kind.POSIX, List.of(2, 3))).isFalse();
    assertThat(c.uses(BackendChoice.Kind.POSIX, List.of(1, 2))).isTrue();
    Path conf =
        Files.writeString(
            tmp.resolve("ct.yaml"),
            "backend.2: s3\ns3_bucket: cli-bucket\ns3_endpoint: " + server.endpoint() + "\n");
    Path mnt = Files.createDirectories(tmp.resolve("mnt"));
    access.source.pushKernelShutdown();
    // archive 2 on S3 from the config file, archive 1 on POSIX: the hsm root is still needed
    assertThat(run("-C", conf.toString(), "-A", "1", "-A", "2", mnt.toString())).isEqualTo(22);
    Path arc = Files.createDirectories(tmp.resolve("arc"));
    assertThat(
            run("-C", conf.toString(), "-A", "1", "-A", "2", "-p", arc.toString(), mnt.toString()))
        .isEqualTo(108);
  }
}
