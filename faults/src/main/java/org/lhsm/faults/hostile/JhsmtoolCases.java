package org.lhsm.faults.hostile;

import static org.lhsm.faults.hostile.Case.c;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lhsm.bindings.Errno;
import org.lhsm.faults.hostile.Case.Tool;

/**
 * Bad jhsmtool command lines and config files. Exit codes from copytool/README.md (Options, after
 * compat spec §4): 22 usage, 256−errno for an unopenable {@code --hsm-root}, otherwise the errno of
 * what failed (ENODEV for a mount that is not Lustre, ENOENT/EACCES for a config file).
 */
final class JhsmtoolCases {
  private static final Tool J = Tool.JHSMTOOL;
  static final int USAGE = 22;
  static final int ENOENT = Errno.ENOENT.number();
  static final int EACCES = Errno.EACCES.number();
  static final int EEXIST = Errno.EEXIST.number();
  static final int ENODEV = Errno.ENODEV.number();
  static final int EISDIR = Errno.EISDIR.number();

  private JhsmtoolCases() {}

  static List<Case> cases(SplittableRandom r, boolean full) {
    List<Case> k = new ArrayList<>();
    String ok = "--hsm-root {root} ";
    // unknown options and bad values
    k.add(c(J, "unknown option", "unknown long option", ok + "--bogus {mnt}", USAGE, "'--bogus'"));
    Case.more(
        k, full, c(J, "unknown option", "unknown short option", ok + "-Z {mnt}", USAGE, "'-Z'"));
    k.add(
        c(
            J,
            "unknown option",
            "misspelt --hsm-root",
            "--hsm-rot {root} {mnt}",
            USAGE,
            "--hsm-rot"));
    k.add(
        c(
            J,
            "unknown option",
            "option missing its value",
            "{mnt} --hsm-root",
            USAGE,
            "--hsm-root"));
    k.add(c(J, "bad value", "archive format v3", ok + "-F v3 {mnt}", USAGE, "v3"));
    k.add(c(J, "bad value", "archive upgrade to v9", ok + "--archive-upgrade=v9", USAGE, "v9"));
    k.add(c(J, "bad value", "checksum md5", ok + "--checksum md5 {mnt}", USAGE, "md5"));
    k.add(c(J, "bad value", "max-jobs 0", ok + "--max-jobs 0 {mnt}", USAGE, "--max-jobs"));
    Case.more(
        k,
        full,
        c(J, "bad value", "max-jobs not a number", ok + "--max-jobs lots {mnt}", USAGE, "lots"));
    Case.more(
        k,
        full,
        c(
            J,
            "bad value",
            "queue-size negative",
            ok + "--queue-size -4 {mnt}",
            USAGE,
            "--queue-size"));
    k.add(c(J, "bad value", "chunk-size 0", ok + "-c 0 {mnt}", USAGE, "chunk size 0"));
    Case.more(k, full, c(J, "bad value", "chunk-size garbage", ok + "-c 12Q {mnt}", USAGE, "12Q"));
    Case.more(k, full, c(J, "bad value", "bandwidth negative", ok + "-b -5 {mnt}", USAGE, "-5"));
    k.add(
        c(
            J,
            "bad value",
            "update interval negative",
            ok + "-u -3 {mnt}",
            USAGE,
            "--update-interval '-3'"));
    k.add(
        c(
            J,
            "bad value",
            "metrics port 70000",
            ok + "--metrics-port 70000 {mnt}",
            USAGE,
            "--metrics-port 70000"));
    k.add(
        c(
            J,
            "bad value",
            "register-timeout negative",
            ok + "--register-timeout -1 {mnt}",
            USAGE,
            "--register-timeout -1"));
    Case.more(
        k,
        full,
        c(
            J,
            "bad value",
            "shutdown-grace negative",
            ok + "--shutdown-grace -1 {mnt}",
            USAGE,
            "--shutdown-grace"));
    k.add(c(J, "bad value", "backend ftp", ok + "--backend ftp {mnt}", USAGE, "ftp"));
    k.add(c(J, "bad value", "s3 without bucket", ok + "--backend s3 {mnt}", USAGE, "--s3-bucket"));
    k.add(
        c(
            J,
            "bad value",
            "s3 part size 2G",
            "--backend s3 --s3-bucket b --s3-part-size 2G {mnt}",
            USAGE,
            "--s3-part-size"));
    Case.more(
        k,
        full,
        c(
            J,
            "bad value",
            "s3 endpoint without host",
            "--backend s3 --s3-bucket b --s3-endpoint nohost {mnt}",
            USAGE,
            "nohost"));
    k.add(c(J, "usage", "no mount point", ok, USAGE, "wrong number of arguments (0)"));
    Case.more(
        k,
        full,
        c(
            J,
            "usage",
            "two mount points",
            ok + "{mnt} {mnt}",
            USAGE,
            "wrong number of arguments (2)"));
    k.add(c(J, "usage", "no hsm-root", "{mnt}", USAGE, "root directory"));
    k.add(
        c(
            J,
            "usage",
            "max-sequence with two operands",
            ok + "-M {mnt} {mnt}",
            USAGE,
            "max_sequence mode"));
    // archive ids
    k.add(c(J, "archive id", "negative archive id", ok + "-A -1 {mnt}", USAGE, "'-1'"));
    k.add(c(J, "archive id", "archive id not a number", ok + "-A one {mnt}", USAGE, "'one'"));
    k.add(
        c(
            J,
            "archive id",
            "archive id beyond int",
            ok + "-A 2147483648 {mnt}",
            USAGE,
            "'2147483648'"));
    Case.more(
        k,
        full,
        c(J, "archive id", "fractional archive id", ok + "--archive=1.5 {mnt}", USAGE, "'1.5'"));
    Case.more(
        k,
        full,
        Case.of(
            J,
            "archive id",
            "empty archive id",
            List.of("--hsm-root", "{root}", "--archive=", "{mnt}"),
            USAGE,
            "--archive"));
    List<String> many = new ArrayList<>(List.of("--hsm-root", "{root}"));
    for (int i = 1; i <= 33; i++) {
      many.addAll(List.of("-A", String.valueOf(i)));
    }
    many.add("{mnt}");
    k.add(
        Case.of(
            J,
            "archive id",
            "33 archive ids (liblustreapi takes 32)",
            many,
            USAGE,
            "too many archive ids (33)"));
    k.add(c(J, "archive id", "bad id in --backend", ok + "--backend x=s3 {mnt}", USAGE, "x=s3"));
    // hsm-root
    k.add(
        c(
            J,
            "hsm-root",
            "missing hsm-root",
            "--hsm-root {missing} {mnt}",
            256 - ENOENT,
            "{missing}"));
    k.add(
        c(J, "hsm-root", "hsm-root is a file", "--hsm-root {root}/a {mnt}", 256 - 20, "{root}/a"));
    k.add(
        Case.of(
            J, "hsm-root", "empty hsm-root", List.of("--hsm-root=", "{mnt}"), 256 - ENOENT, "''"));
    Case.more(
        k,
        full,
        c(
            J,
            "hsm-root",
            "missing hsm-root for max-sequence",
            "--hsm-root {missing} -M {mnt}",
            256 - ENOENT,
            "{missing}"));
    k.add(
        c(
                J,
                "hsm-root",
                "unreadable hsm-root (uid 65534)",
                "--hsm-root {locked} {mnt}",
                256 - EACCES,
                "{locked}")
            .asNobody());
    k.add(
        c(
            J,
            "path traversal",
            "hsm-root through a missing ../",
            "--hsm-root {root}/no-such-dir/.. {mnt}",
            256 - ENOENT,
            "{root}/no-such-dir/.."));
    Case.more(
        k,
        full,
        c(
            J,
            "path traversal",
            "hsm-root ../ into a missing dir",
            "--hsm-root {mnt}/../../no-such-dir {mnt}",
            256 - ENOENT,
            "{mnt}/../../no-such-dir"));
    // the mount
    k.add(c(J, "not Lustre", "plain directory as mount", ok + "{plain}", ENODEV, "{plain}"));
    k.add(c(J, "not Lustre", "missing mount", ok + "{missing}", ENOENT, "{missing}"));
    k.add(c(J, "not Lustre", "file as mount", ok + "{outside}/secret", ENOENT, "{outside}/secret"));
    // config files
    String cfg = "-C {cfg}/";
    k.add(
        c(J, "config", "missing config file", cfg + "nope.yaml {mnt}", ENOENT, "{cfg}/nope.yaml"));
    k.add(
        c(
            J,
            "config",
            "config file is a directory",
            cfg + "a-directory {mnt}",
            EISDIR,
            "{cfg}/a-directory"));
    k.add(
        c(
                J,
                "config",
                "unreadable config (uid 65534)",
                cfg + "unreadable.yaml {mnt}",
                EACCES,
                "{cfg}/unreadable.yaml")
            .asNobody());
    k.add(
        c(
            J,
            "config",
            "line without colon",
            cfg + "bad-syntax.yaml {mnt}",
            USAGE,
            "bad-syntax.yaml:1"));
    Case.more(
        k,
        full,
        c(J, "config", "indented key", cfg + "indented.yaml {mnt}", USAGE, "indented.yaml:1"));
    k.add(
        c(
            J,
            "config",
            "unterminated quote",
            cfg + "unterminated.yaml {mnt}",
            USAGE,
            "unterminated quote"));
    Case.more(
        k,
        full,
        c(J, "config", "binary garbage", cfg + "binary.yaml {mnt}", USAGE, "binary.yaml:1"));
    k.add(
        c(
            J,
            "config",
            "unknown key (warned, then not Lustre)",
            cfg + "unknown-key.yaml {plain}",
            ENODEV,
            "archive_pth",
            "{plain}"));
    k.add(
        c(
            J,
            "config",
            "bad archive_format (warned)",
            cfg + "bad-format.yaml {plain}",
            ENODEV,
            "v9",
            "{plain}"));
    k.add(
        c(
            J,
            "config",
            "archive_path missing",
            cfg + "missing-root.yaml {mnt}",
            256 - ENOENT,
            "no-such-dir"));
    k.add(
        c(
            J,
            "config",
            "archive_path is a file",
            cfg + "file-root.yaml {mnt}",
            256 - 20,
            "{root}/a"));
    Case.more(
        k,
        full,
        c(
            J,
            "config",
            "archive_path through a missing ../",
            cfg + "traversal-root.yaml {mnt}",
            256 - ENOENT,
            "no-such-dir/.."));
    k.add(c(J, "config", "backend ftp", cfg + "bad-backend.yaml {mnt}", USAGE, "ftp"));
    Case.more(
        k,
        full,
        c(J, "config", "backend for a bad id", cfg + "bad-backend-id.yaml {mnt}", USAGE, "x=s3"));
    k.add(c(J, "config", "s3_part_buffers not a number", cfg + "bad-s3.yaml {mnt}", USAGE, "many"));
    k.add(
        c(
            J,
            "config",
            "s3 backend without bucket",
            cfg + "s3-no-bucket.yaml {mnt}",
            USAGE,
            "s3_bucket"));
    // import
    String imp = ok + "--import ";
    k.add(
        c(
            J,
            "path traversal",
            "import source ../ out of hsm-root",
            imp + "../outside/secret {mnt}/x {mnt}",
            USAGE,
            "'../outside/secret'"));
    k.add(
        c(
            J,
            "path traversal",
            "import source through a link out of hsm-root",
            imp + "link-out/secret {mnt}/x {mnt}",
            USAGE,
            "'link-out/secret'"));
    Case.more(
        k,
        full,
        c(
            J,
            "path traversal",
            "import source deep ../",
            imp + "sub/../../outside/secret {mnt}/x {mnt}",
            USAGE,
            "'sub/../../outside/secret'"));
    k.add(
        c(
            J,
            "path traversal",
            "import destination outside Lustre",
            imp + "a {outside}/x {mnt}",
            USAGE,
            "'{outside}/x'"));
    k.add(
        c(
            J,
            "path traversal",
            "import destination ../ out of the mount",
            imp + "a {escape}/x {mnt}",
            USAGE,
            "'{escape}/x'"));
    k.add(
        c(
            J,
            "path traversal",
            "import absolute source",
            imp + "{outside}/secret {mnt}/x {mnt}",
            USAGE,
            "'{outside}/secret'"));
    k.add(c(J, "path traversal", "import relative destination", imp + "a x {mnt}", USAGE, "'x'"));
    k.add(
        c(J, "usage", "import missing source", imp + "nope {mnt}/x {mnt}", ENOENT, "{root}/nope"));
    Case.more(
        k,
        full,
        c(
            J,
            "usage",
            "import with two operands",
            imp + "a {mnt}",
            USAGE,
            "wrong number of arguments (2)"));
    k.add(
        c(
            J,
            "bad FID",
            "import of a FID still in Lustre",
            imp + "{fid} {mnt}/x {mnt}",
            EEXIST,
            "{fid}"));
    // rebind
    String rb = ok + "--rebind ";
    k.add(
        c(
            J,
            "bad FID",
            "rebind junk old FID",
            rb + "junk [0x200000401:0x1:0x0] {mnt}",
            USAGE,
            "'junk'"));
    k.add(
        c(
            J,
            "bad FID",
            "rebind short new FID",
            rb + "[0x200000401:0x1:0x0] [0x1:0x2] {mnt}",
            USAGE,
            "'[0x1:0x2]'"));
    Case.more(
        k,
        full,
        c(
            J,
            "bad FID",
            "rebind non-hex FID",
            rb + "[0xzz:0x1:0x0] [0x200000401:0x1:0x0] {mnt}",
            USAGE,
            "'[0xzz:0x1:0x0]'"));
    k.add(
        c(
            J,
            "bad FID",
            "rebind list missing",
            rb + "{missing}/list {mnt}",
            ENOENT,
            "{missing}/list"));
    int garbage = full ? 12 : 2;
    for (int i = 0; i < garbage; i++) {
      String g = Garbage.fid(r);
      k.add(
          Case.of(
              J,
              "bad FID",
              "rebind garbage FID #" + i,
              List.of("--hsm-root", "{root}", "--rebind", g, "[0x200000401:0x1:0x0]", "{mnt}"),
              USAGE,
              "'" + g + "'"));
    }
    // other paths
    k.add(
        c(
            J,
            "permission",
            "pid file in a missing dir",
            ok + "-P {missing}/pid {mnt}",
            ENOENT,
            "{missing}/pid"));
    k.add(
        c(
                J,
                "permission",
                "copytool as uid 65534",
                ok + "--register-timeout 0 {mnt}",
                EACCES,
                "EACCES",
                "{mnt}")
            .asNobody());
    return k;
  }
}
