package org.lhsm.copytool.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lhsm.bindings.Errno;
import org.lhsm.copytool.core.LustreAccess;
import org.lhsm.copytool.engine.EngineConfig;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.posix.ChecksumAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Every lhsmtool_posix option (same short and long names, aliases and defaults) plus jhsmtool's
 * own. The mode is the last of {@code -i/-r/-M/-U} given, as with the stock tool; {@link #call()}
 * hands the parsed options to that mode's class.
 */
@Command(
    name = "jhsmtool",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Lustre HSM copytool, a drop-in replacement for lhsmtool_posix.",
      "",
      "  jhsmtool [options] <lustre_mount_point>",
      "  jhsmtool [options] --import <src> <dst> <lustre_mount_point>",
      "  jhsmtool [options] --rebind <old_FID> <new_FID> <lustre_mount_point>",
      "  jhsmtool [options] --rebind <list_file> <lustre_mount_point>",
      "  jhsmtool [options] --max-sequence <lustre_mount_point>",
      "  jhsmtool [options] --archive-upgrade=<v1|v2>",
      ""
    })
public final class JhsmtoolCommand implements Callable<Integer> {

  /** What the invocation does. */
  public enum Mode {
    COPYTOOL(0),
    IMPORT(1),
    REBIND(2),
    MAX_SEQUENCE(3),
    ARCHIVE_UPGRADE(4);

    final int code;

    Mode(int code) {
      this.code = code;
    }
  }

