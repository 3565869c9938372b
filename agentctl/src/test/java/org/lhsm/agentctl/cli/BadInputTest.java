package org.lhsm.agentctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.testing.Cli;
import org.lhsm.agentctl.testing.FakeHsmFiles;
import org.lhsm.agentctl.testing.ParamTree;
import org.lhsm.bindings.HsmState;

/** Every bad input gets a message naming what is wrong and its documented exit code. */
class BadInputTest {
  private static final String DEV = "lustre-MDT0000";

  @TempDir Path tmp;

  /** What a case can prepare and refer to. */
  static final class Ctx {
    FakeHsmFiles fs;
    ParamTree tree;
    Path file;
    Path other;
    Path outside;
    String stdin = "";

    String expand(String s) {
      return s.replace("{f}", file.toString())
          .replace("{g}", other.toString())
          .replace("{outside}", outside.toString())
          .replace("{mnt}", fs.root().toString())
          .replace("{plain}", outside.resolveSibling("plain").toString())
          .replace("{missing}", fs.root().resolve("no-such-file").toString())
          .replace("{fid}", fs.fid(file).toString());
    }
  }

  @FunctionalInterface
  interface Setup {
    void apply(Ctx c) throws Exception;
  }

  record Case(String name, Setup setup, String args, int code, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case c(String name, String args, int code, String message) {
    return new Case(name, x -> {}, args, code, message);
  }

  static Case c(String name, Setup setup, String args, int code, String message) {
    return new Case(name, setup, args, code, message);
  }

  static Stream<Case> cases() {
    return Stream.of(
        c(
            "missing file",
            "archive {missing}",
            ExitCode.NOT_FOUND,
            "archive {missing}: no such file: {missing}"),
        c(
            "not on Lustre",
            "archive {outside}",
            ExitCode.NOT_LUSTRE,
            "not on a Lustre filesystem: {outside}"),
        c("short FID", "archive --mount {mnt} [0x1:0x2]", ExitCode.USAGE, "bad FID '[0x1:0x2]'"),
        c(
            "non-hex FID",
            "restore --mount {mnt} [0xzz:0x1:0x0]",
            ExitCode.USAGE,
            "bad FID '[0xzz:0x1:0x0]'"),
        c("FID without mount", "archive {fid}", ExitCode.USAGE, "FID {fid} needs --mount DIR"),
        c(
            "FID with missing mount",
            "archive --mount {missing} {fid}",
            ExitCode.NOT_FOUND,
            "no such file: {missing}"),
        c(
            "FID with a plain directory as mount",
            x -> Files.createDirectories(x.outside.resolveSibling("plain")),
            "state --mount {plain} {fid}",
            ExitCode.NOT_LUSTRE,
            "not on a Lustre filesystem: {plain}"),
        c(
            "unknown FID",
            "cancel --mount {mnt} [0x200000401:0x999:0x0]",
            ExitCode.NOT_FOUND,
            "ENOENT"),
        c(
            "negative archive id",
            "archive --archive-id -1 {f}",
            ExitCode.USAGE,
            "bad --archive-id -1: must be 0 to 4294967295"),
        c(
            "archive id too big",
            "remove -a 4294967296 {f}",
            ExitCode.USAGE,
            "bad --archive-id 4294967296"),
        c(
            "archive id not a number",
            "archive --archive-id abc {f}",
            ExitCode.USAGE,
            "'--archive-id'"),
        c("unknown option", "archive --bogus {f}", ExitCode.USAGE, "Unknown option: '--bogus'"),
        c(
            "archive id on release",
            "release --archive-id 2 {f}",
            ExitCode.USAGE,
            "Unknown option: '--archive-id'"),
        c("no subcommand", "", ExitCode.USAGE, "missing subcommand"),
        c(
            "unknown subcommand",
            "frobnicate",
            ExitCode.USAGE,
            "Unmatched argument at index 0: 'frobnicate'"),
        c(
            "EPERM from coordinator",
            x -> x.fs.requestErrno(x.file, org.lhsm.bindings.Errno.EPERM),
            "archive {f}",
            ExitCode.PERMISSION,
            "EPERM"),
        c(
            "EAGAIN: coordinator stopped",
            x -> x.fs.requestErrno(x.file, org.lhsm.bindings.Errno.EAGAIN),
            "archive {f}",
            ExitCode.COORDINATOR_UNAVAILABLE,
            "the HSM coordinator is not running"),
        c(
            "release of unarchived file",
            "release {f}",
            ExitCode.PERMISSION,
            "release {f}: llapi_hsm_request({f}): EPERM"),
        c("some files fail", "archive {f} {missing}", ExitCode.PARTIAL, "no such file: {missing}"),
        c(
            "mixed failures",
            "archive {outside} {missing}",
            ExitCode.PARTIAL,
            "not on a Lustre filesystem: {outside}"),
        c(
            "data too long",
            "archive --data " + "x".repeat(2000) + " {f}",
            ExitCode.USAGE,
            "--data is 2000 bytes; at most 1600"),
        c("empty stdin", "archive", ExitCode.USAGE, "no FILE or FID given (stdin was empty)"),
        c(
            "negative timeout",
            "archive --wait --timeout -1 {f}",
            ExitCode.USAGE,
            "bad --timeout -1"),
        c(
            "timeout without wait",
            "restore --timeout 5 {f}",
            ExitCode.USAGE,
            "--timeout 5 only applies with --wait"),
        c(
            "state of missing file",
            "state {missing}",
            ExitCode.NOT_FOUND,
            "state {missing}: no such file: {missing}"),
        c(
            "action off Lustre",
            "action {outside}",
            ExitCode.NOT_LUSTRE,
            "not on a Lustre filesystem: {outside}"),
        c(
            "set without flags",
            "set {f}",
            ExitCode.USAGE,
            "no flag given: use one or more of --exists"),
        c(
            "set invalid combination",
            "set --released {f}",
            ExitCode.USAGE,
            "llapi_hsm_state_set({f}): EINVAL (Invalid argument) — invalid flag combination: DIRTY needs EXISTS"),
        c(
            "clear bad archive id",
            "clear --dirty --archive-id -5 {f}",
            ExitCode.USAGE,
            "bad --archive-id -5"),
        c("why missing file", "why {missing}", ExitCode.NOT_FOUND, "no such file: {missing}"),
        c("why bad FID", "why --mount {mnt} [0x1]", ExitCode.USAGE, "bad FID '[0x1]'"),
        c("why two files", "why {f} {g}", ExitCode.USAGE, "Unmatched argument"),
        c(
            "no parameters on this node",
            x -> {},
            "agents --param-root {missing}",
            ExitCode.NOT_LUSTRE,
            "no Lustre MDT parameters found under {missing}"),
        c(
            "unknown fsname",
            "agents --fsname other",
            ExitCode.NOT_FOUND,
            "no MDT of filesystem 'other' found"),
        c(
            "malformed fsname",
            "requests --fsname bad.name",
            ExitCode.USAGE,
            "bad --fsname 'bad.name'"),
        c(
            "two filesystems",
            x -> x.tree.defaults("scratch-MDT0000"),
            "agents",
            ExitCode.USAGE,
            "several filesystems found (lustre, scratch): choose one with --fsname"),
        c(
            "broken agents line",
            x -> x.tree.put(DEV, "agents", "uuid=a archive_id=1\n"),
            "agents",
            ExitCode.BAD_PARAM_FORMAT,
            "agents line 1: missing field 'requests'"),
        c(
            "broken actions line",
            x -> x.tree.put(DEV, "actions", "lrh=[type=10680000 len=136 idx=1/1] fid=[0x1:0x2]\n"),
            "requests",
            ExitCode.BAD_PARAM_FORMAT,
            "actions line 1"),
        c(
            "directory instead of agents file",
            x -> {
              Files.delete(x.tree.put(DEV, "agents", ""));
              Files.createDirectory(x.tree.put(DEV, "x", "").resolveSibling("agents"));
            },
            "agents",
            ExitCode.GENERAL,
            "agents"),
        c(
            "bad status filter",
            "requests --status DONE",
            ExitCode.USAGE,
            "bad --status: unknown status 'DONE'"),
        c(
            "bad action filter",
            "requests --action COPY",
            ExitCode.USAGE,
            "bad --action: unknown action 'COPY'"),
        c(
            "bad FID filter",
            "requests --fid garbage",
            ExitCode.USAGE,
            "bad --fid: bad FID 'garbage'"),
        c("bad archive filter", "requests --archive-id -3", ExitCode.USAGE, "bad --archive-id -3"),
        c(
            "zero max_requests",
            "tunables set max_requests=0",
            ExitCode.USAGE,
            "invalid value '0' for hsm.max_requests: must be a positive integer"),
        c(
            "unknown tunable",
            "tunables set archive_id=2",
            ExitCode.USAGE,
            "unknown tunable 'archive_id' (known: max_requests"),
        c(
            "assignment without value",
            "tunables set max_requests",
            ExitCode.USAGE,
            "bad assignment 'max_requests': expected NAME=VALUE"),
        c(
            "read-only tunable",
            "tunables set archive_count=1",
            ExitCode.USAGE,
            "hsm.archive_count is read-only"),
        c("unknown policy", "tunables set policy=Fast", ExitCode.USAGE, "unknown policy 'Fast'"),
        c(
            "tunable absent on this version",
            x -> Files.delete(x.tree.put(DEV, "archive_count", "")),
            "tunables get archive_count",
            ExitCode.NOT_FOUND,
            "mdt.lustre-MDT0000.hsm.archive_count not found"),
        c(
            "coordinator without subcommand",
            "coordinator",
            ExitCode.USAGE,
            "missing subcommand: status, enable"),
        c(
            "purge of stopped coordinator",
            x -> x.tree.put(DEV, "hsm_control", "stopped\n"),
            "coordinator purge",
            ExitCode.COORDINATOR_UNAVAILABLE,
            "cannot purge lustre-MDT0000: its coordinator is stopped"),
        c(
            "missing hsm_control",
            x -> Files.delete(x.tree.put(DEV, "hsm_control", "")),
            "coordinator status",
            ExitCode.NOT_FOUND,
            "mdt.lustre-MDT0000.hsm_control not found"));
  }

  private Ctx context() throws Exception {
    Ctx x = new Ctx();
    x.fs = new FakeHsmFiles(tmp.resolve("mnt"));
    x.tree = new ParamTree(tmp.resolve("root"), ParamTree.Layout.SYSFS_DEBUGFS);
    x.tree.defaults(DEV);
    x.file = x.fs.add("f");
    x.other = x.fs.add("g", HsmState.EXISTS);
    x.outside = tmp.resolve("elsewhere.txt");
    Files.writeString(x.outside, "not on lustre");
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputIsNamedWithItsExitCode(Case k) throws Exception {
    Ctx x = context();
    k.setup().apply(x);
    String[] args =
        k.args().isEmpty()
            ? new String[0]
            : Arrays.stream(k.args().split(" ")).map(x::expand).toArray(String[]::new);
    Cli.Result r = new Cli(x.fs, x.tree.systemRoots()).stdin(x.stdin).run(args);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(k.code());
    assertThat(r.err()).startsWith("agentctl: ").contains(x.expand(k.message()));
  }

  @Test
  void aBadValueWritesNothing() throws Exception {
    Ctx x = context();
    Cli.Result r =
        new Cli(x.fs, x.tree.systemRoots())
            .run("tunables", "set", "max_requests=5", "grace_delay=0");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("invalid value '0' for hsm.grace_delay");
    assertThat(x.tree.get(DEV, "max_requests")).isEqualTo("3\n");
  }

  @Test
  void failedFilesDoNotStopTheOthers() throws Exception {
    Ctx x = context();
    Cli.Result r =
        new Cli(x.fs, x.tree.systemRoots())
            .run("archive", x.expand("{missing}"), x.file.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.PARTIAL);
    assertThat(x.fs.submitted).hasSize(1);
    assertThat(r.out()).contains(x.file + ": archive requested");
  }

  @Test
  void unreadableParameterIsAPermissionError() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads mode-000 files");
    Ctx x = context();
    Path agents = x.tree.put(DEV, "agents", "");
    Files.setPosixFilePermissions(agents, PosixFilePermissions.fromString("---------"));
    Cli.Result r = new Cli(x.fs, x.tree.systemRoots()).run("agents");
    assertThat(r.exitCode()).isEqualTo(ExitCode.PERMISSION);
    assertThat(r.err()).contains("cannot read mdt.lustre-MDT0000.hsm.agents (permission denied");
  }
}
