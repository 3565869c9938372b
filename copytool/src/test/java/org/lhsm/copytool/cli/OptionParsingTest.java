package org.lhsm.copytool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.posix.ChecksumAlgorithm;
import picocli.CommandLine;

class OptionParsingTest {
  private static JhsmtoolCommand parse(String... args) {
    JhsmtoolCommand c = new JhsmtoolCommand(new FakeLustreAccess(), "jhsmtool");
    new CommandLine(c).parseArgs(args);
    return c;
  }

  @Test
  void defaultsMatchTheStockTool() throws Exception {
    JhsmtoolCommand c = parse("/mnt");
    assertThat(c.mode).isEqualTo(JhsmtoolCommand.Mode.COPYTOOL);
    assertThat(c.daemon).isFalse();
    assertThat(c.abortOnError).isFalse();
    assertThat(c.archives).isEmpty();
    assertThat(c.bandwidth).isZero();
    assertThat(c.chunkSize).isEqualTo(1 << 20);
    assertThat(c.config).isNull();
    assertThat(c.archiveFormat).isEqualTo(ArchiveFormat.V1);
    assertThat(c.dryRun).isFalse();
    assertThat(c.eventFifo).isNull();
    assertThat(c.noAttr).isFalse();
    assertThat(c.noShadow).isFalse();
    assertThat(c.noXattr).isFalse();
    assertThat(c.pidFile).isNull();
    assertThat(c.hsmRoot).isNull();
    assertThat(c.updateIntervalSeconds()).isEqualTo(30);
    assertThat(c.verbosityDelta()).isZero();
    assertThat(c.checksum).isEqualTo(ChecksumAlgorithm.CRC32C);
    assertThat(c.operands).containsExactly("/mnt");
  }

  @Test
  void everyLongOptionAndAlias() throws Exception {
    JhsmtoolCommand c =
        parse(
            "--daemon",
            "--abort_on_error",
            "--archive",
            "3",
            "--archive=4",
            "--bandwidth",
            "2M",
            "--chunk_size",
            "512K",
            "--config",
            "/etc/x.yaml",
            "--archive-format=v2",
            "--dry-run",
            "--event_fifo",
            "/tmp/fifo",
            "--no_attr",
            "--no-shadow",
            "--no_xattr",
            "--pid-file",
            "/run/p.pid",
            "--hsm_root",
            "/arc",
            "--update_interval",
            "7",
            "--verbose",
            "--verbose",
            "--quiet",
            "--max-jobs",
            "4",
            "--queue-size",
            "9",
            "--checksum",
            "sha256",
            "--shutdown-grace",
            "5",
            "/mnt");
    assertThat(c.daemon).isTrue();
    assertThat(c.abortOnError).isTrue();
    assertThat(c.archives).containsExactly(3, 4);
    assertThat(c.bandwidth).isEqualTo(2L << 20);
    assertThat(c.chunkSize).isEqualTo(512L << 10);
    assertThat(c.config).isEqualTo(Path.of("/etc/x.yaml"));
    assertThat(c.archiveFormat).isEqualTo(ArchiveFormat.V2);
    assertThat(c.dryRun).isTrue();
    assertThat(c.eventFifo).isEqualTo(Path.of("/tmp/fifo"));
    assertThat(c.noAttr && c.noShadow && c.noXattr).isTrue();
    assertThat(c.pidFile).isEqualTo(Path.of("/run/p.pid"));
    assertThat(c.hsmRoot).isEqualTo(Path.of("/arc"));
    assertThat(c.updateIntervalSeconds()).isEqualTo(7);
    assertThat(c.verbosityDelta()).isEqualTo(1);
    assertThat(c.maxJobs).isEqualTo(4);
    assertThat(c.queueSize).isEqualTo(9);
    assertThat(c.checksum).isEqualTo(ChecksumAlgorithm.SHA256);
    assertThat(c.shutdownGrace).isEqualTo(5);
  }

  @Test
  void otherLongSpellings() throws Exception {
    JhsmtoolCommand c =
        parse(
            "--abort-on-error",
            "--chunk-size",
            "2",
            "--event-fifo",
            "/f",
            "--no-attr",
            "--no_shadow",
            "--no-xattr",
            "--hsm-root",
            "/a",
            "--update-interval",
            "1",
            "/m");
    assertThat(c.abortOnError && c.noAttr && c.noShadow && c.noXattr).isTrue();
    assertThat(c.chunkSize).isEqualTo(2L << 20);
    assertThat(c.eventFifo).isEqualTo(Path.of("/f"));
    assertThat(c.hsmRoot).isEqualTo(Path.of("/a"));
    assertThat(c.updateIntervalSeconds()).isEqualTo(1);
  }

