package org.lhsm.bench.throughput;

import java.nio.file.Path;

/** One contender: copies the source into an archive directory and back out. */
public interface CopyTool {

  /** A timed copy: bytes counted by the tool's path, wall-clock nanoseconds, the output file. */
  record Timed(long bytes, long nanos, Path output) {}

  /** Short name in reports: {@code cp}, {@code jhsmtool-crc32c}, ... */
  String name();

  /** The checksum algorithm, or null for {@code cp}. */
  String checksum();

  /** Copies {@code source} into {@code workDir} (timed, output durable at the end). */
  Timed archive(Path source, Path workDir) throws Exception;

  /** Copies what {@link #archive} left in {@code workDir} to a new file there (timed). */
  Timed restore(Path workDir) throws Exception;
}
