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
 * {@code Fid.parse} (the strict {@code [seq:oid:ver]} form), {@code Fid.parseLenient} (the tools'
 * grammar, here without brackets, as {@code lfs} and list files write it) and {@code toString}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FidBenchmark {
  private final String strict = "[0x200000401:0x1f2e:0x0]";
  private final String lenient = "0x200000401:0x1f2e:0x0";
  private final Fid fid = new Fid(0x200000401L, 0x1f2e, 0);

  @Benchmark
  public Fid parse() {
    return Fid.parse(strict);
  }

  @Benchmark
  public Fid parseLenient() {
    return Fid.parseLenient(lenient);
  }

  @Benchmark
  public String format() {
    return fid.toString();
  }
}
