package org.lhsm.copytool.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lhsm.bindings.Errno;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.s3.S3Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Common start of every mode (compat spec §1–§4), then the mode's own class. */
final class ModeRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ModeRunner.class);
  private static final int MAX_ERRNO = 133; // EHWPOISON, the largest Linux errno
  static final int MAX_ARCHIVES = 32; // LL_HSM_MAX_ARCHIVES_PER_AGENT

  private final JhsmtoolCommand cmd;

  ModeRunner(JhsmtoolCommand cmd) {
    this.cmd = cmd;
  }

  int run() {
    List<String> ops = cmd.operands;
    String mnt = ops.isEmpty() ? "(null)" : ops.get(ops.size() - 1);
    String src = cmd.mode == JhsmtoolCommand.Mode.IMPORT && ops.size() >= 1 ? ops.get(0) : "(null)";
    String dst = cmd.mode == JhsmtoolCommand.Mode.IMPORT && ops.size() >= 2 ? ops.get(1) : "(null)";
    LOG.info("action={} src={} dst={} mount_point={}", Math.min(cmd.mode.code, 3), src, dst, mnt);
    LogLevels.apply(cmd.verbosityDelta());
    try {
      Settings s = settle();
      return switch (cmd.mode) {
        case COPYTOOL -> new CopytoolMode(s).run();
        case IMPORT -> new ImportMode(s).run();
        case REBIND -> new RebindMode(s).run();
        case MAX_SEQUENCE -> new MaxSequenceMode(s).run();
        case ARCHIVE_UPGRADE -> new ArchiveUpgradeMode(s).run();
      };
    } catch (JhsmtoolCommand.UsageException e) {
      LOG.error("{}", e.getMessage());
      return Errno.EINVAL.number();
    } catch (ExitException e) {
      LOG.error("{}", e.getMessage());
      if (cmd.mode != JhsmtoolCommand.Mode.MAX_SEQUENCE) {
        logFinished(1, 0, e.errno());
      }
      return e.code;
    }
  }

  /** A failure that ends the mode with a specific exit status. */
  static final class ExitException extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;

    ExitException(int code, String message) {
      super(message);
      this.code = code;
    }

    /** The errno behind the status (the hsm-root quirk exits with 256 - errno). */
    int errno() {
      return code > MAX_ERRNO ? 256 - code : code;
    }
  }

  private Settings settle() throws JhsmtoolCommand.UsageException, ExitException {
    LinkedHashSet<Integer> ids = new LinkedHashSet<>();
    boolean all = false;
    for (int id : cmd.archives) {
      if (id < 0) {
        throw new JhsmtoolCommand.UsageException("invalid archive-id: '" + id + "'");
      }
      if (all) {
        continue;
      }
      if (id == 0) {
        LOG.warn("archive-id = 0 is found, any backend will be served");
        all = true;
        ids.clear();
        continue;
      }
      ids.add(id);
    }
    if (ids.size() > MAX_ARCHIVES) {
      // liblustreapi refuses more at registration (EINVAL); say so before anything starts
      throw new JhsmtoolCommand.UsageException(
          "too many archive ids (" + ids.size() + "): at most " + MAX_ARCHIVES);
    }
    int interval = cmd.updateIntervalSeconds();
    if (cmd.chunkSize <= 0 || cmd.chunkSize > Integer.MAX_VALUE - 8) {
      throw new JhsmtoolCommand.UsageException("bad chunk size " + cmd.chunkSize);
    }
    if (cmd.metricsPort < 0 || cmd.metricsPort > 65535) {
      throw new JhsmtoolCommand.UsageException("bad --metrics-port " + cmd.metricsPort);
    }
    if (cmd.maxJobs < 1 || cmd.queueSize < 1 || cmd.shutdownGrace < 0) {
      throw new JhsmtoolCommand.UsageException(
          "--max-jobs and --queue-size must be at least 1, --shutdown-grace not negative");
    }
    if (cmd.registerTimeout < 0) {
      throw new JhsmtoolCommand.UsageException(
          "bad --register-timeout " + cmd.registerTimeout + ": must not be negative");
    }
    Path root = cmd.hsmRoot;
    ArchiveFormat format = cmd.archiveFormat;
    Map<String, String> conf = Map.of();
    if (cmd.config != null) {
      if (java.nio.file.Files.isDirectory(cmd.config)) {
        // the JDK reads a directory as a bare IOException: EIO would hide what is wrong
        throw new ExitException(
            Errno.EISDIR.number(), "cannot read config file '" + cmd.config + "': Is a directory");
      }
      try {
        conf = ConfigFile.read(cmd.config);
      } catch (NoSuchFileException e) {
        throw new ExitException(
            Errno.ENOENT.number(), "cannot read config file '" + cmd.config + "'");
      } catch (AccessDeniedException e) {
        throw new ExitException(
            Errno.EACCES.number(), "cannot read config file '" + cmd.config + "'");
      } catch (IOException e) {
        throw new ExitException(
            Errno.numberOf(e, Errno.EIO),
            "cannot read config file '" + cmd.config + "': " + e.getMessage());
      } catch (ConfigFile.ParseException e) {
        throw new ExitException(
            Errno.EINVAL.number(), "cannot parse config file: " + e.getMessage());
      }
      String f = conf.get("archive_format");
      if (f != null) {
        try {
          format = ArchiveFormat.parse(f);
        } catch (IllegalArgumentException e) {
          // ignored as the stock tool does, but said: a typo must not go unnoticed
          LOG.warn("ignoring archive_format '{}' in config file '{}': v1 or v2", f, cmd.config);
        }
      }
      for (String key : conf.keySet()) {
        if (!ConfigFile.known(key)) {
          LOG.warn("ignoring unknown key '{}' in config file '{}'", key, cmd.config);
        }
      }
      String p = conf.get("archive_path");
      if (p != null && !p.isEmpty()) {
        root = Path.of(p);
      }
    }
    BackendChoice backends = backendChoice(conf);
    Optional<S3Settings> s3 =
        backends.uses(BackendChoice.Kind.S3, ids)
            ? Optional.of(s3Settings(conf))
            : Optional.empty();
    boolean posixOnlyMode =
        cmd.mode == JhsmtoolCommand.Mode.REBIND
            || cmd.mode == JhsmtoolCommand.Mode.MAX_SEQUENCE
            || cmd.mode == JhsmtoolCommand.Mode.ARCHIVE_UPGRADE;
    if (root == null && (posixOnlyMode || backends.uses(BackendChoice.Kind.POSIX, ids))) {
      throw new JhsmtoolCommand.UsageException("must specify a root directory for the backend");
    }
    List<String> ops = new ArrayList<>(cmd.operands);
    int n = ops.size();
    boolean ok =
        switch (cmd.mode) {
          case COPYTOOL, MAX_SEQUENCE -> n == 1;
          case IMPORT -> n == 3;
          case REBIND -> n == 2 || n == 3;
          case ARCHIVE_UPGRADE -> true;
        };
    if (!ok) {
      throw new JhsmtoolCommand.UsageException(
          "wrong number of arguments ("
              + n
              + ") for "
              + cmd.mode.name().toLowerCase(java.util.Locale.ROOT)
              + " mode; try '"
              + cmd.progName()
              + " --help' for more information");
    }
    return new Settings(
        cmd, root, format, List.copyOf(ids), interval, List.copyOf(ops), backends, s3);
  }

  private BackendChoice backendChoice(Map<String, String> conf)
      throws JhsmtoolCommand.UsageException {
    List<String> fromConf = new ArrayList<>();
    for (Map.Entry<String, String> e : conf.entrySet()) {
      if (e.getKey().equals("backend")) {
        fromConf.add(0, e.getValue());
      } else if (e.getKey().startsWith("backend.")) {
        fromConf.add(e.getKey().substring("backend.".length()) + "=" + e.getValue());
      }
    }
    // the config file wins over the command line, as archive_path does over --hsm-root
    BackendChoice fromCli = BackendChoice.parse(BackendChoice.POSIX_ONLY, cmd.backends);
    return BackendChoice.parse(fromCli, fromConf);
  }

  private S3Settings s3Settings(Map<String, String> conf) throws JhsmtoolCommand.UsageException {
    String endpoint = conf.getOrDefault("s3_endpoint", cmd.s3Endpoint);
    String bucket = conf.getOrDefault("s3_bucket", cmd.s3Bucket);
    String prefix = conf.getOrDefault("s3_prefix", cmd.s3Prefix);
    String region = conf.getOrDefault("s3_region", cmd.s3Region);
    if (region == null) {
      region = System.getenv("AWS_REGION");
    }
    long partSize = cmd.s3PartSize;
    int buffers = cmd.s3PartBuffers;
    int parallel = cmd.s3ParallelParts;
    try {
      if (conf.containsKey("s3_part_size")) {
        partSize = SizeParser.parse(conf.get("s3_part_size"));
      }
      if (conf.containsKey("s3_part_buffers")) {
        buffers = Integer.parseInt(conf.get("s3_part_buffers").strip());
      }
      if (conf.containsKey("s3_parallel_parts")) {
        parallel = Integer.parseInt(conf.get("s3_parallel_parts").strip());
      }
    } catch (IllegalArgumentException e) {
      throw new JhsmtoolCommand.UsageException("bad S3 setting in config file: " + e.getMessage());
    }
    if (bucket == null || bucket.isBlank()) {
      throw new JhsmtoolCommand.UsageException("the s3 backend needs --s3-bucket (or s3_bucket)");
    }
    if (partSize > (1L << 30)) {
      throw new JhsmtoolCommand.UsageException("--s3-part-size is at most 1G");
    }
    Optional<URI> ep;
    try {
      ep =
          endpoint == null || endpoint.isBlank()
              ? Optional.empty()
              : Optional.of(new URI(endpoint.strip()));
      if (ep.isPresent() && (ep.get().getScheme() == null || ep.get().getHost() == null)) {
        throw new URISyntaxException(endpoint, "scheme and host expected");
      }
    } catch (URISyntaxException e) {
      throw new JhsmtoolCommand.UsageException("bad --s3-endpoint '" + endpoint + "': " + e);
    }
    try {
      return S3Settings.of(ep, bucket, prefix)
          .withRegion(region)
          .withParts((int) partSize, partSize, buffers, parallel);
    } catch (IllegalArgumentException e) {
      throw new JhsmtoolCommand.UsageException(e.getMessage());
    }
  }

  /** The closing line every mode except max-sequence logs. */
  static void logFinished(long major, long minor, int rc) {
    LOG.info(
        "process finished, errs: {} major, {} minor, rc={} ({})",
        major,
        minor,
        -rc,
        Errno.strerror(rc));
  }

  /** The hsm root must be an openable directory: 256 - errno otherwise (2.15+ quirk). */
  static void checkHsmRoot(Path root) throws ExitException {
    // an empty path is no directory to open (the JDK would take it for the working directory)
    if (root.toString().isEmpty() || !java.nio.file.Files.exists(root)) {
      throw new ExitException(
          256 - Errno.ENOENT.number(),
          "cannot open backend root '" + root + "': No such file or directory");
    }
    if (!java.nio.file.Files.isDirectory(root)) {
      throw new ExitException(
          256 - Errno.ENOTDIR.number(), "cannot open backend root '" + root + "': Not a directory");
    }
    if (!java.nio.file.Files.isReadable(root)) {
      throw new ExitException(
          256 - Errno.EACCES.number(),
          "cannot open backend root '" + root + "': Permission denied");
    }
  }
}