  @Test
  void everyShortOption() throws Exception {
    JhsmtoolCommand c =
        parse(
            "-A", "1", "-A2", "-b", "1", "-c", "4K", "-C", "/c", "-F", "v2", "-f", "/fifo", "-P",
            "/pid", "-p", "/arc", "-u", "0", "-vvq", "-q", "/mnt");
    assertThat(c.archives).containsExactly(1, 2);
    assertThat(c.bandwidth).isEqualTo(1L << 20);
    assertThat(c.chunkSize).isEqualTo(4096);
    assertThat(c.config).isEqualTo(Path.of("/c"));
    assertThat(c.archiveFormat).isEqualTo(ArchiveFormat.V2);
    assertThat(c.eventFifo).isEqualTo(Path.of("/fifo"));
    assertThat(c.pidFile).isEqualTo(Path.of("/pid"));
    assertThat(c.hsmRoot).isEqualTo(Path.of("/arc"));
    assertThat(c.updateIntervalSeconds()).isZero();
    assertThat(c.verbosityDelta()).isZero();
  }

  @Test
  void lastModeFlagWins() {
    assertThat(parse("-i", "-r", "a", "b", "/m").mode).isEqualTo(JhsmtoolCommand.Mode.REBIND);
    assertThat(parse("-r", "-i", "a", "b", "/m").mode).isEqualTo(JhsmtoolCommand.Mode.IMPORT);
    assertThat(parse("--import", "-M", "/m").mode).isEqualTo(JhsmtoolCommand.Mode.MAX_SEQUENCE);
    assertThat(parse("--max_sequence", "/m").mode).isEqualTo(JhsmtoolCommand.Mode.MAX_SEQUENCE);
    assertThat(parse("--rebind", "l", "/m").mode).isEqualTo(JhsmtoolCommand.Mode.REBIND);
    JhsmtoolCommand u = parse("-i", "--archive-upgrade=v2");
    assertThat(u.mode).isEqualTo(JhsmtoolCommand.Mode.ARCHIVE_UPGRADE);
    assertThat(u.upgradeTarget).isEqualTo(ArchiveFormat.V2);
    assertThat(parse("-U", "v1").upgradeTarget).isEqualTo(ArchiveFormat.V1);
  }

  @Test
  void optionsAndOperandsInterleaveAndDoubleDashEndsOptions() {
    JhsmtoolCommand c = parse("--import", "src", "-p", "/arc", "/dst", "--", "-mnt");
    assertThat(c.operands).isEqualTo(List.of("src", "/dst", "-mnt"));
  }

  @Test
  void updateIntervalHasAtoiSemantics() throws Exception {
    assertThat(parse("-u", "abc", "/m").updateIntervalSeconds()).isZero();
    assertThat(parse("-u", "12xyz", "/m").updateIntervalSeconds()).isEqualTo(12);
    assertThatThrownBy(() -> parse("-u", "-3", "/m").updateIntervalSeconds())
        .hasMessageContaining("-3");
  }

  @Test
  void sizesParseLikeLfsWithMibDefault() {
    assertThat(SizeParser.parse("1")).isEqualTo(1L << 20);
    assertThat(SizeParser.parse("512K")).isEqualTo(512L << 10);
    assertThat(SizeParser.parse("512k")).isEqualTo(512L << 10);
    assertThat(SizeParser.parse("1G")).isEqualTo(1L << 30);
    assertThat(SizeParser.parse("2T")).isEqualTo(2L << 40);
    assertThat(SizeParser.parse("100c")).isEqualTo(100);
    assertThat(SizeParser.parse("2b")).isEqualTo(1024);
    assertThat(SizeParser.parse("1.5")).isEqualTo(3L << 19);
    assertThat(SizeParser.parse("0.5K")).isEqualTo(512);
    assertThatThrownBy(() -> SizeParser.parse("fast")).hasMessageContaining("'fast'");
    assertThatThrownBy(() -> SizeParser.parse("-1")).hasMessageContaining("negative");
  }
}
