package org.lhsm.faults.hostile;

import static org.lhsm.faults.hostile.Case.c;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lhsm.faults.hostile.Case.Tool;

/**
 * Bad agentctl command lines, as a user types them, against the emulator (exit codes from
 * agentctl/README.md "Exit codes"). Ideas shared with agentctl's BadInputTest, which runs the
 * command in-process on fakes; here it is the real process on an emulated Lustre.
 */
final class AgentctlCases {
  private static final Tool A = Tool.AGENTCTL;
  static final int GENERAL = 1;
  static final int USAGE = 2;
  static final int NOT_LUSTRE = 3;
  static final int PERMISSION = 4;
  static final int PARTIAL = 5;
  static final int NOT_FOUND = 6;

  private AgentctlCases() {}

  /**
   * What agentctl takes for a FID (a bad one: usage error) rather than a file name (missing: not
   * found), as its FILE|FID help says: bracketed, or 0x-number then ':'.
   */
  private static boolean meantAsFid(String operand) {
    return operand.startsWith("[") || operand.matches("0[xX][0-9a-fA-F]+:.*");
  }

  static List<Case> cases(SplittableRandom r, boolean full) {
    List<Case> k = new ArrayList<>();
    // unknown options and subcommands
    k.add(c(A, "unknown option", "unknown option", "archive --bogus {file}", USAGE, "'--bogus'"));
    k.add(
        c(
            A,
            "unknown option",
            "unknown option with --json",
            "--json archive --bogus {file}",
            USAGE,
            "'--bogus'"));
    Case.more(
        k,
        full,
        c(A, "unknown option", "unknown global option", "--frob agents", USAGE, "'--frob'"));
    k.add(c(A, "unknown option", "unknown subcommand", "frobnicate", USAGE, "'frobnicate'"));
    k.add(c(A, "unknown option", "no subcommand", "", USAGE, "missing subcommand"));
    k.add(
        c(
            A,
            "unknown option",
            "archive id on release",
            "release --archive-id 2 {file}",
            USAGE,
            "'--archive-id'"));
    Case.more(
        k, full, c(A, "unknown option", "coordinator frob", "coordinator frob", USAGE, "'frob'"));
    k.add(
        c(
            A,
            "unknown option",
            "option missing its value",
            "archive {file} --archive-id",
            USAGE,
            "--archive-id"));
    // bad values
    k.add(
        c(
            A,
            "bad value",
            "negative timeout",
            "archive --wait --timeout -1 {file}",
            USAGE,
            "--timeout -1"));
    Case.more(
        k,
        full,
        c(
            A,
            "bad value",
            "timeout without wait",
            "restore --timeout 5 {file}",
            USAGE,
            "--timeout 5"));
    k.add(
        c(
            A,
            "bad value",
            "data too long",
            "archive --data " + "x".repeat(2000) + " {file}",
            USAGE,
            "--data is 2000 bytes"));
    Case.more(
        k, full, c(A, "bad value", "set without flags", "set {file}", USAGE, "no flag given"));
    k.add(c(A, "bad value", "status filter DONE", "requests --status DONE", USAGE, "'DONE'"));
    Case.more(
        k,
        full,
        c(A, "bad value", "action filter COPY", "requests --action COPY", USAGE, "'COPY'"));
    k.add(
        c(A, "bad value", "fsname with a dot", "requests --fsname bad.name", USAGE, "'bad.name'"));
    k.add(
        c(
            A,
            "bad value",
            "tunable max_requests=0",
            "tunables set max_requests=0",
            USAGE,
            "'0' for hsm.max_requests"));
    k.add(
        c(
            A,
            "bad value",
            "one bad tunable of two",
            "tunables set max_requests=5 grace_delay=0",
            USAGE,
            "hsm.grace_delay"));
    k.add(c(A, "bad value", "unknown tunable", "tunables set archive_id=2", USAGE, "'archive_id'"));
    Case.more(
        k,
        full,
        c(
            A,
            "bad value",
            "assignment without value",
            "tunables set max_requests",
            USAGE,
            "'max_requests'"));
    Case.more(
        k,
        full,
        c(
            A,
            "bad value",
            "read-only tunable",
            "tunables set archive_count=1",
            USAGE,
            "hsm.archive_count"));
    k.add(c(A, "bad value", "unknown policy", "tunables set policy=Fast", USAGE, "'Fast'"));
    k.add(
        c(
            A,
            "bad value",
            "exporter listen without port",
            "exporter --listen=nohost",
            USAGE,
            "nohost"));
    Case.more(
        k,
        full,
        c(
            A,
            "bad value",
            "exporter port 99999",
            "exporter --listen=127.0.0.1:99999",
            USAGE,
            "99999"));
    k.add(
        c(
            A,
            "bad value",
            "takeover stuck-after 0",
            "takeover --all --dry-run --spool {outside} --stuck-after 0",
            USAGE,
            "--stuck-after"));
    // archive ids
    k.add(
        c(
            A,
            "archive id",
            "negative archive id",
            "archive --archive-id -1 {file}",
            USAGE,
            "--archive-id -1"));
    k.add(
        c(A, "archive id", "archive id 2^32", "remove -a 4294967296 {file}", USAGE, "4294967296"));
    k.add(
        c(
            A,
            "archive id",
            "archive id not a number",
            "archive --archive-id abc {file}",
            USAGE,
            "'abc'"));
    Case.more(
        k,
        full,
        c(
            A,
            "archive id",
            "fractional archive id",
            "restore --archive-id 1.5 {file}",
            USAGE,
            "'1.5'"));
    Case.more(
        k,
        full,
        c(
            A,
            "archive id",
            "clear with negative id",
            "clear --dirty --archive-id -5 {file}",
            USAGE,
            "--archive-id -5"));
    k.add(
        c(
            A,
            "archive id",
            "requests filter negative id",
            "requests --archive-id -3",
            USAGE,
            "--archive-id -3"));
    // FIDs
    k.add(c(A, "bad FID", "short FID", "archive --mount {mnt} [0x1:0x2]", USAGE, "'[0x1:0x2]'"));
    k.add(
        c(
            A,
            "bad FID",
            "non-hex FID",
            "restore --mount {mnt} [0xzz:0x1:0x0]",
            USAGE,
            "'[0xzz:0x1:0x0]'"));
    k.add(c(A, "bad FID", "FID without --mount", "archive {fid}", USAGE, "{fid} needs --mount"));
    k.add(
        c(
            A,
            "bad FID",
            "FID with a missing mount",
            "archive --mount {missing} {fid}",
            NOT_FOUND,
            "{missing}"));
    k.add(
        c(
            A,
            "bad FID",
            "FID with a plain dir as mount",
            "state --mount {plain} {fid}",
            NOT_LUSTRE,
            "{plain}"));
    k.add(
        c(
            A,
            "bad FID",
            "unknown FID",
            "archive --mount {mnt} [0x200000401:0x999:0x0]",
            NOT_FOUND,
            "0x200000401:0x999:0x0"));
    k.add(c(A, "bad FID", "FID filter garbage", "requests --fid garbage", USAGE, "'garbage'"));
    Case.more(
        k,
        full,
        c(A, "bad FID", "why with a one-field FID", "why --mount {mnt} [0x1]", USAGE, "'[0x1]'"));
    int garbage = full ? 12 : 2;
    for (int i = 0; i < garbage; i++) {
      String g = Garbage.fid(r);
      k.add(
          Case.of(
              A,
              "bad FID",
              "garbage FID #" + i,
              List.of("archive", "--mount", "{mnt}", g),
              meantAsFid(g) ? USAGE : NOT_FOUND,
              g));
    }
    // not Lustre, missing
    k.add(
        c(
            A,
            "not Lustre",
            "file outside Lustre",
            "archive {outside}/secret",
            NOT_LUSTRE,
            "{outside}/secret"));
    k.add(c(A, "not Lustre", "state of a plain dir", "state {plain}", NOT_LUSTRE, "{plain}"));
    Case.more(
        k,
        full,
        c(
            A,
            "not Lustre",
            "action outside Lustre",
            "action {outside}/secret",
            NOT_LUSTRE,
            "{outside}/secret"));
    k.add(
        c(
            A,
            "not Lustre",
            "param-root with no MDT",
            "agents --param-root {plain}",
            NOT_LUSTRE,
            "{plain}"));
    k.add(
        c(
            A,
            "not Lustre",
            "param-root missing",
            "requests --param-root {missing}",
            NOT_LUSTRE,
            "{missing}"));
    k.add(c(A, "not found", "missing file", "archive {missing}", NOT_FOUND, "{missing}"));
    k.add(c(A, "not found", "state of missing file", "state {missing}", NOT_FOUND, "{missing}"));
    Case.more(
        k, full, c(A, "not found", "why of missing file", "why {missing}", NOT_FOUND, "{missing}"));
    k.add(c(A, "not found", "unknown fsname", "agents --fsname other", NOT_FOUND, "'other'"));
    k.add(
        c(
            A,
            "not found",
            "one file of two missing",
            "archive {missing} {outside}/secret",
            PARTIAL,
            "{missing}",
            "{outside}/secret"));
    // path traversal
    k.add(
        c(
            A,
            "path traversal",
            "../ out of the mount",
            "archive {escape}/secret",
            NOT_LUSTRE,
            "{escape}/secret"));
    k.add(
        c(
            A,
            "path traversal",
            "../ out of the mount to a missing file",
            "restore {mnt}/../nope",
            NOT_FOUND,
            "{mnt}/../nope"));
    k.add(
        c(
            A,
            "path traversal",
            "param-root ../ to nowhere",
            "agents --param-root {params}/../../../no-such-dir",
            NOT_LUSTRE,
            "no-such-dir"));
    k.add(
        c(
            A,
            "path traversal",
            "takeover spool missing",
            "takeover --all --spool {missing}/../spool",
            NOT_FOUND,
            "spool"));
    // permission denied
    k.add(
        c(
            A,
            "permission",
            "release of a file never archived",
            "release {file}",
            PERMISSION,
            "{file}"));
    k.add(
        c(A, "permission", "archive as uid 65534", "archive {file}", PERMISSION, "{file}")
            .asNobody());
    k.add(
        c(
                A,
                "permission",
                "tunables set as uid 65534",
                "tunables set max_requests=5",
                PERMISSION,
                "max_requests")
            .asNobody());
    k.add(
        c(
                A,
                "permission",
                "coordinator disable as uid 65534",
                "coordinator disable",
                PERMISSION,
                "hsm_control")
            .asNobody());
    if (full) {
      k.add(
          c(A, "permission", "remove as uid 65534", "remove {file}", PERMISSION, "{file}")
              .asNobody());
      k.add(
          c(
                  A,
                  "permission",
                  "set as uid 65534",
                  "set --archived --exists {file}",
                  PERMISSION,
                  "{file}")
              .asNobody());
      k.add(c(A, "bad value", "zero --max-bytes", "exporter --max-bytes=0", USAGE, "--max-bytes"));
      k.add(c(A, "unknown option", "tunables frob", "tunables frob", USAGE, "'frob'"));
    }
    return k;
  }
}
