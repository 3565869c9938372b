package org.lhsm.agentctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.agentctl.cli.WhyCommandTest.agent;
import static org.lhsm.agentctl.cli.WhyCommandTest.rec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.testing.Cli;
import org.lhsm.agentctl.testing.FakeHsmFiles;
import org.lhsm.agentctl.testing.ParamTree;
import org.lhsm.bindings.Fid;

/** {@code requests --watch}, {@code requests --stuck} and the ETA of {@code why}. */
class ProgressCommandsTest {
  private static final String DEV = "lustre-MDT0000";
  private static final String AGENT = "de2c3719-cca7-4408-9d26-90db9b7adf2e";
  private static final long MIB = 1 << 20;

  @TempDir Path tmp;

  private FakeHsmFiles fs;
  private ParamTree tree;
  private Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    fs = new FakeHsmFiles(tmp.resolve("mnt"));
    tree = new ParamTree(tmp.resolve("root"), ParamTree.Layout.SYSFS_DEBUGFS);
    tree.defaults(DEV);
    cli = new Cli(fs, tree.systemRoots());
  }

  static String active(Fid fid, long cookie, String action, String uuid, long done) {
    return "fid="
        + fid
        + " dfid="
        + fid
        + " compound/cookie=0x0/0x"
        + Long.toHexString(cookie)
        + " action="
        + action
        + " archive#=1 flags=0x0 extent=0x0-0xffffffffffffffff gid=0x0 data=[] canceled=0"
        + " uuid="
        + uuid
        + " done="
        + done
        + "\n";
  }

  private void put(String name, String content) {
    try {
      tree.put(DEV, name, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 40 MiB file being archived: +4 MiB every 2 s of the fake clock. */
  private Path runningArchive(long cookie) throws Exception {
    Path f = fs.add("big");
    Files.write(f, new byte[(int) (40 * MIB)]);
    Fid fid = fs.fid(f);
    // as on the emulator: .lustre/fid/<FID> opens the file
    Path byFid = fs.root().resolve(".lustre/fid/" + fid.toNoBraceString());
    Files.createDirectories(byFid.getParent());
    Files.createSymbolicLink(byFid, f);
    put("agents", agent(AGENT, "1"));
    put("actions", rec(fid, cookie, "ARCHIVE", 1, "STARTED"));
    put("active_requests", active(fid, cookie, "ARCHIVE", AGENT, 0));
    AtomicInteger pauses = new AtomicInteger();
    cli.onPause(
        () -> {
          long seconds = cli.clock().instant().getEpochSecond() % 86400;
          if (pauses.incrementAndGet() > 0) {
            long done = Math.min(40, seconds / 2 * 4) * MIB;
            put("active_requests", active(fid, cookie, "ARCHIVE", AGENT, done));
          }
        });
    return f;
  }

  @Test
  void watchShowsBytesRateAndEtaPerReading() throws Exception {
    Path f = runningArchive(0x10);
    Cli.Result r =
        cli.run(
            "requests",
            "--watch",
            "--count",
            "4",
            "--interval",
            "2",
            "--progress-interval",
            "2",
            "--mount",
            fs.root().toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("2026-01-01T00:00:00Z  running requests: 1");
    assertThat(lines.get(1)).startsWith("MDT ").contains("DONE", "SIZE", "RATE", "ETA");
    assertThat(lines.get(2)).contains("0x10", "ARCHIVE", AGENT, "0 B", "40.0 MiB", "-");
    // third reading: 8 MiB after 4 s, 2 MiB/s, 32 MiB to go
    assertThat(lines.get(6)).isEqualTo("2026-01-01T00:00:04Z  running requests: 1");
    assertThat(lines.get(8)).contains("8.0 MiB", "40.0 MiB", "2.0 MiB/s", "16s");
    assertThat(fs.fid(f)).isNotNull();
  }

  @Test
  void watchJsonIsOneObjectPerRequestAndReading() throws Exception {
    runningArchive(0x11);
    Cli.Result r =
        cli.run(
            "requests",
            "--watch",
            "--json",
            "--count",
            "3",
            "--interval",
            "2",
            "--progress-interval",
            "2",
            "--mount",
            fs.root().toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .startsWith("{\"time\":\"2026-01-01T00:00:00Z\",\"mdt\":\"lustre-MDT0000\"")
        .contains("\"cookie\":\"0x11\"", "\"bytesDone\":0", "\"bytesPerSecond\":null");
    assertThat(lines.get(2))
        .contains(
            "\"bytesDone\":" + 8 * MIB,
            "\"bytesTotal\":" + 40 * MIB,
            "\"bytesPerSecond\":" + 2 * MIB,
            "\"etaSeconds\":16",
            "\"stalled\":false");
  }

  @Test
  void stuckListsGoneAgentsAndRequestsWithoutProgress() throws Exception {
    Fid a = new Fid(0x200000401L, 1, 0);
    Fid b = new Fid(0x200000401L, 2, 0);
    Fid c = new Fid(0x200000401L, 3, 0);
    Fid d = new Fid(0x200000401L, 4, 0);
    put("agents", agent(AGENT, "1"));
    put(
        "actions",
        rec(a, 0x1, "ARCHIVE", 1, "STARTED")
            + rec(b, 0x2, "ARCHIVE", 1, "STARTED")
            + rec(c, 0x3, "RESTORE", 1, "STARTED")
            + rec(d, 0x4, "ARCHIVE", 1, "STARTED"));
    AtomicInteger n = new AtomicInteger();
    Runnable write =
        () ->
            put(
                "active_requests",
                active(a, 0x1, "ARCHIVE", AGENT, 100)
                    + active(b, 0x2, "ARCHIVE", AGENT, 100 + n.get())
                    + active(c, 0x3, "RESTORE", "dead-agent", 7));
    write.run();
    cli.onPause(
        () -> {
          n.incrementAndGet();
          write.run();
        });
    Cli.Result r =
        cli.run("requests", "--stuck", "--progress-interval", "10", "--stuck-after", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).contains("0x1", AGENT, "no progress for 30 s (done=100)");
    assertThat(lines.get(2))
        .contains(
            "0x3",
            "RESTORE",
            "agent dead-agent is no longer registered; no progress for 30 s (done=7)");
    assertThat(lines.get(3)).contains("0x4", "STARTED but unknown to the coordinator");
    assertThat(cli.clock().instant().toString()).isEqualTo("2026-01-01T00:00:30Z");

    Cli.Result j =
        cli.run("requests", "--stuck", "--json", "--stuck-after", "0", "--action", "RESTORE");
    assertThat(j.exitCode()).as(j.err()).isZero();
    assertThat(j.out())
        .contains("\"cookie\":\"0x3\"", "\"reason\":\"agent-gone\"")
        .doesNotContain("\"cookie\":\"0x1\"", "\"cookie\":\"0x4\"");
  }

  @Test
  void nothingStuck() throws Exception {
    Cli.Result r = cli.run("requests", "--stuck", "--stuck-after", "0");
    assertThat(r.out()).isEqualTo("no stuck request on lustre\n");
  }

  @Test
  void watchAndStuckExcludeEachOther() {
    Cli.Result r = cli.run("requests", "--watch", "--stuck");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--watch and --stuck do not go together");
  }

  @Test
  void whyGivesTheEtaOfARunningRequest() throws Exception {
    Path f = runningArchive(0x20);
    fs.ending(f, FakeHsmFiles.Ending.RUNNING_FOREVER);
    assertThat(cli.run("archive", f.toString()).exitCode()).isZero();
    cli.run("action", f.toString());
    Cli.Result r = cli.run("why", "--progress-interval", "2", f.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            f
                + ": ARCHIVE (cookie 0x20, archive 1) running on agent "
                + AGENT
                + ", 4.0 MiB of 40.0 MiB done, 2.0 MiB/s, ETA 18s\n");
    Cli.Result j = cli.run("why", "--json", "--progress-interval", "2", f.toString());
    assertThat(j.out())
        .contains(
            "\"running\":{\"bytesDone\":"
                + 8 * MIB
                + ",\"bytesTotal\":"
                + 40 * MIB
                + ",\"bytesPerSecond\":"
                + 2 * MIB
                + ",\"etaSeconds\":16,\"stalled\":false}");
  }

  @Test
  void whyWithoutWaitingHasNoRate() throws Exception {
    Path f = runningArchive(0x21);
    fs.ending(f, FakeHsmFiles.Ending.RUNNING_FOREVER);
    assertThat(cli.run("archive", f.toString()).exitCode()).isZero();
    cli.run("action", f.toString());
    Cli.Result r = cli.run("why", "--eta-wait", "0", f.toString());
    assertThat(r.out()).contains(", 0 B of 40.0 MiB done, rate unknown");
    assertThat(cli.pauses()).isZero();
  }
}
