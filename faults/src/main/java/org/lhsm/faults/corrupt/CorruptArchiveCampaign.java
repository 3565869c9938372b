package org.lhsm.faults.corrupt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lhsm.bindings.ExtendedAttributes;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.UserAction;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.posix.ArchivePaths;
import org.lhsm.copytool.posix.PosixArchiveBackend;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.lhsm.faults.common.Campaign;
import org.lhsm.faults.common.CampaignResult;
import org.lhsm.faults.common.Context;
import org.lhsm.faults.common.CopytoolLog;
import org.lhsm.faults.common.CopytoolProcess;
import org.lhsm.faults.common.Emulators;
import org.lhsm.faults.common.Hsm;
import org.lhsm.faults.common.Seeds;
import org.lhsm.faults.common.Workload;

/**
 * Campaign 4: an archived and released file whose archive is then damaged. Where the damage can be
 * told (a flipped byte or a cut tail under the file's own checksum record, bytes appended, the data
 * file gone, a garbage {@code .lov}), the restore must fail with a clear errno, the file stay
 * released, and the copytool's log name the file and the reason. Where it is only the checksum
 * record that is missing, foreign or garbage over intact data, the restore must give the right
 * bytes (unverified, as for the stock tool's archives).
 */
public final class CorruptArchiveCampaign implements Campaign {
  static final String NAME = "corrupt";
  private static final int EIO = 5;
  private static final int ENOENT = 2;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "damaged archives: restore fails cleanly naming file and reason, file stays released";
  }

  /** The damage of a trial. */
  enum Damage {
    FLIP(EIO, "checksum mismatch for '%s'"),
    CUT_TAIL(EIO, "archive '%s' has"),
    APPEND(EIO, "archive '%s' has"),
    DATA_GONE(ENOENT, "%s"),
    LOV_GARBAGE(-1, "lustre.lov"),
    RECORD_MISSING(0, null),
    RECORD_GARBAGE(0, "ignoring the checksum record on '%s'"),
    RECORD_FOREIGN(0, "ignoring the checksum record on '%s'");

    /** The errno the restore must end with; 0 = must succeed; -1 = any errno. */
    final int errno;

    /** What the log must say, {@code %s} the data file. */
    final String logged;

    Damage(int errno, String logged) {
      this.errno = errno;
      this.logged = logged;
    }
  }

  @Override
  public CampaignResult run(Context ctx) throws Exception {
    CampaignResult result = new CampaignResult(NAME, ctx.seed(), ctx.replayPrefix(NAME));
    long t0 = System.nanoTime();
    int trials = ctx.full() ? 80 : 16;
    long maxSize = ctx.full() ? 32L << 20 : 4L << 20;
    Path dir = ctx.directory(NAME);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("hsm/loop_period", "1");
    params.put("hsm/grace_delay", "36000");
    Map<String, Integer> errnos = new TreeMap<>();
    try (EmulatorProcess emu = Emulators.start(ctx, dir, params)) {
      Path arc = Files.createDirectories(dir.resolve("archive"));
      ArchivePaths paths = new ArchivePaths(arc, ArchiveFormat.V1);
      try (CopytoolProcess ct =
          CopytoolProcess.startServing(ctx.env(), emu.mount(2), arc, dir.resolve("copytool.log"))) {
        Path donor = null;
        for (int k = 0; k < trials; k++) {
          if (!ctx.runs(k) && !(ctx.trial().isPresent() && k == 0)) {
            continue;
          }
          long seed = Seeds.trial(ctx.seed(), NAME, k);
          SplittableRandom r = Seeds.random(seed);
          Damage d = Damage.values()[k % Damage.values().length];
          long size = 1 + (long) Math.pow(2, r.nextDouble() * (Math.log(maxSize) / Math.log(2)));
          Path f = emu.mount(1).resolve("c" + k);
          Workload.write(f, size, seed);
          Fid fid = Hsm.fid(f);
          Hsm.request(f, UserAction.ARCHIVE, 1);
          Await.until("archived " + f, () -> Hsm.states(f).contains(HsmState.ARCHIVED));
          Hsm.request(f, UserAction.RELEASE, 0);
          Path data = paths.dataPath(fid);
          damage(d, data, r, donor);
          if (d == Damage.RECORD_FOREIGN || donor == null) {
            donor = data;
          }
          int before = CopytoolLog.of(ct.output(), fid.toNoBraceString()).size();
          Hsm.request(f, UserAction.RESTORE, 1);
          Await.until(
              "restore of " + f + " ended",
              () ->
                  CopytoolLog.of(ct.output(), fid.toNoBraceString()).size() > before
                      && Hsm.idle(f));
          CopytoolLog.Completion c = CopytoolLog.of(ct.output(), fid.toNoBraceString()).get(before);
          errnos.merge(d.name().toLowerCase() + "=" + c.errno(), 1, Integer::sum);
          result.trial(k, check(d, c, f, size, seed, data, ct.output()));
        }
        ct.stop(Duration.ofSeconds(60));
      }
    }
    result.figure("restore outcome by damage (errno)", errnos);
    result.duration(Duration.ofNanos(System.nanoTime() - t0));
    return result;
  }

  private static String check(
      Damage d, CopytoolLog.Completion c, Path f, long size, long seed, Path data, String log)
      throws IOException {
    List<String> problems = new ArrayList<>();
    boolean released = Hsm.states(f).contains(HsmState.RELEASED);
    if (d.errno == 0) {
      if (c.errno() != 0) {
        problems.add("restore failed with errno " + c.errno() + " over intact data");
      } else if (released || !Workload.matches(f, size, seed)) {
        problems.add("wrong data after the restore");
      }
    } else {
      if (c.errno() == 0) {
        problems.add("restore of a damaged archive succeeded");
      } else if (d.errno > 0 && c.errno() != d.errno) {
        problems.add("errno " + c.errno() + ", expected " + d.errno);
      }
      if (!released) {
        problems.add("the file is no longer released");
      }
    }
    if (d.logged != null && !log.contains(String.format(d.logged, data))) {
      problems.add("the log does not say '" + String.format(d.logged, data) + "'");
    }
    return problems.isEmpty() ? null : d + ": " + String.join("; ", problems);
  }

  private static void damage(Damage d, Path data, SplittableRandom r, Path donor)
      throws IOException {
    long size = Files.size(data);
    switch (d) {
      case FLIP -> {
        try (FileChannel ch =
            FileChannel.open(data, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
          long at = r.nextLong(size);
          ByteBuffer b = ByteBuffer.allocate(1);
          ch.read(b, at);
          b.put(0, (byte) (b.get(0) ^ (1 << r.nextInt(8))));
          b.rewind();
          ch.write(b, at);
        }
      }
      case CUT_TAIL -> {
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
          ch.truncate(r.nextLong(size));
        }
      }
      case APPEND -> Files.write(data, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
      case DATA_GONE -> Files.delete(data);
      case LOV_GARBAGE -> {
        byte[] g = new byte[1 + r.nextInt(200)];
        r.nextBytes(g);
        Files.write(ArchivePaths.lovPath(data), g);
      }
      case RECORD_MISSING -> ExtendedAttributes.remove(data, PosixArchiveBackend.CHECKSUM_XATTR);
      case RECORD_GARBAGE -> {
        byte[] g = new byte[1 + r.nextInt(100)];
        r.nextBytes(g);
        ExtendedAttributes.set(data, PosixArchiveBackend.CHECKSUM_XATTR, g);
      }
      case RECORD_FOREIGN -> {
        if (donor != null && Files.exists(donor)) {
          ExtendedAttributes.set(
              data,
              PosixArchiveBackend.CHECKSUM_XATTR,
              ExtendedAttributes.get(donor, PosixArchiveBackend.CHECKSUM_XATTR)
                  .orElse("none".getBytes(StandardCharsets.US_ASCII)));
        }
      }
    }
  }
}
