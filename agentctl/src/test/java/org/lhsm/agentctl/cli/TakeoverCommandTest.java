package org.lhsm.agentctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.agentctl.cli.ProgressCommandsTest.active;
import static org.lhsm.agentctl.cli.WhyCommandTest.agent;
import static org.lhsm.agentctl.cli.WhyCommandTest.rec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * {@code agentctl takeover} against a parameter tree and a spool directory answered by a stand-in
 * for the copytool (run at each pause of the command).
 */
class TakeoverCommandTest {
  private static final String DEV = "lustre-MDT0000";
  private static final Fid A = new Fid(0x200000401L, 1, 0);
  private static final Fid B = new Fid(0x200000401L, 2, 0);
  private static final Fid C = new Fid(0x200000401L, 3, 0);

  @TempDir Path tmp;

  private ParamTree tree;
  private Cli cli;
  private Path spool;
  private final List<String> orders = new ArrayList<>();
  private final AtomicInteger moving = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    tree = new ParamTree(tmp.resolve("root"), ParamTree.Layout.SYSFS_DEBUGFS);
    tree.defaults(DEV);
    tree.put(DEV, "agents", agent("dead", "1") + agent("taker", "1"));
    tree.put(
        DEV,
        "actions",
        rec(A, 0x10, "ARCHIVE", 1, "STARTED")
            + rec(B, 0x11, "ARCHIVE", 1, "STARTED")
            + rec(C, 0x12, "ARCHIVE", 1, "STARTED"));
    writeActive();
    spool = Files.createDirectories(tmp.resolve("spool"));
    cli = new Cli(new FakeHsmFiles(tmp.resolve("mnt")), tree.systemRoots());
    heartbeat("taker");
    cli.onPause(this::copytool);
  }

  private void writeActive() throws IOException {
    tree.put(
        DEV,
        "active_requests",
        active(A, 0x10, "ARCHIVE", "dead", 5)
            + active(B, 0x11, "ARCHIVE", "dead", 5 + moving.get())
            + active(C, 0x12, "ARCHIVE", "taker", 5));
  }

  private void heartbeat(String uuid) throws IOException {
    Files.writeString(
        spool.resolve("agent"),
        "uuid=" + uuid + " pid=4242 mount=/mnt/lustre2 time=" + cli.clock().millis() + "\n");
  }

  /** The copytool's side: progress on 0x11, and an answer to every order. */
  private void copytool() {
    try {
      moving.incrementAndGet();
      writeActive();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(spool, "*.order")) {
        for (Path o : ds) {
          String text = Files.readString(o);
          orders.add(text);
          StringBuilder result = new StringBuilder();
          for (String line : text.lines().filter(l -> !l.startsWith("#")).toList()) {
            String cookie = line.replaceAll(".* cookie=(\\S+) .*", "$1");
            result.append(
                "cookie="
                    + cookie
                    + " result=requeued errno=- message=back in the queue (WAITING) with its cookie\n");
          }
          String name = o.getFileName().toString().replace(".order", ".result");
          Files.delete(o);
          Files.writeString(spool.resolve(name), result);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Cli.Result takeover(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "takeover",
                "--spool",
                spool.toString(),
                "--progress-interval",
                "1",
                "--stuck-after",
                "2",
                "--interval",
                "1"));
    args.addAll(List.of(more));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void allTakesTheRequestsWithoutProgressOfOtherAgents() {
    Cli.Result r = takeover("--all");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "0x10: ARCHIVE of agent dead handed back by taker (requeued): back in the queue"
                + " (WAITING) with its cookie\n");
    assertThat(orders).hasSize(1);
    assertThat(orders.get(0).lines().filter(l -> !l.startsWith("#")).toList())
        .containsExactly(
            "mdt=lustre-MDT0000 cookie=0x10 action=ARCHIVE fid=[0x200000401:0x1:0x0]"
                + " dfid=[0x200000401:0x1:0x0] archive=1 flags=0x0 extent=0x0-0xffffffffffffffff"
                + " datalen=0 data=-");
    assertThat(cli.clock().instant().toString()).isEqualTo("2026-01-01T00:00:02.500Z");
  }

  @Test
  void namedRequestsThatDoNotQualifyAreRefusedOneByOne() {
    Cli.Result r = takeover("0x11", "0x12", "0x99", "0x10");
    assertThat(r.exitCode()).isEqualTo(ExitCode.PARTIAL);
    assertThat(r.err().lines().toList())
        .containsExactlyInAnyOrder(
            "agentctl: takeover 0x12: not taken over: it runs on the taking copytool itself",
            "agentctl: takeover 0x11: not taken over: it progressed during the 2 s window",
            "agentctl: takeover 0x99: not taken over: no running request with this cookie");
    assertThat(r.out()).contains("0x10: ARCHIVE of agent dead handed back by taker (requeued)");
  }

  @Test
  void dryRunWritesNoOrder() {
    Cli.Result r = takeover("--all", "--dry-run");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("0x10: ARCHIVE on agent dead: would be handed back\n");
    assertThat(orders).isEmpty();
  }

  @Test
  void theTakerMustBeAliveAndRegistered() throws Exception {
    Files.delete(spool.resolve("agent"));
    Cli.Result none = takeover("--all");
    assertThat(none.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(none.err()).contains("no copytool serves " + spool);

    heartbeat("stranger");
    Cli.Result unregistered = takeover("--all");
    assertThat(unregistered.exitCode()).isEqualTo(ExitCode.COORDINATOR_UNAVAILABLE);
    assertThat(unregistered.err()).contains("(agent stranger) is not registered on " + DEV);

    heartbeat("taker");
    cli.clock().advance(java.time.Duration.ofSeconds(11));
    Cli.Result stale = takeover("--all");
    assertThat(stale.exitCode()).isEqualTo(ExitCode.COORDINATOR_UNAVAILABLE);
    assertThat(stale.err()).contains("gave no sign of life for 11 s");
    assertThat(orders).isEmpty();
  }

  @Test
  void aRequestMustBeWatchedBeforeItIsTakenOver() {
    Cli.Result r = cli.run("takeover", "--spool", spool.toString(), "--all", "--stuck-after", "0");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--stuck-after and --progress-interval must be 1 or more");
    Cli.Result both = takeover("--all", "0x10");
    assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
  }
}
