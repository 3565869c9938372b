package org.lhsm.faults.fuzz;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.bindings.HsmProtocolException;
import org.lhsm.faults.common.CampaignResult;
import org.lhsm.faults.common.Seeds;

/**
 * Random and mutated action lists through the Java decoder ({@code HsmActionList.decode}): each
 * must decode or fail with {@code HsmProtocolException}, within a bound, never anything else; a
 * list that decodes must encode back to a list that decodes the same.
 */
final class DecoderFuzz {
  private DecoderFuzz() {}

  /** Cases {@code first..first+count-1}; case {@code i} is trial {@code trialBase + i}. */
  static void run(long seed, long first, long count, long trialBase, CampaignResult result) {
    long decoded = 0;
    long refused = 0;
    long slowestNanos = 0;
    for (long i = first; i < first + count; i++) {
      SplittableRandom r = Seeds.random(seed ^ (i * 0x9E3779B97F4A7C15L));
      HsmActionList valid = Frames.list(r, "lustre", 1 + r.nextInt(3), 6, i);
      byte[] bytes = r.nextInt(10) == 0 ? valid.encode() : Frames.mutate(valid.encode(), r);
      long t0 = System.nanoTime();
      String problem = null;
      try {
        HsmActionList got = HsmActionList.decode(ByteBuffer.wrap(bytes));
        decoded++;
        HsmActionList again = HsmActionList.decode(ByteBuffer.wrap(got.encode()));
        if (!again.equals(got)) {
          problem = "decoded list does not survive encode/decode: " + got;
        }
      } catch (HsmProtocolException e) {
        refused++;
      } catch (RuntimeException | Error e) {
        problem = "decoder threw " + e + " on " + bytes.length + " bytes";
      }
      long took = System.nanoTime() - t0;
      slowestNanos = Math.max(slowestNanos, took);
      if (took > 1_000_000_000L && problem == null) {
        problem = "decoding took " + took / 1_000_000 + " ms";
      }
      result.trial((int) (trialBase + i), problem == null ? null : "decoder: " + problem);
    }
    result.figure("decoder: cases", count);
    result.figure("decoder: decoded / refused (HsmProtocolException)", decoded + " / " + refused);
    result.figure("decoder: slowest case (us)", slowestNanos / 1000);
  }
}
