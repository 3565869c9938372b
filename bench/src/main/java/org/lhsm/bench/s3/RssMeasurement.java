package org.lhsm.bench.s3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lhsm.bench.report.SourceFile;
import org.lhsm.bench.report.Units;

/**
 * The RSS of a child JVM ({@link RssDriver}) running the backend with many multipart uploads in
 * flight: idle, sampled while the uploads run, and the kernel's high-water mark.
 */
final class RssMeasurement {
  private final Path jar;
  private final Path work;
  private final URI endpoint;
  private final int rssUploads;
  private final long rssSize;
  private final List<String> javaOpts;
  private final String javaOptsFrom;

  /**
   * The driver is started with exactly {@code javaOpts} (the launcher's, or {@code
   * --rss-java-opts}); {@code javaOptsFrom} says which, in the report.
   */
  RssMeasurement(
      Path jar,
      Path work,
      URI endpoint,
      int rssUploads,
      long rssSize,
      List<String> javaOpts,
      String javaOptsFrom) {
    this.jar = jar;
    this.work = work;
    this.endpoint = endpoint;
    this.rssUploads = rssUploads;
    this.rssSize = rssSize;
    this.javaOpts = List.copyOf(javaOpts);
    this.javaOptsFrom = javaOptsFrom;
  }

  Map<String, Object> measure(StringBuilder text) throws Exception {
    for (int i = 0; i < rssUploads; i++) {
      SourceFile.create(work.resolve("rss-" + i), rssSize, 500 + i);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(javaOpts);
    cmd.addAll(
        List.of(
            "-cp",
            jar.toString(),
            RssDriver.class.getName(),
            endpoint.toString(),
            S3Command.BUCKET,
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
      m.put("java_opts", String.join(" ", javaOpts));
      m.put("java_opts_from", javaOptsFrom);
      m.put("file_size", rssSize);
      m.put("rss_idle_kib", idle);
      m.put("rss_max_sampled_kib", max[0]);
      m.put("rss_peak_kib", hwm);
      m.put("seconds", Double.parseDouble(done.substring(5).strip()));
      text.append(
          String.format(
              Locale.ROOT,
              "RSS, %d multipart uploads of %s in flight: idle %.1f MiB, peak %.1f MiB (VmHWM),"
                  + " %s s%n  driver JVM options '%s'%n  from %s%n",
              rssUploads,
              Units.binary(rssSize),
              idle / 1024.0,
              hwm / 1024.0,
              done.substring(5).strip(),
              String.join(" ", javaOpts),
              javaOptsFrom));
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
}
