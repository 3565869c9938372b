package org.lhsm.faults.hostile;

import java.util.SplittableRandom;
import org.lhsm.bindings.Fid;

/** Seeded FID-like garbage: close enough to a FID to reach the parser, never a valid one. */
final class Garbage {
  private static final String CHARS = "0123456789abcdefxXzZ:[]()/.,;+*_=~!@#%^&";

  private Garbage() {}

  static String fid(SplittableRandom r) {
    while (true) {
      StringBuilder b = new StringBuilder(r.nextBoolean() ? "[0x" : "0x");
      int n = 1 + r.nextInt(30);
      for (int i = 0; i < n; i++) {
        b.append(CHARS.charAt(r.nextInt(CHARS.length())));
      }
      String s = b.toString();
      if (!parses(s)) {
        return s;
      }
    }
  }

  private static boolean parses(String s) {
    try {
      Fid.parseLenient(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
