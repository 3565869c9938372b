package org.lhsm.bench.s3;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lhsm.bench.BenchMain;
import org.lhsm.bench.footprint.ToolOptions;
import org.lhsm.bench.report.FileTrees;
import org.lhsm.bench.report.ReportOptions;
import org.lhsm.bench.report.Rounds;
import org.lhsm.bench.report.SourceFile;
import org.lhsm.bench.report.Units;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.copytool.s3.S3ArchiveBackend;
import org.lhsm.copytool.s3.S3Settings;
import org.lhsm.copytool.s3.S3Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * jhsmtool's S3 backend against {@code rclone copyto/copy} to the same S3Proxy server: one large
 * file archived and restored in interleaved rounds (medians), many small files, and the RSS of a
 * JVM running the backend with many multipart uploads in flight. The rates go into a {@link
 * RateTable}, rclone runs through {@link Rclone}, the RSS is {@link RssMeasurement}'s.
 */
@Command(
    name = "s3",
    mixinStandardHelpOptions = true,
    description = {
      "jhsmtool's S3 backend vs rclone on one S3Proxy server (filesystem backend, child JVM):"
          + " a --size file archived and restored in --rounds interleaved rounds, --files small"
          + " files, and the peak RSS of the backend with --rss-uploads multipart uploads in"
          + " flight."
    })
public final class S3Command implements Callable<Integer> {
  static final String BUCKET = "lhsm-bench";

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ReportOptions report;

  @Option(
      names = "--size",
      defaultValue = "1G",
      converter = Units.SizeConverter.class,
      description = "Large file size (default: ${DEFAULT-VALUE}).")
  long size;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds (default: 3).")
  int rounds;

  @Option(
      names = "--files",
      defaultValue = "1000",
      description = "Small files (default: ${DEFAULT-VALUE}; 0 skips).")
  int files;

  @Option(
      names = "--file-size",
      defaultValue = "1M",
      converter = Units.SizeConverter.class,
      description = "Small file size (default: ${DEFAULT-VALUE}).")
  long fileSize;

  @Option(
      names = "--transfers",
      defaultValue = "16",
      description = "Small files in flight: jhsmtool workers and rclone --transfers (default: 16).")
  int transfers;

  @Option(
      names = "--rss-uploads",
      defaultValue = "16",
      description = "Multipart uploads in flight for the RSS measurement (default: 16; 0 skips).")
  int rssUploads;

  @Option(
      names = "--rss-size",
      defaultValue = "64M",
      converter = Units.SizeConverter.class,
      description = "Size of each file of the RSS measurement (default: ${DEFAULT-VALUE}).")
  long rssSize;

  @Option(
      names = "--rss-java-opts",
      paramLabel = "OPTS",
      description =
          "JVM options of the RSS driver instead of the launcher's (split on spaces; '' for the"
              + " JVM's defaults).")
  String rssJavaOpts;

  @Option(
      names = "--jhsmtool",
      paramLabel = "LAUNCHER",
      description =
          "jhsmtool's launcher: the RSS driver is started with the JVM options it gives jhsmtool"
              + " (its defaults, then $JHSMTOOL_JAVA_OPTS), as it prints them with"
              + " JHSMTOOL_PRINT_JAVA_OPTS=1 (default: copytool/src/dist/jhsmtool of this tree).")
  Path jhsmtool;

  @Option(
      names = "--rclone",
      defaultValue = "rclone",
      description = "rclone binary (default: rclone on PATH).")
  String rclone;

  @Option(names = "--no-rclone", description = "Measure jhsmtool only.")
  boolean noRclone;

  private Path work;
  private S3ProxyProcess server;
  private Rclone rcloneRunner;
  private final RateTable rates = new RateTable();

  /** The RSS driver's JVM options, and where they come from (for the report). */
  private List<String> rssOpts = List.of();

  private String rssOptsFrom = "";

