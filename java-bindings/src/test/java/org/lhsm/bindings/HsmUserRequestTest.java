package org.lhsm.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HsmUserRequestTest {

  private static List<Fid> fids(int n) {
    List<Fid> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(new Fid(0x200000400L + i, i + 1, 0));
    }
    return l;
  }

  @Test
  void encodesTheCLayout() {
    HsmUserRequest req =
        new HsmUserRequest(
            UserAction.ARCHIVE,
            3,
            EnumSet.of(RequestFlag.FORCE_ACTION),
            List.of(new Fid(0x200000401L, 5, 0), new Fid(0x200000402L, 6, 1)),
            new byte[] {9, 8, 7});
    byte[] expected =
        new LeBytes()
            .u32(10)
            .u32(3)
            .u64(1)
            .u32(2)
            .u32(3)
            .u64(0x200000401L)
            .u32(5)
            .u32(0)
            .u64(0)
            .u64(-1L)
            .u64(0x200000402L)
            .u32(6)
            .u32(1)
            .u64(0)
            .u64(-1L)
            .bytes(new byte[] {9, 8, 7})
            .array();

    assertThat(req.encode()).isEqualTo(expected);
    assertThat(req.encodedLength()).isEqualTo(24 + 64 + 3);
  }

  @Test
  void smallRequestIsNotSplit() {
    HsmUserRequest req = new HsmUserRequest(UserAction.RESTORE, 0, Set.of(), fids(52), null);
    assertThat(req.encodedLength()).isEqualTo(1688);
    assertThat(req.splitToLimit()).containsExactly(req);
  }

  @ParameterizedTest
  @ValueSource(ints = {53, 104, 105, 1000})
  void splitsIntoPartsBelow1706BytesKeepingOrder(int n) {
    HsmUserRequest req =
        new HsmUserRequest(
            UserAction.ARCHIVE, 2, EnumSet.of(RequestFlag.FORCE_ACTION), fids(n), new byte[5]);

    List<HsmUserRequest> parts = req.splitToLimit();

    List<Fid> all = new ArrayList<>();
    for (HsmUserRequest p : parts) {
      assertThat(p.encode().length).isLessThan(1706);
      assertThat(p.action()).isEqualTo(UserAction.ARCHIVE);
      assertThat(p.archiveId()).isEqualTo(2);
      assertThat(p.flags()).containsExactly(RequestFlag.FORCE_ACTION);
      assertThat(p.data()).hasSize(5);
      all.addAll(p.fids());
    }
    assertThat(all).isEqualTo(req.fids());
    // (1705 - 24 - 5) / 32 = 52 items per part
    assertThat(parts).hasSize((n + 51) / 52);
  }

  @Test
  void maxItemsFollowsTheKernelLimit() {
    // hur_len = 24 + 32 n + data must stay below 1706 (llite: >= MDS_MAXREQSIZE / 3 is E2BIG)
    assertThat(HsmUserRequest.maxItems(0)).isEqualTo(52);
    assertThat(HsmUserRequest.maxItems(5)).isEqualTo(52);
    assertThat(HsmUserRequest.maxItems(17)).isEqualTo(52);
    assertThat(HsmUserRequest.maxItems(18)).isEqualTo(51);
    assertThat(HsmUserRequest.maxItems(1649)).isEqualTo(1);
    assertThat(HsmUserRequest.maxItems(1650)).isZero();
  }

  @Test
  void largestDataThatStillLeavesRoomForOneItem() {
    HsmUserRequest ok =
        new HsmUserRequest(UserAction.ARCHIVE, 0, Set.of(), fids(2), new byte[1649]);
    assertThat(ok.splitToLimit()).hasSize(2).allSatisfy(p -> assertThat(p.encode()).hasSize(1705));
    HsmUserRequest tooBig =
        new HsmUserRequest(UserAction.ARCHIVE, 0, Set.of(), fids(1), new byte[1650]);
    assertThatThrownBy(tooBig::splitToLimit)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1650 bytes");
  }

  @Test
  void defensiveCopies() {
    byte[] data = {1, 2};
    List<Fid> list = new ArrayList<>(fids(1));
    HsmUserRequest req = new HsmUserRequest(UserAction.REMOVE, 0, Set.of(), list, data);
    data[0] = 9;
    list.clear();
    assertThat(req.data()).containsExactly(1, 2);
    assertThat(req.fids()).hasSize(1);
    req.data()[1] = 7;
    assertThat(req.data()).containsExactly(1, 2);
  }
}
