package org.lhsm.jmh;

import java.util.concurrent.TimeUnit;
import org.lhsm.bindings.Fid;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Fid}'s text forms. Every action formats its FID (the archive path, log lines), and
 * agentctl parses one per operand and per {@code hsm.actions} line, so with 10,000 files these run
 * tens of thousands of times per batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FidBenchmark {
  // fields, not constants, so the JIT cannot fold the work away
  private String text = "[0x200000401:0x1f3a:0x0]";
  private Fid fid = new Fid(0x200000401L, 0x1f3a, 0);

  /** The strict grammar of {@code llapi_fid_parse}. */
  @Benchmark
  public Fid parse() {
    return Fid.parse(text);
  }

  /** The tools' grammar: command lines, list files, archive names, {@code hsm.actions}. */
  @Benchmark
  public Fid parseLenient() {
    return Fid.parseLenient(text);
  }

  /** The {@code [seq:oid:ver]} form of log lines and messages. */
  @Benchmark
  public String format() {
    return fid.toString();
  }

  /** The bare form the archive's data path is named with. */
  @Benchmark
  public String formatNoBrace() {
    return fid.toNoBraceString();
  }
}
