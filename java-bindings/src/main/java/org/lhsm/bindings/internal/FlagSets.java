package org.lhsm.bindings.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.ToLongFunction;

/** Conversions between C bit masks and {@link EnumSet}s, shared by the flag enums. */
public final class FlagSets {
  private FlagSets() {}

  /** The members whose bit is set in {@code mask}; bits no member knows are ignored. */
  public static <E extends Enum<E>> EnumSet<E> fromMask(
      Class<E> type, long mask, ToLongFunction<E> bit) {
    EnumSet<E> set = EnumSet.noneOf(type);
    for (E e : type.getEnumConstants()) {
      if ((mask & bit.applyAsLong(e)) != 0) {
        set.add(e);
      }
    }
    return set;
  }

  /** The OR of the members' bits. */
  public static <E extends Enum<E>> long toMask(Set<E> set, ToLongFunction<E> bit) {
    long mask = 0;
    for (E e : set) {
      mask |= bit.applyAsLong(e);
    }
    return mask;
  }

  /** The single member with exactly this bit, or IllegalArgumentException naming the code. */
  public static <E extends Enum<E>> E single(
      Class<E> type, long code, ToLongFunction<E> bit, String what) {
    for (E e : type.getEnumConstants()) {
      if (bit.applyAsLong(e) == code) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown " + what + " 0x" + Long.toHexString(code));
  }
}
