package org.lhsm.bindings;

import java.util.Objects;

/**
 * A Lustre file identifier ({@code struct lu_fid}): sequence, object id and version, all unsigned
 * in C.
 *
 * @param seq the 64-bit sequence (unsigned)
 * @param oid the 32-bit object id (unsigned)
 * @param ver the 32-bit version (unsigned)
 */
public record Fid(long seq, int oid, int ver) implements Comparable<Fid> {

  /** The FID of the filesystem root directory. */
  public static final Fid ROOT = new Fid(0x200000007L, 1, 0);

  /** The all-zero FID, which Lustre uses to mean "no FID". */
  public static final Fid ZERO = new Fid(0, 0, 0);

  /**
   * Parses the text forms liblustreapi accepts: {@code [0x200000401:0x5:0x0]}, the same without
   * brackets, and any base {@code strtoull} understands per field ({@code 0x} hex, leading {@code
   * 0} octal, else decimal). Leading whitespace and any number of {@code [} are skipped; one
   * closing {@code ]} is consumed when a {@code [} was seen. Nothing may follow.
   *
   * @throws IllegalArgumentException naming the input when it is not a FID, or when a field is out
   *     of range (ERANGE: sequence must be below 2^64-1, oid and version below 2^32)
   */
  public static Fid parse(String text) {
    Objects.requireNonNull(text, "text");
    return new FidParser(text).parse();
  }

  /**
   * Parses the FID grammar of the tools' command lines, list files and parameter files ({@code
   * jhsmtool --rebind/--import}, archive names, agentctl operands and {@code hsm.actions}). It
   * accepts what {@link #parse} accepts except several {@code [}, and differs at the edges:
   *
   * <ul>
   *   <li>blanks around the text, inside the brackets and around each field are ignored;
   *   <li>{@code [} and {@code ]} are each optional;
   *   <li>each field is {@code 0x}/{@code 0X} hex (at least one digit), leading-{@code 0} octal or
   *       decimal, without a sign;
   *   <li>the sequence may be {@code 0xffffffffffffffff}, which {@code llapi_fid_parse} refuses
   *       (ERANGE); object id and version must fit 32 bits.
   * </ul>
   *
   * @throws IllegalArgumentException {@code bad FID '<text>': <why>}
   */
  public static Fid parseLenient(String text) {
    Objects.requireNonNull(text, "text");
    return FidParser.parseLenient(text);
  }

  /**
   * True for the FID of a user file or directory: a normal sequence ({@code >= 0x200000400}) or an
   * IGIF one (12..0xffffffff, files upgraded from 1.8); false for the root, {@code .lustre} and
   * other special FIDs.
   */
  public boolean isFileFid() {
    return Long.compareUnsigned(seq, 0x200000400L) >= 0
        || (Long.compareUnsigned(seq, 12L) >= 0 && Long.compareUnsigned(seq, 0xffffffffL) <= 0);
  }

  /** True when sequence and object id are both zero (Lustre's "no FID"). */
  public boolean isZero() {
    return seq == 0 && oid == 0;
  }

  /** The {@code DFID} form, e.g. {@code [0x200000401:0x5:0x0]}; a zero sequence prints as 0. */
  @Override
  public String toString() {
    return "[" + toNoBraceString() + "]";
  }

  /** The {@code DFID_NOBRACE} form, e.g. {@code 0x200000401:0x5:0x0}. */
  public String toNoBraceString() {
    String s = seq == 0 ? "0" : "0x" + Long.toHexString(seq);
    return s + ":0x" + Integer.toHexString(oid) + ":0x" + Integer.toHexString(ver);
  }

  /** Unsigned order: sequence, then object id, then version. */
  @Override
  public int compareTo(Fid o) {
    int c = Long.compareUnsigned(seq, o.seq);
    if (c == 0) {
      c = Integer.compareUnsigned(oid, o.oid);
    }
    if (c == 0) {
      c = Integer.compareUnsigned(ver, o.ver);
    }
    return c;
  }
}
