package org.lhsm.bench.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lhsm.bench.report.JsonParser;
import org.lhsm.emulator.testkit.ChildProcess;

/**
 * {@code s3 --size 8M --rounds 1 --files 4 --rss-uploads 2 --no-rclone --json}: the S3 server
 * starts from the jar, jhsmtool's backend archives and restores (verified) and the RSS driver
 * reports, started with the JVM options this tree's launcher prints (or with {@code
 * --rss-java-opts}, exactly those); the working files are gone afterwards. rclone is left out (CI
 * need not have it).
 */
class S3SmokeIT {
  private static final String LAUNCHER = System.getProperty("lhsm.copytool.launcher");

  @Test
  @SuppressWarnings("unchecked")
  void aTinyRunArchivesRestoresAndMeasuresRss() throws Exception {
    Path dir = Harness.workDir("s3");
    ChildProcess.Result r =
        Harness.run(
            Duration.ofMinutes(5),
            List.of(
                "s3",
                "--dir=" + dir,
                "--size=8M",
                "--rounds=1",
                "--files=4",
                "--file-size=64K",
                "--rss-uploads=2",
                "--rss-size=8M",
                "--jhsmtool=" + LAUNCHER,
                "--no-rclone",
                "--json"));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Map<String, Object> j = JsonParser.object(r.stdout());
    Map<String, Object> large = (Map<String, Object>) j.get("large");
    assertThat(large).containsKeys("archive/jhsmtool", "restore/jhsmtool");
    for (String k : List.of("archive/jhsmtool", "restore/jhsmtool")) {
      Map<String, Object> row = (Map<String, Object>) large.get(k);
      assertThat((List<Object>) row.get("rounds_mb_s")).hasSize(1);
      assertThat((Double) row.get("median_mb_s")).isPositive();
    }
    Map<String, Object> small = (Map<String, Object>) j.get("small");
    assertThat(small).containsKeys("archive/jhsmtool", "restore/jhsmtool");
    Map<String, Object> rss = (Map<String, Object>) j.get("rss");
    assertThat((Double) rss.get("rss_peak_kib")).isGreaterThan((Double) rss.get("rss_idle_kib"));
    // the harness's environment is this one's: the launcher prints the same options here
    ChildProcess.Result printed =
        ChildProcess.run(
            List.of(LAUNCHER), Map.of("JHSMTOOL_PRINT_JAVA_OPTS", "1"), Duration.ofMinutes(1));
    assertThat(printed.exitCode()).as(printed.stderr()).isZero();
    assertThat(rss.get("java_opts"))
        .as("the RSS driver's JVM options: the launcher's")
        .isEqualTo(String.join(" ", printed.stdout().strip().split("\n")));
    assertThat((String) rss.get("java_opts_from")).startsWith(LAUNCHER);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).as("working directory removed").isEmpty();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void rssJavaOptsReplacesTheLaunchersOptions() throws Exception {
    Path dir = Harness.workDir("s3-opts");
    ChildProcess.Result r =
        Harness.run(
            Duration.ofMinutes(5),
            List.of(
                "s3",
                "--dir=" + dir,
                "--size=1M",
                "--rounds=1",
                "--files=0",
                "--rss-uploads=1",
                "--rss-size=8M",
                "--rss-java-opts= -Xmx48m  -XX:+UseSerialGC ",
                "--no-rclone",
                "--json"));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Map<String, Object> rss = (Map<String, Object>) JsonParser.object(r.stdout()).get("rss");
    assertThat(rss.get("java_opts")).isEqualTo("-Xmx48m -XX:+UseSerialGC");
    assertThat(rss.get("java_opts_from")).isEqualTo("--rss-java-opts");
    assertThat((Double) rss.get("rss_peak_kib")).isPositive();
  }
}
