package org.lhsm.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded random round trips and hostile inputs for the action-list codec. */
class HsmActionListPropertyTest {
  private static final long SEED = 0x5eed_1a57L;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-_";

  static HsmActionList randomList(SplittableRandom r) {
    int n = r.nextInt(8);
    byte[] data = new byte[r.nextInt(4) == 0 ? r.nextInt(64) : 0];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) r.nextInt(256);
    }
    List<HsmActionItem> items = new ArrayList<>();
    CopytoolAction[] actions = CopytoolAction.values();
    for (int i = 0; i < n; i++) {
      Fid fid = new Fid(r.nextLong(), r.nextInt(), r.nextInt());
      Fid dfid = r.nextBoolean() ? fid : new Fid(r.nextLong(), r.nextInt(), r.nextInt());
      items.add(
          new HsmActionItem(
              actions[r.nextInt(actions.length)],
              fid,
              dfid,
              new HsmExtent(r.nextLong(), r.nextBoolean() ? HsmExtent.EOF : r.nextLong()),
              r.nextLong(),
              r.nextInt(10) == 0 ? r.nextLong() : 0,
              data));
    }
    StringBuilder fs = new StringBuilder();
    int fsLen = 1 + r.nextInt(16);
    for (int i = 0; i < fsLen; i++) {
      fs.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return new HsmActionList(1, fs.toString(), r.nextInt(), r.nextLong(), items);
  }

  @Test
  void randomListsRoundTrip() throws Exception {
    SplittableRandom r = new SplittableRandom(SEED);
    for (int i = 0; i < 100_000; i++) {
      HsmActionList list = randomList(r);
      byte[] bytes = list.encode();
      assertThat(bytes.length % 8).isZero();
      HsmActionList back = HsmActionList.decode(ByteBuffer.wrap(bytes));
      if (!back.equals(list)) {
        fail("case " + i + " (seed " + SEED + "): " + list + " decoded as " + back);
      }
    }
  }

  @Test
  void randomBytesOnlyEverGiveProtocolExceptions() {
    SplittableRandom r = new SplittableRandom(SEED + 1);
    int decoded = 0;
    for (int i = 0; i < 50_000; i++) {
      byte[] b = new byte[r.nextInt(400)];
      for (int j = 0; j < b.length; j++) {
        b[j] = (byte) r.nextInt(256);
      }
      if (b.length >= 4 && r.nextBoolean()) {
        b[0] = 1; // a valid version makes the decoder go deeper
        b[1] = b[2] = b[3] = 0;
        if (b.length >= 8 && r.nextBoolean()) {
          b[4] = (byte) r.nextInt(4); // small counts reach the item walk
          b[5] = b[6] = b[7] = 0;
        }
      }
      decoded += decodeOrProtocolError(b, i) ? 1 : 0;
    }
    assertThat(decoded).as("some random inputs are valid lists").isPositive();
  }

  @Test
  void truncatedAndCorruptedListsOnlyEverGiveProtocolExceptions() {
    SplittableRandom r = new SplittableRandom(SEED + 2);
    int rejected = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] full = randomList(r).encode();
      byte[] cut = Arrays.copyOf(full, r.nextInt(full.length));
      if (!decodeOrProtocolError(cut, i)) {
        rejected++;
      }
      byte[] flipped = full.clone();
      for (int k = 0; k < 1 + r.nextInt(4); k++) {
        flipped[r.nextInt(flipped.length)] = (byte) r.nextInt(256);
      }
      decodeOrProtocolError(flipped, i);
    }
    assertThat(rejected).as("truncations are detected").isPositive();
  }

  /** True when decoded, false on HsmProtocolException; anything else fails the test. */
  private static boolean decodeOrProtocolError(byte[] b, int caseNo) {
    try {
      HsmActionList.decode(ByteBuffer.wrap(b));
      return true;
    } catch (HsmProtocolException e) {
      // An item start may lie up to 7 padding bytes past the end.
      assertThat(e.offset()).isBetween(0L, b.length + 7L);
      return false;
    } catch (RuntimeException e) {
      throw new AssertionError("case " + caseNo + ": " + e + " for input " + Arrays.toString(b), e);
    }
  }
}
