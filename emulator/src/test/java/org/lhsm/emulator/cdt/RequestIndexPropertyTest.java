package org.lhsm.emulator.cdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.emulator.codec.Hsm.HSMA_ARCHIVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_CANCEL;
import static org.lhsm.emulator.codec.Hsm.HSMA_REMOVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_RESTORE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.log.ActionRecord;
import org.lhsm.emulator.log.RecordStatus;
import org.lhsm.emulator.log.RequestLog;

/**
 * The request log's index against a full rescan, after every one of a few hundred random operations
 * (seeded, so a failure replays): adds of every action on a few FIDs, status changes, dispatches,
 * learnt data FIDs, deletes, compactions and reopenings. After each, the maintained index equals
 * one rebuilt from every record, and every query the coordinator makes of it answers what the
 * linear scans it replaced answered: the WAITING records in dispatch order, a dispatch scan's
 * records for budgets 0-6 with and without the housekeeping restore, the pending record of each
 * FID, the due STARTED and finished records.
 */
class RequestIndexPropertyTest {
  private static final int OPERATIONS = 400;
  private static final int[] ACTIONS = {HSMA_ARCHIVE, HSMA_RESTORE, HSMA_REMOVE, HSMA_CANCEL};
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234, 99991, 20261206})
  void theIndexAgreesWithAFullRescanAfterRandomOperations(long seed) throws Exception {
    Random rnd = new Random(seed);
    Path file = dir.resolve("log-" + seed);
    List<Fid> fids = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      fids.add(new Fid(0x200000401L, i, 0));
    }
    RequestLog log = new RequestLog(file);
    long now = 1000;
    long cookie = 0x5000;
    try {
      for (int step = 0; step < OPERATIONS; step++) {
        String what = "seed " + seed + ", step " + step;
        now += rnd.nextInt(3);
        List<ActionRecord> live = new ArrayList<>(log.records());
        int op = live.isEmpty() ? 0 : rnd.nextInt(10);
        switch (op) {
          case 0, 1, 2 -> {
            int action = ACTIONS[rnd.nextInt(ACTIONS.length)];
            Fid fid = fids.get(rnd.nextInt(fids.size()));
            long c =
                action == HSMA_CANCEL && !live.isEmpty() && rnd.nextBoolean()
                    ? live.get(rnd.nextInt(live.size())).cookie()
                    : cookie++;
            log.add(
                1 + rnd.nextInt(3),
                0,
                now,
                new ActionItem(action, fid, fid, 0, Hsm.EOF, c, 0, new byte[] {(byte) step}));
          }
          case 3, 4 -> {
            RecordStatus[] all = RecordStatus.values();
            log.setStatus(pick(rnd, live), all[rnd.nextInt(all.length)], now);
          }
          case 5 -> log.setStarted(pick(rnd, live), "agent-" + rnd.nextInt(3), now);
          case 6 -> {
            ActionRecord r = pick(rnd, live);
            log.setItem(r, r.item().withDfid(new Fid(0x200000402L, step + 1, 0)));
          }
          case 7 -> log.delete(pick(rnd, live));
          case 8 -> {
            if (rnd.nextInt(4) == 0) {
              log.compact();
            } else {
              log.compactIfWorthIt();
            }
          }
          default -> {
            log.close();
            List<String> before = serialized(live);
            log = new RequestLog(file);
            assertThat(serialized(new ArrayList<>(log.records())))
                .as(what + ": records replayed")
                .isEqualTo(before);
          }
        }
        check(what, log, fids, now, rnd);
      }
    } finally {
      log.close();
    }
  }

  private static ActionRecord pick(Random rnd, List<ActionRecord> live) {
    return live.get(rnd.nextInt(live.size()));
  }

  private static List<String> serialized(List<ActionRecord> records) {
    return records.stream().map(r -> r.index() + " " + r.status() + " " + r.format()).toList();
  }

  private static void check(String what, RequestLog log, List<Fid> fids, long now, Random rnd) {
    assertThat(log.indexProblems()).as(what + ": index against a rebuild").isEmpty();
    List<ActionRecord> all = new ArrayList<>(log.records());
    List<ActionRecord> waiting = withStatus(all, RecordStatus.WAITING);
    assertThat(new ArrayList<>(log.waiting().values()))
        .as(what + ": WAITING non-cancel")
        .isEqualTo(waiting.stream().filter(r -> r.action() != HSMA_CANCEL).toList());
    assertThat(new ArrayList<>(log.waitingCancels().values()))
        .as(what + ": WAITING cancels")
        .isEqualTo(waiting.stream().filter(r -> r.action() == HSMA_CANCEL).toList());
    assertThat(new ArrayList<>(log.waitingRestores().values()))
        .as(what + ": WAITING restores")
        .isEqualTo(waiting.stream().filter(r -> r.action() == HSMA_RESTORE).toList());
    for (long budget = 0; budget <= 6; budget++) {
      for (boolean housekeeping : new boolean[] {false, true}) {
        assertThat(Dispatcher.gather(log, budget, housekeeping))
            .as(what + ": dispatch scan, budget " + budget + ", housekeeping " + housekeeping)
            .isEqualTo(linearGather(waiting, budget, housekeeping));
      }
    }
    for (Fid fid : fids) {
      for (boolean restoreOnly : new boolean[] {false, true}) {
        assertThat(log.pendingFor(fid, restoreOnly))
            .as(what + ": pending of " + fid + (restoreOnly ? " (restores)" : ""))
            .isEqualTo(linearPendingFor(all, fid, restoreOnly));
      }
    }
    long threshold = now - rnd.nextInt(6);
    Comparator<ActionRecord> byChange =
        Comparator.comparingLong(ActionRecord::changeSec).thenComparingInt(ActionRecord::index);
    assertThat(log.oldestStarted(c -> c < threshold))
        .as(what + ": STARTED changed before " + threshold)
        .isEqualTo(
            withStatus(all, RecordStatus.STARTED).stream()
                .filter(r -> r.changeSec() < threshold)
                .sorted(byChange)
                .toList());
    assertThat(log.oldestFinished(c -> c <= threshold))
        .as(what + ": finished records changed by " + threshold)
        .isEqualTo(
            all.stream()
                .filter(r -> r.status().isFinal() && r.changeSec() <= threshold)
                .sorted(byChange)
                .toList());
  }

  private static List<ActionRecord> withStatus(List<ActionRecord> all, RecordStatus s) {
    return all.stream().filter(r -> r.status() == s).toList();
  }

  /** The pending record of a file as the coordinator found it before: a scan of every record. */
  private static ActionRecord linearPendingFor(List<ActionRecord> all, Fid fid, boolean restore) {
    for (ActionRecord r : all) {
      boolean pending = r.status() == RecordStatus.WAITING || r.status() == RecordStatus.STARTED;
      if (pending
          && r.action() != HSMA_CANCEL
          && r.item().fid().equals(fid)
          && (!restore || r.action() == HSMA_RESTORE)) {
        return r;
      }
    }
    return null;
  }

  /** A dispatch scan's records as the dispatcher gathered them before: a scan of every WAITING. */
  private static List<ActionRecord> linearGather(
      List<ActionRecord> waiting, long budget, boolean housekeeping) {
    List<ActionRecord> gathered = new ArrayList<>();
    boolean restoreGathered = false;
    ActionRecord skippedRestore = null;
    for (ActionRecord r : waiting) {
      if (r.action() != HSMA_CANCEL) {
        if (budget == 0) {
          if (housekeeping && r.action() == HSMA_RESTORE && skippedRestore == null) {
            skippedRestore = r;
          }
          continue;
        }
        budget--;
        restoreGathered |= r.action() == HSMA_RESTORE;
      }
      gathered.add(r);
    }
    if (!restoreGathered && skippedRestore != null) {
      for (int i = gathered.size() - 1; i >= 0; i--) {
        ActionRecord g = gathered.get(i);
        if (g.action() != HSMA_CANCEL && g.archiveId() == skippedRestore.archiveId()) {
          gathered.remove(i);
          break;
        }
      }
      gathered.add(skippedRestore);
      gathered.sort(Comparator.comparingInt(ActionRecord::index));
    }
    return gathered;
  }
}
