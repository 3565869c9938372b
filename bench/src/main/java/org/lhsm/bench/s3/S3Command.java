package org.lhsm.bench.s3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.lhsm.bench.BenchMain;
import org.lhsm.bench.report.FileTrees;
import org.lhsm.bench.report.ReportOptions;
import org.lhsm.bench.report.Rounds;
import org.lhsm.bench.report.SourceFile;
import org.lhsm.bench.report.Stats;
import org.lhsm.bench.report.Units;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.copytool.s3.S3ArchiveBackend;
import org.lhsm.copytool.s3.S3Settings;
import org.lhsm.copytool.s3.S3Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * JVM running the backend with many multipart uploads in flight.
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
  private static final Logger LOG = LoggerFactory.getLogger(S3Command.class);
  private static final String BUCKET = "lhsm-bench";

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
      defaultValue = "${env:JHSMTOOL_JAVA_OPTS:-}",
      description =
          "JVM options of the RSS driver, as the jhsmtool launcher passes them (default:"
              + " $JHSMTOOL_JAVA_OPTS, empty).")
  String rssJavaOpts;

  @Option(
      names = "--rclone",
      defaultValue = "rclone",
      description = "rclone binary (default: rclone on PATH).")
  String rclone;

  @Option(names = "--no-rclone", description = "Measure jhsmtool only.")
  boolean noRclone;

  private Path work;
  private S3ProxyProcess server;
  private final Map<String, List<Double>> rates = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    Path jar = ownJar();
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
    boolean withRclone = !noRclone && rcloneWorks();
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
      json.put("large", table(text));
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
        Map<String, Object> small = table(text);
        small.put("files", files);
        small.put("file_size", fileSize);
        json.put("small", small);
      }
    }
    if (rssUploads > 0) {
      json.put("rss", rss(jar, text));
    }
    report.emit(
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)),
        text.toString(),
        json);
    return 0;
  }

  private void record(String what, long bytes, long nanos) {
    double mbs = Units.mbPerSec(bytes, nanos);
    rates.computeIfAbsent(what, k -> new ArrayList<>()).add(mbs);
    LOG.info("{}: {} MB/s", what, String.format(Locale.ROOT, "%.1f", mbs));
  }

  private Map<String, Object> table(StringBuilder text) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
      Stats s = Stats.of(e.getValue());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rounds_mb_s", e.getValue());
      row.put("best_mb_s", s.best());
      row.put("median_mb_s", s.median());
      out.put(e.getKey(), row);
      text.append(
          String.format(
              Locale.ROOT,
              "  %-22s median %8.1f  best %8.1f  rounds %s%n",
              e.getKey(),
              s.median(),
              s.best(),
              e.getValue().stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList()));
    }
    for (String op : List.of("archive", "restore")) {
      List<Double> j = rates.get(op + "/jhsmtool");
      List<Double> r = rates.get(op + "/rclone");
      if (j != null && r != null) {
        double ratio = Stats.of(j).median() / Stats.of(r).median();
        out.put(op + "_ratio_median", ratio);
        text.append(
            String.format(Locale.ROOT, "  %s jhsmtool/rclone (medians): %.3f%n", op, ratio));
      }
    }
    return out;
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
      rcloneRun("copyto", src.toString(), "bench:" + BUCKET + "/rclone/large");
    }
    record("archive/" + tool, size, System.nanoTime() - t0);
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
      rcloneRun("copyto", "bench:" + BUCKET + "/rclone/large", out.toString());
      run(List.of("sync", out.toString()));
    }
    long nanos = System.nanoTime() - t0;
    if (Files.size(out) != size || SourceFile.crc32c(out) != crc) {
      throw new IOException(tool + " restored different data");
    }
    Files.delete(out);
    record("restore/" + tool, size, nanos);
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
          rcloneRun(
              "copy",
              dir.toString(),
              "bench:" + BUCKET + "/rclone/small",
              "--transfers",
              Integer.toString(transfers));
        }
        record("archive/" + t, total, System.nanoTime() - t0);
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
          rcloneRun(
              "copy",
              "bench:" + BUCKET + "/rclone/small",
              out.toString(),
              "--transfers",
              Integer.toString(transfers));
          List<String> sync = new ArrayList<>(List.of("sync"));
          try (var st = Files.list(out)) {
            st.forEach(p -> sync.add(p.toString()));
          }
          run(sync);
        }
        long nanos = System.nanoTime() - t0;
        try (var st = Files.list(out)) {
          if (st.count() != files) {
            throw new IOException(t + " restored a wrong number of small files");
          }
        }
        FileTrees.delete(out);
        record("restore/" + t, total, nanos);
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

  private Map<String, Object> rss(Path jar, StringBuilder text) throws Exception {
    for (int i = 0; i < rssUploads; i++) {
      SourceFile.create(work.resolve("rss-" + i), rssSize, 500 + i);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String o : rssJavaOpts.strip().split("\\s+")) {
      if (!o.isEmpty()) {
        cmd.add(o);
      }
    }
    cmd.addAll(
        List.of(
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            jar.toString(),
            RssDriver.class.getName(),
            server.endpoint().toString(),
            BUCKET,
            work.toString(),
            Integer.toString(rssUploads)));
    Process p =
        new ProcessBuilder(cmd).redirectError(work.resolve("rss-driver.log").toFile()).start();
    try (BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      expect(out, "READY", p);
      long idle = status(p.pid(), "VmRSS");
      in.write("\n");
      in.flush();
      long[] max = {0};
      Thread sampler =
          new Thread(
              () -> {
                while (p.isAlive()) {
                  try {
                    max[0] = Math.max(max[0], status(p.pid(), "VmRSS"));
                    Thread.sleep(20);
                  } catch (IOException | InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.setDaemon(true);
      sampler.start();
      String done = expect(out, "DONE", p);
      long hwm = status(p.pid(), "VmHWM");
      sampler.interrupt();
      in.write("\n");
      in.flush();
      p.waitFor(60, TimeUnit.SECONDS);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("uploads", rssUploads);
      m.put("java_opts", rssJavaOpts);
      m.put("file_size", rssSize);
      m.put("rss_idle_kib", idle);
      m.put("rss_max_sampled_kib", max[0]);
      m.put("rss_peak_kib", hwm);
      m.put("seconds", Double.parseDouble(done.substring(5).strip()));
      text.append(
          String.format(
              Locale.ROOT,
              "RSS, %d multipart uploads of %s in flight (JVM options '%s'):"
                  + " idle %.1f MiB, peak %.1f MiB (VmHWM), %s s%n",
              rssUploads,
              Units.binary(rssSize),
              rssJavaOpts,
              idle / 1024.0,
              hwm / 1024.0,
              done.substring(5).strip()));
      return m;
    } finally {
      p.destroyForcibly();
    }
  }

  private static String expect(BufferedReader out, String word, Process p) throws IOException {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(word)) {
        return line;
      }
    }
    throw new IOException("RSS driver ended before " + word + " (exit " + p.exitValue() + ")");
  }

  /** A {@code kB} field of {@code /proc/<pid>/status}. */
  private static long status(long pid, String field) throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (l.startsWith(field + ":")) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException(field + " not in /proc/" + pid + "/status");
  }

  private boolean rcloneWorks() {
    try {
      run(List.of(rclone, "version"));
      return true;
    } catch (IOException | InterruptedException e) {
      LOG.warn("rclone not usable ({}): measuring jhsmtool only", e.getMessage());
      return false;
    }
  }

  private void rcloneRun(String... args) throws IOException, InterruptedException {
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

  private void run(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Files.writeString(work.resolve("rclone.conf"), "");
    Map<String, String> env = pb.environment();
    // a CA bundle set for https elsewhere makes rclone refuse its http transport
    env.remove("AWS_CA_BUNDLE");
    env.put("RCLONE_CONFIG_BENCH_TYPE", "s3");
    env.put("RCLONE_CONFIG_BENCH_PROVIDER", "Other");
    env.put("RCLONE_CONFIG_BENCH_ENDPOINT", server.endpoint().toString());
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

  static int usageExit() {
    return BenchMain.EXIT_USAGE;
  }
}
