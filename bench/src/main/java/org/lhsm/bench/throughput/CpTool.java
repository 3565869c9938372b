package org.lhsm.bench.throughput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: {@code cp [ARGS] SRC DST} followed by {@code sync DST DIR} (coreutils {@code sync}
 * with operands fsyncs each: the data file and the directory holding the new name, which is what
 * jhsmtool's archive makes durable too). Back out: {@code cp ARC OUT; sync OUT}. The time includes
 * starting the two processes (about a millisecond each).
 */
public final class CpTool implements CopyTool {
  private final List<String> cpArgs;
  private final Commands commands;

  public CpTool(List<String> cpArgs, Commands commands) {
    this.cpArgs = List.copyOf(cpArgs);
    this.commands = commands;
  }

  @Override
  public String name() {
    return "cp";
  }

  @Override
  public String checksum() {
    return null;
  }

  /** The archive command line with placeholders, for reports. */
  public String describe() {
    List<String> cmd = new ArrayList<>(List.of("cp"));
    cmd.addAll(cpArgs);
    return String.join(" ", cmd) + " SRC DST; sync DST DIR";
  }

  @Override
  public Timed archive(Path source, Path workDir) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(workDir.resolve("arc"));
    Path dst = dir.resolve(source.getFileName());
    long t0 = System.nanoTime();
    commands.run(cp(source, dst));
    commands.run(List.of("sync", dst.toString(), dir.toString()));
    long t1 = System.nanoTime();
    return new Timed(Files.size(dst), t1 - t0, dst);
  }

  @Override
  public Timed restore(Path workDir) throws IOException, InterruptedException {
    Path arc;
    try (var s = Files.list(workDir.resolve("arc"))) {
      arc = s.findFirst().orElseThrow(() -> new IOException("no cp archive in " + workDir));
    }
    Path dst = workDir.resolve("restored");
    long t0 = System.nanoTime();
    commands.run(cp(arc, dst));
    commands.run(List.of("sync", dst.toString()));
    long t1 = System.nanoTime();
    return new Timed(Files.size(dst), t1 - t0, dst);
  }

  private List<String> cp(Path from, Path to) {
    List<String> cmd = new ArrayList<>(List.of("cp"));
    cmd.addAll(cpArgs);
    cmd.add(from.toString());
    cmd.add(to.toString());
    return cmd;
  }
}
