package org.lhsm.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class EnumsTest {

  private static <E extends Enum<E>> void roundTrips(
      E[] values, java.util.function.ToIntFunction<E> code, IntFunction<E> from) {
    for (E e : values) {
      assertThat(from.apply(code.applyAsInt(e))).isSameAs(e);
    }
  }

  @Test
  void codesMatchTheAbiAndRoundTrip() {
    assertThat(List.of(CopytoolAction.values()).stream().map(CopytoolAction::code))
        .containsExactly(10, 20, 21, 22, 23, -1);
    assertThat(List.of(CopytoolAction.values()).stream().map(CopytoolAction::wireName))
        .containsExactly("NOOP", "ARCHIVE", "RESTORE", "REMOVE", "CANCEL", "UNKNOWN");
    assertThat(List.of(UserAction.values()).stream().map(UserAction::code))
        .containsExactly(1, 10, 11, 12, 13, 14);
    assertThat(List.of(ProgressState.values()).stream().map(ProgressState::displayName))
        .containsExactly("unknown", "waiting", "running", "done");
    roundTrips(
        EnumSet.complementOf(EnumSet.of(CopytoolAction.UNKNOWN)).toArray(CopytoolAction[]::new),
        CopytoolAction::code,
        CopytoolAction::fromCode);
    roundTrips(UserAction.values(), UserAction::code, UserAction::fromCode);
    roundTrips(ProgressState.values(), ProgressState::code, ProgressState::fromCode);
    roundTrips(HsmState.values(), HsmState::code, HsmState::fromCode);
    roundTrips(ProgressFlag.values(), ProgressFlag::code, ProgressFlag::fromCode);
    roundTrips(RequestFlag.values(), RequestFlag::code, RequestFlag::fromCode);
    roundTrips(MessageLevel.values(), MessageLevel::code, MessageLevel::fromCode);
  }

  @Test
  void copytoolActionsParseByTheNameTheKernelPrints() {
    for (CopytoolAction a : CopytoolAction.values()) {
      assertThat(CopytoolAction.fromWireName(a.wireName().toLowerCase(java.util.Locale.ROOT)))
          .isSameAs(a);
    }
    assertThat(CopytoolAction.fromWireName(" noop ")).isSameAs(CopytoolAction.NONE);
    assertThatThrownBy(() -> CopytoolAction.fromWireName("COPY"))
        .hasMessageContaining("unknown action 'COPY'");
    assertThatThrownBy(() -> CopytoolAction.fromWireName("NONE"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownCodesAreRejectedWithTheCode() {
    assertThatThrownBy(() -> CopytoolAction.fromCode(24)).hasMessageContaining("24");
    assertThatThrownBy(() -> CopytoolAction.fromCode(-1)).hasMessageContaining("-1");
    assertThat(CopytoolAction.fromCodeOrUnknown(24)).isEqualTo(CopytoolAction.UNKNOWN);
    assertThat(CopytoolAction.fromCodeOrUnknown(21)).isEqualTo(CopytoolAction.RESTORE);
    assertThatThrownBy(() -> UserAction.fromCode(0)).hasMessageContaining("0");
    assertThatThrownBy(() -> ProgressState.fromCode(4)).hasMessageContaining("4");
    assertThatThrownBy(() -> HsmState.fromCode(0x3)).hasMessageContaining("0x3");
    assertThatThrownBy(() -> MessageLevel.fromCode(7)).hasMessageContaining("7");
  }

  @Test
  void stateMasks() {
    assertThat(HsmState.toMask(EnumSet.of(HsmState.NORELEASE, HsmState.NOARCHIVE, HsmState.DIRTY)))
        .isEqualTo(HsmState.USER_MASK);
    assertThat(HsmState.fromMask(0x0d))
        .containsExactly(HsmState.EXISTS, HsmState.RELEASED, HsmState.ARCHIVED);
    assertThat(HsmState.fromMask(HsmState.USER_MASK | HsmState.STATUS_MASK))
        .isEqualTo(EnumSet.allOf(HsmState.class));
    assertThat(HsmState.fromMask(0x1000)).isEmpty();
    assertThat(HsmState.toMask(EnumSet.noneOf(HsmState.class))).isZero();
    assertThat(HsmState.LOST.lfsName()).isEqualTo("lost_from_hsm");
    assertThat(HsmState.NORELEASE.lfsName()).isEqualTo("never_release");
    assertThat(ProgressFlag.fromMask(3))
        .containsExactly(ProgressFlag.COMPLETED, ProgressFlag.RETRY);
    assertThat(RequestFlag.toMask(EnumSet.of(RequestFlag.BLOCKING, RequestFlag.FORCE_ACTION)))
        .isEqualTo(5);
  }

  @Test
  void extents() {
    assertThat(HsmExtent.whole()).isEqualTo(new HsmExtent(0, -1L));
    assertThat(HsmExtent.whole().end()).isEqualTo(HsmExtent.EOF);
    assertThat(new HsmExtent(10, 20).end()).isEqualTo(30);
    assertThat(new HsmExtent(-10L, 20).end()).isEqualTo(HsmExtent.EOF);
  }
}
