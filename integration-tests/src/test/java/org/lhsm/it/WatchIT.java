package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.ProgressState;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.it.support.TestData;

/**
 * {@code agentctl requests --watch --json} during an archive the copytool throttles to 1 MiB/s: the
 * request's bytes done rise from reading to reading and its ETA moves. Both targets (on real Lustre
 * other requests may be running: only this file's lines count).
 */
class WatchIT extends HsmSuite {
  private static final long MIB = 1024 * 1024;
  private static final Pattern BYTES_DONE = Pattern.compile("\"bytesDone\":(\\d+)");
  private static final Pattern ETA = Pattern.compile("\"etaSeconds\":(\\d+)");

  @Test
  void bytesDoneRiseAndTheEtaMovesDuringAThrottledArchive() throws Exception {
    Path f = dir.resolve("big");
    TestData.write(f, 16 * MIB, 0x5a);
    String fid = HsmClient.path2fid(f).toString();
    startCopytool("ct", target.agentMounts().get(0), "-u", "1", "-b", "1");
    agentctl.ok("archive --archive-id 1", f);
    Await.until(
        "the archive of " + f + " running",
        () -> currentAction(f).state(),
        s -> s == ProgressState.RUNNING);

    String out =
        agentctl
            .ok(
                "requests",
                "--watch",
                "--json",
                "--interval",
                "2",
                "--count",
                "5",
                "--progress-interval",
                "1",
                "--mount",
                target.clientMount().toString())
            .out();
    List<String> ours = out.lines().filter(l -> l.contains("\"fid\":\"" + fid + "\"")).toList();
    List<Long> done = ours.stream().map(l -> number(BYTES_DONE, l)).filter(n -> n >= 0).toList();
    List<Long> etas = ours.stream().map(l -> number(ETA, l)).filter(n -> n >= 0).toList();

    assertThat(done).as(out).hasSizeGreaterThanOrEqualTo(3).isSorted();
    assertThat(done.get(done.size() - 1)).as(out).isGreaterThan(done.get(0));
    assertThat(ours).as(out).allMatch(l -> l.contains("\"bytesTotal\":" + 16 * MIB));
    assertThat(etas).as(out).hasSizeGreaterThanOrEqualTo(2);
    assertThat(etas.stream().distinct().count()).as("a moving ETA: " + out).isGreaterThan(1);
    awaitArchived(f);
  }

  /** The number {@code p} finds in {@code line}, or -1 (a null, or no such field). */
  private static long number(Pattern p, String line) {
    Matcher m = p.matcher(line);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
