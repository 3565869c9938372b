package org.lhsm.faults.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.UserAction;

/**
 * The audit's count of lost requests: every acknowledged request seen to end without its effect
 * needs a FAILED or CANCELED record of its own file and action, whenever the record was published;
 * one without is lost, whatever other records the file has.
 */
class RequestEndsTest {
  private static final String F1 = "0x200000401:0xa:0x0";
  private static final String F2 = "0x200000401:0x5c:0x0";

  private static Actions.Record record(String fid, long cookie, String action, String status) {
    return new Actions.Record(fid, cookie, action, status);
  }

  @Test
  void anEndWithoutEffectIsExplainedByItsFailedRecordWhenItIsFinallyListed() {
    RequestEnds ends = new RequestEnds();
    ends.endedWithoutEffect(F1, UserAction.ARCHIVE);
    // the list as published before a kill: the request still STARTED
    List<Actions.Record> before = List.of(record(F1, 0x54e, "ARCHIVE", "STARTED"));
    assertThat(ends.allExplained(before)).isFalse();
    // the same record FAILED once the restarted daemon published its list, then sent again
    List<Actions.Record> after =
        List.of(record(F1, 0x54e, "ARCHIVE", "FAILED"), record(F1, 0x558, "ARCHIVE", "SUCCEED"));
    assertThat(ends.allExplained(after)).isTrue();
    assertThat(ends.tally(after))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.lost()).isZero();
              assertThat(t.explained()).isEqualTo(1);
            });
  }

  @Test
  void anEndWithoutARecordOfItsOwnIsLost() {
    RequestEnds ends = new RequestEnds();
    ends.endedWithoutEffect(F1, UserAction.ARCHIVE);
    ends.endedWithoutEffect(F1, UserAction.ARCHIVE);
    ends.endedWithoutEffect(F2, UserAction.RESTORE);
    List<Actions.Record> records =
        List.of(
            // one of the two ARCHIVEs has its record
            record(F1, 1, "ARCHIVE", "CANCELED"),
            // records that explain nothing here: another action, another file, a success
            record(F1, 2, "RESTORE", "FAILED"),
            record(F2, 3, "ARCHIVE", "FAILED"),
            record(F2, 4, "RESTORE", "SUCCEED"),
            record(F2, 5, "CANCEL", "FAILED"));
    assertThat(ends.allExplained(records)).isFalse();
    assertThat(ends.tally(records))
        .extracting(t -> t.key().fid() + " " + t.key().action() + " lost " + t.lost())
        .containsExactly(F2 + " RESTORE lost 1", F1 + " ARCHIVE lost 1");
  }
}
