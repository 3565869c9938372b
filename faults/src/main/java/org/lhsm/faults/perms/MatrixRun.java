package org.lhsm.faults.perms;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lhsm.bindings.HsmState;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.faults.common.Actions;
import org.lhsm.faults.common.Hsm;
import org.lhsm.faults.perms.RequestMatrix.Cell;
import org.lhsm.faults.perms.RequestMatrix.Kind;
import org.lhsm.faults.perms.RequestMatrix.Masks;

/** Runs the request matrix once: one agentctl per action over its files, then one trial a file. */
final class MatrixRun {
  private final RequestMatrix matrix;
  private final Clients clients;
  private final PermissionsCampaign.Trials trials;
  private final Map<String, Integer> outcomes;

  MatrixRun(
      RequestMatrix matrix,
      Clients clients,
      PermissionsCampaign.Trials trials,
      Map<String, Integer> outcomes) {
    this.matrix = matrix;
    this.clients = clients;
    this.trials = trials;
    this.outcomes = outcomes;
  }

  /** Every action, as {@code who}, with the coordinator's masks being {@code masks}. */
  void all(String name, AsUser who, Masks masks) throws IOException {
    boolean root = who.uid() == 0;
    List<Cell> cells = matrix.prepare(name, root);
    for (Kind k : Kind.values()) {
      List<Cell> mine = cells.stream().filter(c -> c.kind() == k).toList();
      Map<Cell, List<Actions.Record>> records = new HashMap<>();
      Map<Cell, Set<HsmState>> states = new HashMap<>();
      for (Cell c : mine) {
        records.put(c, matrix.records(c.fid()));
        states.put(c, Hsm.states(c.file()));
      }
      List<String> args = new ArrayList<>(List.of(k.verb));
      List<Path> files = mine.stream().map(Cell::file).toList();
      files.forEach(f -> args.add(f.toString()));
      ChildProcess.Result r = clients.agentctl(who, args);
      Map<Path, String> got = Clients.outcomes(r, k.verb, files);
      matrix.barrier();
      for (Cell c : mine) {
        String want = RequestMatrix.expected(c, masks, root);
        String g = got.get(c.file());
        outcomes.merge(want + "=" + g, 1, Integer::sum);
        String problem =
            !g.equals(want)
                ? "expected " + want + ", got " + g + " (agentctl exit " + r.exitCode() + ")"
                : want.equals(Clients.OK) && k != Kind.CANCEL_NOTHING
                    ? accepted(c)
                    : unchanged(c, records.get(c), states.get(c));
        trials.record(problem == null ? null : name + " " + who + " " + c + ": " + problem);
      }
    }
  }

  /** What an accepted request must have left: its record, or for a release the RELEASED flag. */
  private String accepted(Cell c) throws IOException {
    switch (c.kind()) {
      case RELEASE -> {
        return Hsm.states(c.file()).contains(HsmState.RELEASED) ? null : "accepted, not released";
      }
      case CANCEL -> {
        Await.until(
            "cancel of " + c.file() + " recorded",
            () ->
                matrix.records(c.fid()).stream()
                    .anyMatch(x -> x.action().equals("CANCEL") || x.status().equals("CANCELED")));
        return null;
      }
      default -> {
        Await.until(
            c.kind().maskName + " record of " + c.file(),
            () ->
                matrix.records(c.fid()).stream()
                    .anyMatch(x -> x.action().equals(c.kind().maskName)));
        return null;
      }
    }
  }

  /** A refused request (or a cancel of nothing) left no record and the state as it was. */
  private String unchanged(Cell c, List<Actions.Record> before, Set<HsmState> state)
      throws IOException {
    List<String> problems = new ArrayList<>();
    List<Actions.Record> now = matrix.records(c.fid());
    if (!now.equals(before)) {
      problems.add("records " + before + " became " + now);
    }
    Set<HsmState> s = Hsm.states(c.file());
    if (!s.equals(state)) {
      problems.add("state " + state + " became " + s);
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }
}
