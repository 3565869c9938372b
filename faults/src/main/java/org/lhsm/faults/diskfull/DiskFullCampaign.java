package org.lhsm.faults.diskfull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.UserAction;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.lhsm.faults.common.ArchiveAudit;
import org.lhsm.faults.common.Audits;
import org.lhsm.faults.common.Campaign;
import org.lhsm.faults.common.CampaignResult;
import org.lhsm.faults.common.Context;
import org.lhsm.faults.common.CopytoolLog;
import org.lhsm.faults.common.CopytoolProcess;
import org.lhsm.faults.common.Emulators;
import org.lhsm.faults.common.Hsm;
import org.lhsm.faults.common.Mounts;
import org.lhsm.faults.common.Seeds;
import org.lhsm.faults.common.Workload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaign 3: full disks. The archive on a small tmpfs: ARCHIVE fails with ENOSPC and the retry
 * flag (never EIO), nothing partial appears under a final name, other requests go on being served,
 * and once space is freed the requeued archives (NoRetryAction off) succeed by themselves. The
 * Lustre side on a small tmpfs: a RESTORE whose volatile file cannot be written fails the same way,
 * the file stays released, and it is restored by itself once space is freed. Six trials per round.
 */
public final class DiskFullCampaign implements Campaign {
  private static final Logger LOG = LoggerFactory.getLogger(DiskFullCampaign.class);
  static final String NAME = "disk-full";
  private static final int ENOSPC = 28;
  private static final long MIB = 1L << 20;
  private static final Duration WAIT = Duration.ofSeconds(180);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "archive and Lustre side on a full tmpfs: ENOSPC with retry, resumes by itself";
  }

  @Override
  public CampaignResult run(Context ctx) throws Exception {
    CampaignResult result = new CampaignResult(NAME, ctx.seed(), ctx.replayPrefix(NAME));
    long t0 = System.nanoTime();
    String why = Mounts.unavailable();
    if (why != null) {
      result.note("not run: " + why);
      return result;
    }
    int rounds = ctx.full() ? 4 : 1;
    for (int round = 0; round < rounds; round++) {
      long seed = Seeds.trial(ctx.seed(), NAME, round);
      if (ctx.trial().isEmpty() || ctx.trial().getAsInt() / 6 == round) {
        archiveSide(ctx, result, round, seed);
        lustreSide(ctx, result, round, seed);
      }
    }
    result.duration(Duration.ofNanos(System.nanoTime() - t0));
    return result;
  }

  private static Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("hsm/max_requests", "8");
    p.put("hsm/active_request_timeout", "60");
    p.put("hsm/loop_period", "1");
    p.put("hsm/grace_delay", "36000");
    return p;
  }

  /** NoRetryAction off: a failure with the retry flag goes back to WAITING by itself. */
  static void retryFailures(EmulatorProcess emu) throws IOException {
    Files.writeString(emu.paramFile("hsm/policy"), "-NRA\n");
    Await.until(
        "policy without NoRetryAction",
        () -> emu.param("hsm/policy"),
        p -> p.contains("NoRetryAction") && !p.contains("[NoRetryAction]"));
  }

  private static boolean has(Path f, HsmState s) throws IOException {
    return Hsm.states(f).contains(s);
  }

  private static String awaitOrProblem(String what, Predicate<Void> done) {
    try {
      Await.until(what, WAIT, () -> done.test(null));
      return null;
    } catch (AssertionError e) {
      return e.getMessage();
    }
  }

  /** Completions of {@code files} in the copytool's log that failed, and how. */
  private static List<CopytoolLog.Completion> failures(CopytoolProcess ct, List<Path> files)
      throws IOException {
    List<String> fids = new ArrayList<>();
    for (Path f : files) {
      fids.add(Hsm.fid(f).toNoBraceString());
    }
    return CopytoolLog.completions(ct.output()).stream()
        .filter(c -> fids.contains(c.fid()) && c.errno() != 0)
        .toList();
  }

  private static String onlyEnospcWithRetry(List<CopytoolLog.Completion> fails) {
    if (fails.isEmpty()) {
      return "no failure seen at all";
    }
    List<CopytoolLog.Completion> other =
        fails.stream().filter(c -> c.errno() != ENOSPC || !c.retry()).toList();
    return other.isEmpty() ? null : "failures other than ENOSPC with the retry flag: " + other;
  }

  private void archiveSide(Context ctx, CampaignResult result, int round, long seed)
      throws Exception {
    int base = round * 6;
    SplittableRandom r = Seeds.random(seed);
    Path dir = ctx.directory(NAME);
    Path arc = dir.resolve("archive");
    long fsSize = 16 * MIB;
    Mounts.tmpfs(arc, fsSize);
    try (EmulatorProcess emu = Emulators.start(ctx, dir, params())) {
      retryFailures(emu);
      // leave room for about two of the six files
      Path filler = arc.resolve("filler");
      Workload.write(filler, Mounts.free(arc) - 5 * MIB, 1);
      List<Path> files = new ArrayList<>();
      List<Long> seeds = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Path f = emu.mount(1).resolve("a" + i);
        long s = r.nextLong();
        Workload.write(f, 2 * MIB + r.nextInt(1 << 16), s);
        files.add(f);
        seeds.add(s);
      }
      try (CopytoolProcess ct =
          CopytoolProcess.startServing(ctx.env(), emu.mount(2), arc, dir.resolve("copytool.log"))) {
        for (Path f : files) {
          Hsm.request(f, UserAction.ARCHIVE, 1);
        }
        String seen =
            awaitOrProblem(
                "an ARCHIVE failing with ENOSPC",
                x -> {
                  try {
                    return failures(ct, files).size() >= 2;
                  } catch (IOException e) {
                    return false;
                  }
                });
        List<CopytoolLog.Completion> fails = failures(ct, files);
        result.trial(base, seen != null ? seen : onlyEnospcWithRetry(fails));
        result.count("archive ENOSPC failures seen (full)", fails.size());

        List<String> wrong = new ArrayList<>();
        for (Map.Entry<org.lhsm.bindings.Fid, Path> e :
            ArchiveAudit.scan(arc).dataFiles.entrySet()) {
          int i = -1;
          for (int k = 0; k < files.size(); k++) {
            if (Hsm.fid(files.get(k)).equals(e.getKey())) {
              i = k;
            }
          }
          if (i < 0 || !Workload.matches(e.getValue(), Files.size(files.get(i)), seeds.get(i))) {
            wrong.add("wrong content under the final name " + e.getValue());
          }
        }
        result.trial(base + 1, wrong.isEmpty() ? null : String.join("; ", wrong));

        // other requests go on: a file that made it is released and restored while full
        Path done = null;
        for (Path f : files) {
          if (has(f, HsmState.ARCHIVED)) {
            done = f;
          }
        }
        String served;
        if (done == null) {
          served = "no file archived before the disk filled up";
        } else {
          Path d = done;
          long s = seeds.get(files.indexOf(d));
          Hsm.request(d, UserAction.RELEASE, 0);
          Hsm.request(d, UserAction.RESTORE, 1);
          served =
              awaitOrProblem(
                  "restore of " + d + " while the archive disk is full",
                  x -> {
                    try {
                      return !has(d, HsmState.RELEASED) && Hsm.idle(d);
                    } catch (IOException e) {
                      return false;
                    }
                  });
          if (served == null && !Workload.matches(d, Files.size(d), s)) {
            served = "wrong data after the restore";
          }
        }
        result.trial(base + 2, served);

        // space freed: the requeued archives succeed by themselves (nothing is sent again)
        Files.delete(filler);
        String resumed =
            awaitOrProblem(
                "every file archived once space is freed",
                x -> {
                  try {
                    for (Path f : files) {
                      if (!has(f, HsmState.ARCHIVED) || !Hsm.idle(f)) {
                        return false;
                      }
                    }
                    return true;
                  } catch (IOException e) {
                    return false;
                  }
                });
        List<String> after = new ArrayList<>();
        if (resumed != null) {
          after.add(resumed);
        }
        for (int i = 0; i < files.size(); i++) {
          Path data = ArchiveAudit.scan(arc).dataFiles.get(Hsm.fid(files.get(i)));
          if (data == null || !Workload.matches(data, Files.size(files.get(i)), seeds.get(i))) {
            after.add("archive of " + files.get(i).getFileName() + " missing or wrong");
          }
        }
        after.addAll(Audits.noDebris(arc));
        result.trial(base + 3, after.isEmpty() ? null : String.join("; ", after));
        result.count(
            "archive completions with EIO",
            failures(ct, files).stream().filter(c -> c.errno() == 5).count());
        ct.stop(Duration.ofSeconds(60));
      }
    } finally {
      Mounts.umount(arc);
    }
  }

  private void lustreSide(Context ctx, CampaignResult result, int round, long seed)
      throws Exception {
    int base = round * 6 + 4;
    SplittableRandom r = Seeds.random(seed ^ 0x5bd1e995L);
    Path dir = ctx.directory(NAME);
    Path arc = Files.createDirectories(dir.resolve("archive"));
    EmulatorProcess emu = Emulators.start(ctx, dir, params());
    Path fs = emu.dir().resolve("fs");
    boolean mounted = false;
    try {
      // move the (still empty) filesystem onto a small tmpfs: the volatile files live there
      emu.stop();
      Path saved = emu.dir().resolve("fs.saved");
      Files.move(fs, saved);
      Mounts.tmpfs(fs, 24 * MIB);
      mounted = true;
      copyTree(saved, fs);
      deleteTree(saved);
      Files.writeString(
          emu.dir().resolve("state/params.conf"),
          "hsm.max_requests=8\nhsm.active_request_timeout=60\nhsm.loop_period=1\n");
      emu.restart();
      retryFailures(emu);
      List<Path> files = new ArrayList<>();
      List<Long> seeds = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Path f = emu.mount(1).resolve("l" + i);
        long s = r.nextLong();
        Workload.write(f, 4 * MIB + r.nextInt(1 << 16), s);
        files.add(f);
        seeds.add(s);
      }
      Path late = emu.mount(1).resolve("late");
      long lateSeed = r.nextLong();
      Workload.write(late, MIB, lateSeed);
      try (CopytoolProcess ct =
          CopytoolProcess.startServing(ctx.env(), emu.mount(2), arc, dir.resolve("copytool.log"))) {
        for (Path f : files) {
          Hsm.request(f, UserAction.ARCHIVE, 1);
        }
        Await.until(
            "the files archived",
            WAIT,
            () -> {
              for (Path f : files) {
                if (!has(f, HsmState.ARCHIVED)) {
                  return false;
                }
              }
              return true;
            });
        for (Path f : files) {
          Hsm.request(f, UserAction.RELEASE, 0);
        }
        Path filler = emu.mount(1).resolve("filler");
        Workload.write(filler, Mounts.free(fs) - MIB, 2);
        Path victim = files.get(0);
        Hsm.request(victim, UserAction.RESTORE, 1);
        Hsm.request(late, UserAction.ARCHIVE, 1);
        String seen =
            awaitOrProblem(
                "a RESTORE failing with ENOSPC",
                x -> {
                  try {
                    return !failures(ct, List.of(victim)).isEmpty();
                  } catch (IOException e) {
                    return false;
                  }
                });
        List<String> problems = new ArrayList<>();
        if (seen != null) {
          problems.add(seen);
        } else {
          String how = onlyEnospcWithRetry(failures(ct, List.of(victim)));
          if (how != null) {
            problems.add(how);
          }
        }
        if (!has(victim, HsmState.RELEASED)) {
          problems.add(victim + " not released while its restore cannot be written");
        }
        String other =
            awaitOrProblem(
                "an archive served while the Lustre side is full",
                x -> {
                  try {
                    return has(late, HsmState.ARCHIVED);
                  } catch (IOException e) {
                    return false;
                  }
                });
        if (other != null) {
          problems.add(other);
        }
        result.trial(base, problems.isEmpty() ? null : String.join("; ", problems));
        result.count("restore ENOSPC failures seen (full)", failures(ct, List.of(victim)).size());

        Files.delete(filler);
        String resumed =
            awaitOrProblem(
                "the restore done once space is freed",
                x -> {
                  try {
                    return !has(victim, HsmState.RELEASED) && Hsm.idle(victim);
                  } catch (IOException e) {
                    return false;
                  }
                });
        if (resumed == null && !Workload.matches(victim, Files.size(victim), seeds.get(0))) {
          resumed = "wrong data after the restore";
        }
        result.trial(base + 1, resumed);
        ct.stop(Duration.ofSeconds(60));
      }
      emu.stop();
    } finally {
      if (mounted) {
        try {
          Mounts.umount(fs);
        } catch (IOException e) {
          LOG.warn("{}", e.getMessage());
        }
      }
      emu.close();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(t);
          Files.setPosixFilePermissions(t, Files.getPosixFilePermissions(p));
        } else {
          Files.copy(
              p,
              t,
              java.nio.file.StandardCopyOption.COPY_ATTRIBUTES,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
