package org.lhsm.jmh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * {@code HsmActionList.decode} of a list as the coordinator sends it: {@code items} ARCHIVE items
 * on file system {@code lustre} (whole-file extents, no data; every third one a RESTORE with a
 * 64-byte data blob, as a layout-carrying restore would be), from the little-endian bytes the
 * library hands over.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ActionListDecodeBenchmark {
  @Param({"1", "32", "512"})
  int items;

  private ByteBuffer wire;

  @Setup
  public void encode() {
    List<HsmActionItem> list = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      Fid fid = new Fid(0x200000401L + i / 1000, i % 1000 + 1, 0);
      boolean restore = i % 3 == 2;
      list.add(
          new HsmActionItem(
              restore ? CopytoolAction.RESTORE : CopytoolAction.ARCHIVE,
              fid,
              fid,
              HsmExtent.whole(),
              0x5f000000L + i,
              0,
              restore ? new byte[64] : null));
    }
    byte[] bytes = new HsmActionList(HsmActionList.VERSION, "lustre", 1, 0, list).encode();
    wire = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Benchmark
  public HsmActionList decode() throws HsmProtocolException {
    return HsmActionList.decode(wire.duplicate().order(ByteOrder.LITTLE_ENDIAN));
  }
}