  @Override
  public Integer call() throws Exception {
    Path jar = ownJar();
    if (rssUploads > 0) {
      rssJavaOptions(); // before the long measurements: a launcher that cannot say fails now
    }
    work = report.createWorkDir("s3-");
    try (S3ProxyProcess s = S3ProxyProcess.start(work, jar)) {
      server = s;
      return measure(jar);
    } finally {
      if (!report.keep()) {
        FileTrees.delete(work);
      }
    }
  }

  private static Path ownJar() throws URISyntaxException, IOException {
    Path p = Path.of(S3Command.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (!Files.isRegularFile(p)) {
      throw new IOException("run from lhsm-bench.jar (mvn -B -q -pl bench -am package)");
    }
    return p;
  }

  /** {@code --rss-java-opts} when given, else what the launcher prints. */
  private void rssJavaOptions() throws IOException {
    if (rssJavaOpts != null) {
      rssOpts = Arrays.stream(rssJavaOpts.strip().split("\\s+")).filter(o -> !o.isEmpty()).toList();
      rssOptsFrom = "--rss-java-opts";
    } else {
      Path launcher = ToolOptions.launcher(jhsmtool);
      rssOpts = LauncherJavaOptions.of(launcher);
      rssOptsFrom =
          launcher
              + " (its defaults, JHSMTOOL_JAVA_OPTS='"
              + System.getenv().getOrDefault(ToolOptions.JAVA_OPTS, "")
              + "')";
    }
  }

  private S3Settings settings() {
    return S3Settings.of(Optional.of(server.endpoint()), BUCKET, "jhsmtool");
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(S3ProxyProcess.IDENTITY, S3ProxyProcess.CREDENTIAL));
  }

