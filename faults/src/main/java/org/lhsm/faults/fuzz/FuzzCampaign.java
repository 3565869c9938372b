package org.lhsm.faults.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.lhsm.faults.common.Campaign;
import org.lhsm.faults.common.CampaignResult;
import org.lhsm.faults.common.Context;
import org.lhsm.faults.common.CopytoolProcess;
import org.lhsm.faults.common.Emulators;
import org.lhsm.faults.common.Hsm;
import org.lhsm.faults.common.Seeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaign 5: fuzzing the boundaries, in four parts, each case a trial (trial {@code p * 10^7 + i}
 * is case {@code i} of part {@code p}): 0 the Java decoder, 1 the emulation library's receive path
 * built with -fsanitize=address,undefined and fed by a fake daemon ({@code kuc-fuzz}), 2 the
 * emulator daemon's socket, 3 jhsmtool fed mutated frames by a coordinator gone wrong, each
 * followed by a valid list it must still serve.
 */
public final class FuzzCampaign implements Campaign {
  private static final Logger LOG = LoggerFactory.getLogger(FuzzCampaign.class);
  static final String NAME = "fuzz";
  static final long PART = 10_000_000L;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "random and mutated lists and frames: decoder, library recv (ASan), daemon socket, jhsmtool";
  }

  @Override
  public CampaignResult run(Context ctx) throws Exception {
    CampaignResult result = new CampaignResult(NAME, ctx.seed(), ctx.replayPrefix(NAME));
    long t0 = System.nanoTime();
    long[] counts =
        ctx.full()
            ? new long[] {100_000, 100_000, 100_000, 2_000}
            : new long[] {100_000, 10_000, 5_000, 150};
    for (int part = 0; part < 4; part++) {
      long first = 0;
      long count = counts[part];
      if (ctx.trial().isPresent()) {
        long k = ctx.trial().getAsInt();
        if (k / PART != part) {
          continue;
        }
        first = k % PART;
        count = 1;
      }
      long pt = System.nanoTime();
      switch (part) {
        case 0 -> DecoderFuzz.run(ctx.seed(), first, count, 0, result);
        case 1 -> kuc(ctx, first, count, result);
        case 2 -> socket(ctx, first, count, result);
        default -> copytool(ctx, first, count, result);
      }
      result.figure(
          "part " + part + " seconds", String.format("%.1f", (System.nanoTime() - pt) / 1e9));
    }
    result.duration(Duration.ofNanos(System.nanoTime() - t0));
    return result;
  }

  // ------------------------------------------------------------------ part 1: C, sanitizers

  private static final Pattern KUC_SUMMARY = Pattern.compile("kuc: (\\d+) passed, (\\d+) failed");
  private static final Pattern KUC_REPLAY = Pattern.compile("replay: kuc-fuzz \\S+ 1 (\\d+)");

  private void kuc(Context ctx, long first, long count, CampaignResult result) throws Exception {
    Path out = ctx.env().tree().resolve("faults/target/asan");
    ChildProcess.Result make =
        ChildProcess.run(
            List.of(
                "make",
                "-s",
                "-C",
                ctx.env().tree().resolve("faults/src/main/c").toString(),
                "OUT=" + out),
            Map.of(),
            Duration.ofMinutes(10));
    if (make.exitCode() != 0) {
      result.fail((int) PART, "cannot build kuc-fuzz with the sanitizers: " + make.stderr());
      return;
    }
    ChildProcess.Result r =
        ChildProcess.run(
            List.of(
                out.resolve("kuc-fuzz").toString(), Seeds.hex(ctx.seed()), "" + count, "" + first),
            Map.of(
                "ASAN_OPTIONS", "detect_leaks=0:abort_on_error=0:halt_on_error=1",
                "UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1",
                "LHSM_EMU_FRAME_TIMEOUT", "0.05"),
            Duration.ofHours(2));
    Matcher m = KUC_SUMMARY.matcher(r.stdout());
    if (!m.find()) {
      result.fail(
          (int) (PART + first),
          "kuc-fuzz ended " + r.exitCode() + " without a summary (crash?): " + tail(r.stderr()));
      return;
    }
    result.passMany(Long.parseLong(m.group(1)));
    Matcher f = KUC_REPLAY.matcher(r.stderr());
    int failures = 0;
    while (f.find()) {
      failures++;
      result.fail((int) (PART + Long.parseLong(f.group(1))), "library recv: " + tail(r.stderr()));
    }
    if (failures == 0 && Long.parseLong(m.group(2)) > 0) {
      result.fail((int) (PART + first), "kuc-fuzz failures: " + tail(r.stderr()));
    }
    for (String line : r.stdout().lines().skip(1).toList()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        result.figure(
            "recv: " + line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
  }

  private static String tail(String s) {
    List<String> lines = s.lines().toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
  }

  // ------------------------------------------------------------------ part 2: daemon socket

  private void socket(Context ctx, long first, long count, CampaignResult result) throws Exception {
    Path dir = ctx.directory(NAME);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("hsm/loop_period", "1");
    try (EmulatorProcess emu = Emulators.start(ctx, dir, params)) {
      Path file = Files.writeString(emu.mount(1).resolve("known"), "known");
      Fid fid = Hsm.fid(file);
      Path real = file.toRealPath();
      SocketFuzz fz = new SocketFuzz(emu.socket(), real, fid, emu.mount(2));
      Map<String, Long> rcs = new LinkedHashMap<>();
      long refused = 0;
      for (long i = first; i < first + count; i++) {
        SplittableRandom r = Seeds.random(ctx.seed() ^ (i * 0x9E3779B97F4A7C15L));
        byte[] req = fz.request(r);
        String problem;
        try {
          SocketFuzz.Answer a = fz.exchange(req, 15_000);
          problem = a.problem();
          if (a.problem() == null && a.answers() == 0) {
            refused++;
          } else {
            rcs.merge(
                a.rc() == 0
                    ? "0"
                    : a.rc() > 0 ? "positive" : "-" + org.lhsm.bindings.Errno.nameOf(-a.rc()),
                1L,
                Long::sum);
          }
        } catch (IOException e) {
          problem = "cannot talk to the daemon: " + e;
        }
        if (problem == null && (i % 250 == 0 || i == first + count - 1)) {
          problem = health(emu, file, fid);
        }
        result.trial((int) (2 * PART + i), problem == null ? null : "daemon socket: " + problem);
        if (problem != null && !emuAlive(emu)) {
          break;
        }
      }
      long internal =
          Files.readAllLines(emu.log()).stream()
              .filter(l -> l.contains(" failed") && l.contains("ERROR"))
              .count();
      result.figure("daemon: answers by rc", rcs);
      result.figure("daemon: connections closed without an answer", refused);
      result.figure("daemon: unexpected exceptions answered EIO (log)", internal);
      if (internal > 0) {
        result.fail(
            (int) (2 * PART + first),
            "the daemon turned "
                + internal
                + " unexpected exceptions into EIO (see its log "
                + emu.log()
                + ")");
      }
    }
  }

  private static boolean emuAlive(EmulatorProcess emu) {
    return ProcessHandle.of(emu.pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  private static String health(EmulatorProcess emu, Path file, Fid fid) {
    if (!emuAlive(emu)) {
      return "the daemon died";
    }
    try {
      Fid now = Hsm.fid(file);
      return now.equals(fid) ? null : "path2fid of a known file gives " + now + ", not " + fid;
    } catch (IOException e) {
      return "a valid request fails afterwards: " + e;
    }
  }

  // ------------------------------------------------------------------ part 3: jhsmtool

  private void copytool(Context ctx, long first, long count, CampaignResult result)
      throws Exception {
    Path dir = Files.createTempDirectory("lhsm-fz-");
    Path arc = Files.createDirectories(dir.resolve("arc"));
    long served = 0;
    try (FakeCoordinator fake = new FakeCoordinator(dir);
        CopytoolProcess ct =
            CopytoolProcess.start(
                ctx.env(),
                "jhsmtool",
                fake.mount(),
                arc,
                List.<String>of(),
                List.of("--max-jobs", "2", "-u", "1", "--register-timeout", "0"),
                ctx.directory(NAME).resolve("copytool.log"),
                Map.of("LHSM_EMU_FRAME_TIMEOUT", "0.2"))) {
      ct.awaitLine(CopytoolProcess.READY, Duration.ofSeconds(120));
      for (long i = first; i < first + count; i++) {
        SplittableRandom r = Seeds.random(ctx.seed() ^ (i * 0x9E3779B97F4A7C15L));
        HsmActionList valid = Frames.list(r, FakeCoordinator.FSNAME, 1, 4, 0x1000 + i * 8);
        byte[] frame =
            r.nextBoolean()
                ? Frames.mutate(Frames.kuc(valid.encode()), r)
                : Frames.kuc(Frames.mutate(valid.encode(), r));
        long cookie = 0x5E000000L + i;
        byte[] sentinel =
            Frames.kuc(
                new HsmActionList(
                        HsmActionList.VERSION,
                        FakeCoordinator.FSNAME,
                        1,
                        0,
                        List.of(
                            new org.lhsm.bindings.HsmActionItem(
                                org.lhsm.bindings.CopytoolAction.ARCHIVE,
                                new Fid(0x200000401L, (int) i, 0),
                                new Fid(0x200000401L, (int) i, 0),
                                org.lhsm.bindings.HsmExtent.whole(),
                                cookie,
                                0,
                                new byte[0])))
                    .encode());
        int regs = fake.registrations();
        fake.send(frame);
        fake.send(sentinel);
        String problem = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long resent = System.nanoTime();
        while (!fake.ended(cookie)) {
          if (!ct.isAlive()) {
            problem = "jhsmtool exited: " + ct.logTail();
            break;
          }
          if (System.nanoTime() > deadline) {
            problem = "the valid list after case " + i + " was never served";
            break;
          }
          if (fake.registrations() != regs
              || System.nanoTime() - resent > Duration.ofSeconds(3).toNanos()) {
            // registered again (malformed frame), or the sentinel was swallowed: send it again
            regs = fake.registrations();
            resent = System.nanoTime();
            fake.send(sentinel);
          }
          Thread.sleep(5);
        }
        if (problem == null) {
          served++;
        }
        result.trial((int) (3 * PART + i), problem == null ? null : "jhsmtool: " + problem);
        if (problem != null) {
          // dead or no longer serving: every later case would only wait out its deadline
          result.figure("jhsmtool: cases not run after the first failure", first + count - 1 - i);
          break;
        }
      }
      result.figure("jhsmtool: valid lists served after a bad one", served);
      result.figure("jhsmtool: registrations (1 + reconnects)", fake.registrations());
      result.figure("jhsmtool: actions ended (COPY_END)", fake.endedCount());
      result.figure(
          "jhsmtool: receive errors logged",
          ct.output().lines().filter(l -> l.contains("cannot receive action list")).count());
      int status = ct.stop(Duration.ofSeconds(60));
      if (status != 0) {
        result.fail(
            (int) (3 * PART + first), "jhsmtool exited " + status + " on SIGTERM after the fuzz");
      }
    } finally {
      ctx.cleanup(dir);
    }
  }
}