  /** picocli converter for lfs-style sizes (MiB default unit). */
  static final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return SizeParser.parse(value);
    }
  }

  /** picocli converter for v1/v2. */
  static final class FormatConverter implements ITypeConverter<ArchiveFormat> {
    @Override
    public ArchiveFormat convert(String value) {
      return ArchiveFormat.parse(value);
    }
  }

  /** picocli converter for checksum names. */
  static final class ChecksumConverter implements ITypeConverter<ChecksumAlgorithm> {
    @Override
    public ChecksumAlgorithm convert(String value) {
      return ChecksumAlgorithm.parse(value);
    }
  }

  Mode mode = Mode.COPYTOOL;
  ArchiveFormat upgradeTarget;

  @Option(names = "--daemon", description = "Run in the background (this command returns 0).")
  boolean daemon;

  @Option(
      names = {"--abort-on-error", "--abort_on_error"},
      description = "Stop at the first major error.")
  boolean abortOnError;

  @Option(
      names = {"-A", "--archive"},
      paramLabel = "<id>",
      description = "Archive id to serve (repeatable; default all; 0 = all).")
  List<Integer> archives = new ArrayList<>();

  @Option(
      names = {"-b", "--bandwidth"},
      paramLabel = "<bw>",
      converter = SizeConverter.class,
      description = "Bandwidth limit for all copies together, MiB/s by default (512K, 2M, 1G).")
  long bandwidth;

  @Option(
      names = {"-c", "--chunk-size", "--chunk_size"},
      paramLabel = "<sz>",
      converter = SizeConverter.class,
      description = "I/O size per read/write, MiB by default (default: 1).")
  long chunkSize = EngineConfig.DEFAULT_CHUNK_SIZE;

  @Option(
      names = {"-C", "--config"},
      paramLabel = "<file>",
      description = "YAML config (archive_format, archive_path).")
  Path config;

  @Option(
      names = {"-F", "--archive-format"},
      paramLabel = "<v1|v2>",
      converter = FormatConverter.class,
      description = "Archive layout (default: v1).")
  ArchiveFormat archiveFormat = ArchiveFormat.V1;

  @Option(
      names = {"-U", "--archive-upgrade"},
      paramLabel = "<v1|v2>",
      description = "Mode: convert the archive in place to this layout.")
  void setArchiveUpgrade(String target) {
    upgradeTarget = ArchiveFormat.parse(target);
    mode = Mode.ARCHIVE_UPGRADE;
  }

  @Option(names = "--dry-run", description = "Log what would be done; copy nothing.")
  boolean dryRun;

  @Option(
      names = {"-f", "--event-fifo", "--event_fifo"},
      paramLabel = "<path>",
      description = "Write JSON events to this FIFO.")
  Path eventFifo;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Print this help and exit.")
  boolean help;

  @Option(
      names = {"-i", "--import"},
      description = "Mode: import <src> (under the HSM root, or a FID) as <dst> in Lustre.")
  void setImport(boolean on) {
    mode = Mode.IMPORT;
  }

  @Option(
      names = {"-M", "--max-sequence", "--max_sequence"},
      description = "Mode: print the max FID sequence found in the archive.")
  void setMaxSequence(boolean on) {
    mode = Mode.MAX_SEQUENCE;
  }

  @Option(
      names = {"--no-attr", "--no_attr"},
      description = "Do not copy mode/owner/times onto archive files.")
  boolean noAttr;

  @Option(
      names = {"--no-shadow", "--no_shadow"},
      description = "Do not maintain the shadow/ symlink tree.")
  boolean noShadow;

  @Option(
      names = {"--no-xattr", "--no_xattr"},
      description = "Do not copy extended attributes onto archive files.")
  boolean noXattr;

  @Option(
      names = {"-P", "--pid-file"},
      paramLabel = "<file>",
      description = "Lock this file and write our PID into it.")
  Path pidFile;

  @Option(
      names = {"-p", "--hsm-root", "--hsm_root"},
      paramLabel = "<path>",
      description = "Root of the archive (required).")
  Path hsmRoot;

  @Option(
      names = {"-q", "--quiet"},
      description = "Less verbose (repeatable).")
  boolean[] quiet = new boolean[0];

  @Option(
      names = {"-r", "--rebind"},
      description = "Mode: rebind <old_FID> <new_FID>, or every pair of <list_file>.")
  void setRebind(boolean on) {
    mode = Mode.REBIND;
  }

  @Option(
      names = {"-u", "--update-interval", "--update_interval"},
      paramLabel = "<s>",
      description = "Progress report period in seconds (default: ${DEFAULT-VALUE}).")
  String updateInterval = String.valueOf(EngineConfig.DEFAULT_UPDATE_INTERVAL_SECONDS);

  @Option(
      names = {"-v", "--verbose"},
      description = "More verbose (repeatable).")
  boolean[] verbose = new boolean[0];

  @Option(
      names = "--max-jobs",
      paramLabel = "<n>",
      description = "jhsmtool: concurrent actions (default: ${DEFAULT-VALUE}).")
  int maxJobs = EngineConfig.DEFAULT_MAX_JOBS;

  @Option(
      names = "--queue-size",
      paramLabel = "<n>",
      description = "jhsmtool: queued actions before receiving pauses (default: ${DEFAULT-VALUE}).")
  int queueSize = EngineConfig.DEFAULT_QUEUE_CAPACITY;

  @Option(
      names = "--checksum",
      paramLabel = "<crc32c|sha256|none>",
      converter = ChecksumConverter.class,
      description =
          "jhsmtool: checksum stored beside archives and verified on restore (default: crc32c).")
  ChecksumAlgorithm checksum = ChecksumAlgorithm.CRC32C;

  @Option(
      names = "--shutdown-grace",
      paramLabel = "<s>",
      description =
          "jhsmtool: seconds in-flight actions may finish on SIGTERM (default: ${DEFAULT-VALUE}).")
  int shutdownGrace = EngineConfig.DEFAULT_SHUTDOWN_GRACE_SECONDS;

  @Option(
      names = "--register-timeout",
      paramLabel = "<s>",
      description =
          "jhsmtool: how long a registration refused because the coordinator is not running"
              + " (ENXIO, ENOTCONN, EINPROGRESS: HSM not enabled yet, MDT restarting) is retried;"
              + " 0 = not at all (default: ${DEFAULT-VALUE}).")
  int registerTimeout = Registration.DEFAULT_TIMEOUT_SECONDS;

  @Option(
      names = "--lock-dir",
      paramLabel = "<dir>",
      description =
          "jhsmtool: directory of the locks that keep a second jhsmtool of the same archive id"
              + " off a client mount (default: ${DEFAULT-VALUE}).")
  Path lockDir = MountLock.DEFAULT_DIR;

  @Option(
      names = "--takeover-dir",
      paramLabel = "<dir>",
      description =
          "jhsmtool: take over requests other copytools left STARTED on the orders agentctl"
              + " takeover puts in this directory (mode 0700, created if missing): hand them back"
              + " to the coordinator (default: off).")
  Path takeoverDir;

  @Option(
      names = "--metrics-port",
      paramLabel = "<port>",
      description = "jhsmtool: serve Prometheus /metrics on this port (default: off).")
  int metricsPort;

  @Option(
      names = "--metrics-address",
      paramLabel = "<addr>",
      description = "jhsmtool: address for --metrics-port (default: ${DEFAULT-VALUE}).")
  String metricsAddress = "127.0.0.1";

  @Option(
      names = "--backend",
      paramLabel = "<posix|s3|ID=posix|ID=s3>",
      description =
          "jhsmtool: archive backend, for every archive id or for one (repeatable; default:"
              + " posix).")
  List<String> backends = new ArrayList<>();

  @Option(
      names = "--s3-endpoint",
      paramLabel = "<url>",
      description = "jhsmtool: S3 endpoint URL (path-style addressing); default: AWS.")
  String s3Endpoint;

  @Option(names = "--s3-bucket", paramLabel = "<bucket>", description = "jhsmtool: S3 bucket.")
  String s3Bucket;

  @Option(
      names = "--s3-prefix",
      paramLabel = "<prefix>",
      description = "jhsmtool: key prefix in the bucket (default: none).")
  String s3Prefix;

  @Option(
      names = "--s3-region",
      paramLabel = "<region>",
      description = "jhsmtool: S3 signing region (default: AWS_REGION, else us-east-1).")
  String s3Region;

  @Option(
      names = "--s3-part-size",
      paramLabel = "<sz>",
      converter = SizeConverter.class,
      description = "jhsmtool: multipart part size, MiB by default (default: 8, at least 5).")
  long s3PartSize = org.lhsm.copytool.s3.S3Settings.DEFAULT_PART_SIZE;

  @Option(
      names = "--s3-part-buffers",
      paramLabel = "<n>",
      description =
          "jhsmtool: part buffers shared by all uploads, memory = n x part size (default: 4).")
  int s3PartBuffers = org.lhsm.copytool.s3.S3Settings.DEFAULT_PART_BUFFERS;

  @Option(
      names = "--s3-parallel-parts",
      paramLabel = "<n>",
      description = "jhsmtool: parts of one upload in flight at once (default: 3).")
  int s3ParallelParts = org.lhsm.copytool.s3.S3Settings.DEFAULT_PARTS_PER_UPLOAD;

  @Parameters(paramLabel = "<operand>", description = "Operands of the mode (mount point last).")
  List<String> operands = new ArrayList<>();

  private final LustreAccess access;
  private final String progName;

  public JhsmtoolCommand(LustreAccess access, String progName) {
    this.access = access;
    this.progName = progName;
  }

  String progName() {
    return progName;
  }

  LustreAccess access() {
    return access;
  }

  /** {@code atoi} semantics: leading integer, else 0; negative is an error. */
  int updateIntervalSeconds() throws UsageException {
    String s = updateInterval.strip();
    int i = 0;
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    String num = s.substring(0, i);
    long v;
    try {
      v = num.isEmpty() || num.equals("-") || num.equals("+") ? 0 : Long.parseLong(num);
    } catch (NumberFormatException e) {
      v = Integer.MAX_VALUE;
    }
    if (v < 0) {
      throw new UsageException("bad value for --update-interval '" + updateInterval + "'");
    }
    return (int) Math.min(v, Integer.MAX_VALUE);
  }

  /** Verbosity relative to the default (INFO): +1 per -v, -1 per -q. */
  int verbosityDelta() {
    return verbose.length - quiet.length;
  }

  /** Bad usage: exit EINVAL with the message. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  @Override
  public Integer call() {
    return new ModeRunner(this).run();
  }

  static int einval() {
    return Errno.EINVAL.number();
  }
}