  private int measure(Path jar) throws Exception {
    try (S3Client admin = S3Store.newClient(settings(), credentials())) {
      admin.createBucket(b -> b.bucket(BUCKET));
    }
    rcloneRunner = new Rclone(rclone, work, server.endpoint());
    boolean withRclone = !noRclone && rcloneRunner.works();
    Map<String, Object> json = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder();
    json.put("endpoint", server.endpoint().toString());
    json.put("size", size);
    json.put("rounds", rounds);
    try (S3Store store = S3Store.open(settings(), credentials())) {
      store.checkBucket();
      store.probeChecksums();
      S3ArchiveBackend backend = new S3ArchiveBackend(store, "bench", 1);
      Path src = work.resolve("large");
      SourceFile.create(src, size, 1);
      long crc = SourceFile.crc32c(src);
      List<String> tools = withRclone ? List.of("jhsmtool", "rclone") : List.of("jhsmtool");
      for (int r = 0; r < rounds; r++) {
        List<String> order = Rounds.rotated(tools, r);
        for (String t : order) {
          archiveLarge(t, backend, src);
        }
        for (String t : order) {
          restoreLarge(t, backend, crc);
        }
      }
      text.append(
          String.format(
              Locale.ROOT,
              "S3 (S3Proxy filesystem backend at %s), %s file, %d rounds, MB/s:%n",
              server.endpoint(),
              Units.binary(size),
              rounds));
      json.put("large", rates.table(text));
      if (files > 0) {
        rates.clear();
        smallFiles(backend, tools);
        text.append(
            String.format(
                Locale.ROOT,
                "%d files of %s, %d in flight, MB/s:%n",
                files,
                Units.binary(fileSize),
                transfers));
        Map<String, Object> small = rates.table(text);
        small.put("files", files);
        small.put("file_size", fileSize);
        json.put("small", small);
      }
    }
    if (rssUploads > 0) {
      json.put(
          "rss",
          new RssMeasurement(
                  jar, work, server.endpoint(), rssUploads, rssSize, rssOpts, rssOptsFrom)
              .measure(text));
    }
    report.emit(
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)),
        text.toString(),
        json);
    return 0;
  }

  private static HsmActionItem item(CopytoolAction kind, int n) {
    Fid fid = new Fid(0x200000401L, 0x10 + n, 0);
    return new HsmActionItem(kind, fid, fid, HsmExtent.whole(), n, 0, null);
  }

  private void archiveLarge(String tool, S3ArchiveBackend backend, Path src) throws Exception {
    long t0 = System.nanoTime();
    if (tool.equals("jhsmtool")) {
      HsmActionItem it = item(CopytoolAction.ARCHIVE, 0);
      FileHandle h = new FileHandle(it, src, false);
      backend.archive(it, h, new Control());
      h.end(0, -1, false, 0);
    } else {
      rcloneRunner.copy("copyto", src.toString(), "bench:" + BUCKET + "/rclone/large");
    }
    rates.record("archive/" + tool, size, System.nanoTime() - t0);
  }

  private void restoreLarge(String tool, S3ArchiveBackend backend, long crc) throws Exception {
    Path out = work.resolve("restored-" + tool);
    Files.deleteIfExists(out);
    SourceFile.scratch(work.resolve("scratch"), size);
    long t0 = System.nanoTime();
    if (tool.equals("jhsmtool")) {
      HsmActionItem it = item(CopytoolAction.RESTORE, 0);
      FileHandle h = new FileHandle(it, out, true);
      backend.restore(it, h, new Control());
      h.end(0, -1, false, 0);
    } else {
      rcloneRunner.copy("copyto", "bench:" + BUCKET + "/rclone/large", out.toString());
      rcloneRunner.run(List.of("sync", out.toString()));
    }
    long nanos = System.nanoTime() - t0;
    if (Files.size(out) != size || SourceFile.crc32c(out) != crc) {
      throw new IOException(tool + " restored different data");
    }
    Files.delete(out);
    rates.record("restore/" + tool, size, nanos);
  }

  private void smallFiles(S3ArchiveBackend backend, List<String> tools) throws Exception {
    Path dir = Files.createDirectories(work.resolve("small"));
    List<Path> srcs = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      Path p = dir.resolve("f" + i);
      SourceFile.create(p, fileSize, 100 + i);
      srcs.add(p);
    }
    long total = fileSize * files;
    for (int r = 0; r < rounds; r++) {
      for (String t : Rounds.rotated(tools, r)) {
        long t0 = System.nanoTime();
        if (t.equals("jhsmtool")) {
          parallel(
              i -> {
                HsmActionItem it = item(CopytoolAction.ARCHIVE, 1000 + i);
                backend.archive(it, new FileHandle(it, srcs.get(i), false), new Control());
              });
        } else {
          rcloneRunner.copy(
              "copy",
              dir.toString(),
              "bench:" + BUCKET + "/rclone/small",
              "--transfers",
              Integer.toString(transfers));
        }
        rates.record("archive/" + t, total, System.nanoTime() - t0);
      }
      for (String t : Rounds.rotated(tools, r)) {
        Path out = Files.createDirectories(work.resolve("small-out-" + t));
        long t0 = System.nanoTime();
        if (t.equals("jhsmtool")) {
          parallel(
              i -> {
                HsmActionItem it = item(CopytoolAction.RESTORE, 1000 + i);
                FileHandle h = new FileHandle(it, out.resolve("f" + i), true);
                backend.restore(it, h, new Control());
                h.end(0, -1, false, 0);
              });
        } else {
          rcloneRunner.copy(
              "copy",
              "bench:" + BUCKET + "/rclone/small",
              out.toString(),
              "--transfers",
              Integer.toString(transfers));
          List<String> sync = new ArrayList<>(List.of("sync"));
          try (var st = Files.list(out)) {
            st.forEach(p -> sync.add(p.toString()));
          }
          rcloneRunner.run(sync);
        }
        long nanos = System.nanoTime() - t0;
        try (var st = Files.list(out)) {
          if (st.count() != files) {
            throw new IOException(t + " restored a wrong number of small files");
          }
        }
        FileTrees.delete(out);
        rates.record("restore/" + t, total, nanos);
      }
    }
  }

  /** A step of the parallel loop. */
  @FunctionalInterface
  private interface Step {
    void run(int i) throws Exception;
  }

  private void parallel(Step step) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(transfers);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < files; i++) {
        int n = i;
        fs.add(
            pool.submit(
                () -> {
                  step.run(n);
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static int usageExit() {
    return BenchMain.EXIT_USAGE;
  }
}
