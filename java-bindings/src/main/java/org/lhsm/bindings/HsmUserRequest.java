package org.lhsm.bindings;

import static org.lhsm.bindings.internal.AbiLayout.HR_ACTION;
import static org.lhsm.bindings.internal.AbiLayout.HR_ARCHIVE_ID;
import static org.lhsm.bindings.internal.AbiLayout.HR_DATA_LEN;
import static org.lhsm.bindings.internal.AbiLayout.HR_FLAGS;
import static org.lhsm.bindings.internal.AbiLayout.HR_ITEMCOUNT;
import static org.lhsm.bindings.internal.AbiLayout.HR_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.HUI_EXTENT;
import static org.lhsm.bindings.internal.AbiLayout.HUI_FID;
import static org.lhsm.bindings.internal.AbiLayout.HUI_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.HUR_SIZE_LIMIT;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A user HSM request ({@code struct hsm_user_request}): one action on a list of files, each for the
 * whole file.
 *
 * @param action the action
 * @param archiveId target archive (0 = the file's or the coordinator's default)
 * @param flags request flags
 * @param fids the files
 * @param data opaque bytes passed to the copytool in every item (copied)
 */
public record HsmUserRequest(
    UserAction action, int archiveId, Set<RequestFlag> flags, List<Fid> fids, byte[] data) {

  public HsmUserRequest {
    Objects.requireNonNull(action, "action");
    flags = flags.isEmpty() ? EnumSet.noneOf(RequestFlag.class) : EnumSet.copyOf(flags);
    fids = List.copyOf(fids);
    data = data == null ? new byte[0] : data.clone();
  }

  @Override
  public Set<RequestFlag> flags() {
    return EnumSet.copyOf(flags.isEmpty() ? EnumSet.noneOf(RequestFlag.class) : flags);
  }

  /** A copy of the opaque data. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** {@code hur_len}: 24 + 32 per item + data length. */
  public long encodedLength() {
    return HR_SIZE + (long) HUI_SIZE * fids.size() + data.length;
  }

  /** The C layout: {@code hsm_request}, then the items (whole-file extents), then the data. */
  public byte[] encode() {
    long n = encodedLength();
    if (n > Integer.MAX_VALUE) {
      throw new IllegalStateException("request too large to encode: " + n + " bytes");
    }
    ByteBuffer b = ByteBuffer.allocate((int) n).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(HR_ACTION, action.code());
    b.putInt(HR_ARCHIVE_ID, archiveId);
    b.putLong(HR_FLAGS, RequestFlag.toMask(flags));
    b.putInt(HR_ITEMCOUNT, fids.size());
    b.putInt(HR_DATA_LEN, data.length);
    int at = HR_SIZE;
    for (Fid fid : fids) {
      HsmActionItem.putFid(b, at + HUI_FID, fid);
      HsmActionItem.putExtent(b, at + HUI_EXTENT, HsmExtent.whole());
      at += HUI_SIZE;
    }
    b.put(at, data);
    return b.array();
  }

  /**
   * How many files one request carries below the kernel's limit ({@code hur_len} must stay under
   * {@code MDS_MAXREQSIZE / 3} = 1706 bytes, else {@code E2BIG}) when each carries {@code
   * dataLength} bytes of opaque data: 52 without data; 0 when the data alone leaves no room.
   */
  public static int maxItems(int dataLength) {
    return (int) Math.max(0, (HUR_SIZE_LIMIT - 1L - HR_SIZE - dataLength) / HUI_SIZE);
  }

  /**
   * Splits into requests each below the kernel's 1706-byte limit, keeping order; every part carries
   * the same action, archive, flags and data.
   *
   * @throws IllegalArgumentException if the data alone leaves no room for one item
   */
  public List<HsmUserRequest> splitToLimit() {
    long perRequest = maxItems(data.length);
    if (perRequest < 1) {
      throw new IllegalArgumentException(
          "request data of "
              + data.length
              + " bytes leaves no room for an item below "
              + HUR_SIZE_LIMIT
              + " bytes");
    }
    if (fids.size() <= perRequest) {
      return List.of(this);
    }
    List<HsmUserRequest> parts = new ArrayList<>();
    for (int i = 0; i < fids.size(); i += (int) perRequest) {
      List<Fid> slice = fids.subList(i, (int) Math.min(fids.size(), i + perRequest));
      parts.add(new HsmUserRequest(action, archiveId, flags, slice, data));
    }
    return parts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HsmUserRequest r
        && action == r.action
        && archiveId == r.archiveId
        && flags.equals(r.flags)
        && fids.equals(r.fids)
        && Arrays.equals(data, r.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(action, archiveId, flags, fids) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "HsmUserRequest[action="
        + action
        + ", archiveId="
        + archiveId
        + ", flags="
        + flags
        + ", fids="
        + fids
        + ", data="
        + data.length
        + " bytes]";
  }
}
