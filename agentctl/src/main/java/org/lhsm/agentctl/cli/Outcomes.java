package org.lhsm.agentctl.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lhsm.agentctl.ErrorMapper;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.bindings.Fid;

/** Per-file results of a multi-file command and the exit code they add up to. */
final class Outcomes {
  /** One file's result; {@code code} is 0 for success. */
  record Outcome(
      String target, Optional<Fid> fid, int code, String text, Map<String, Object> details) {
    boolean ok() {
      return code == ExitCode.OK;
    }
  }

  private final List<Outcome> all = new ArrayList<>();

  void ok(String target, Fid fid, String text) {
    ok(target, fid, text, Map.of());
  }

  /** Success with extra fields for {@code --json}. */
  void ok(String target, Fid fid, String text, Map<String, Object> details) {
    all.add(new Outcome(target, Optional.of(fid), ExitCode.OK, text, details));
  }

  void fail(String target, Optional<Fid> fid, int code, String reason) {
    all.add(new Outcome(target, fid, code, reason, Map.of()));
  }

  void fail(String target, Optional<Fid> fid, Throwable t) {
    ErrorMapper.Mapped m = ErrorMapper.map(t);
    fail(target, fid, m.exitCode(), m.message());
  }

  List<Outcome> all() {
    return all;
  }

  /** 0 if all succeeded; the common code if all failed alike; else {@link ExitCode#PARTIAL}. */
  int exitCode() {
    List<Integer> failed = all.stream().filter(o -> !o.ok()).map(Outcome::code).distinct().toList();
    if (failed.isEmpty()) {
      return ExitCode.OK;
    }
    boolean anyOk = all.stream().anyMatch(Outcome::ok);
    if (!anyOk && failed.size() == 1) {
      return failed.get(0);
    }
    return ExitCode.PARTIAL;
  }

  /** Successes on {@code out}, one failure line per file on {@code err}. */
  void print(PrintWriter out, PrintWriter err, String verb) {
    for (Outcome o : all) {
      if (o.ok()) {
        out.println(o.target() + ": " + o.text());
      } else {
        err.println("agentctl: " + verb + " " + o.target() + ": " + o.text());
      }
    }
    out.flush();
    err.flush();
  }

  List<Map<String, Object>> toJson() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Outcome o : all) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("target", o.target());
      m.put("fid", o.fid().map(Fid::toString).orElse(null));
      m.put("ok", o.ok());
      m.put(o.ok() ? "result" : "error", o.text());
      m.putAll(o.details());
      m.put("exitCode", o.code());
      list.add(m);
    }
    return list;
  }
}
