package org.lhsm.jmh;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.HsmProtocolException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link HsmActionList#decode}: the copytool's receive thread decodes every kernel message before
 * any worker can start on it, so this cost per item is a floor under the small-file dispatch rate.
 * The message is a direct buffer, as JNA hands it over, encoded by the bindings' own encoder.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ActionListDecodeBenchmark {

  /** Items per message: a lone request, and batches as agentctl and lfs submit them. */
  @Param({"1", "16", "64"})
  int items;

  private ByteBuffer message;

  @Setup
  public void encode() throws HsmProtocolException {
    List<HsmActionItem> list = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      Fid fid = new Fid(0x200000401L, 0x1000 + i, 0);
      list.add(
          new HsmActionItem(
              CopytoolAction.ARCHIVE,
              fid,
              fid,
              new HsmExtent(0, HsmExtent.EOF),
              0x6553a1f0L + i,
              0,
              new byte[0]));
    }
    byte[] bytes = new HsmActionList(HsmActionList.VERSION, "lustre", 1, 0, list).encode();
    message = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    if (HsmActionList.decode(message).items().size() != items) {
      throw new IllegalStateException("the encoded message does not decode to " + items + " items");
    }
  }

  @Benchmark
  public HsmActionList decode() throws HsmProtocolException {
    return HsmActionList.decode(message);
  }
}
