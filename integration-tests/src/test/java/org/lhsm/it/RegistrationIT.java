package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.HsmClient;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.it.support.AgentCtlRunner;
import org.lhsm.it.support.Copytool;

/** Copytool registration as the coordinator sees it through agentctl. Both targets. */
class RegistrationIT extends HsmSuite {
  static final int ENODEV = 19;
  static final int EEXIST = 17;

  @Test
  void aCopytoolIsAnAgentForItsArchiveUntilItStops() throws Exception {
    Path mount = target.agentMounts().get(0);
    String uuid = HsmClient.agentUuid(mount);
    Copytool ct = startCopytool("ct", mount);

    String agents = agentctl.ok("agents", "--json").out();
    assertThat(
            Pattern.compile(
                    "\"uuid\":\""
                        + Pattern.quote(uuid)
                        + "\",\"archives\":\\["
                        + Copytool.ARCHIVE_ID
                        + "\\]")
                .matcher(agents)
                .find())
        .as("agent %s serving archive %d in %s", uuid, Copytool.ARCHIVE_ID, agents)
        .isTrue();

    ct.terminate();
    ct.awaitExit(Duration.ofSeconds(60));
    Await.until(
        "agent " + uuid + " gone",
        () -> agentctl.ok("agents", "--json").out(),
        out -> !AgentCtlRunner.hasJsonField(out, "uuid", uuid));
  }

  /**
   * Lustre accepts a second copytool on a client mount and sends it every list the first gets, so
   * jhsmtool keeps a second instance of the same archive off the mount itself, at once.
   */
  @Test
  void aSecondJhsmtoolOnTheSameMountIsRefusedWithEexistNamingTheFirst() throws Exception {
    Path mount = target.agentMounts().get(0);
    String uuid = HsmClient.agentUuid(mount);
    Copytool first = startCopytool("ct-first", mount);

    Copytool second = launchCopytool("ct-second", mount);

    assertThat(second.awaitExit(Await.DEFAULT))
        .as("exit status of a second copytool on %s; log:\n%s", mount, second.logTail())
        .isEqualTo(EEXIST);
    assertThat(second.logTail())
        .contains("another jhsmtool already serves archive " + Copytool.ARCHIVE_ID)
        .contains("on '" + mount + "'")
        .contains("pid " + first.pid());
    assertThat(first.isAlive()).as("the first copytool keeps serving").isTrue();
    assertThat(AgentCtlRunner.hasJsonField(agentctl.ok("agents", "--json").out(), "uuid", uuid))
        .as("the first copytool's agent is still registered")
        .isTrue();
  }

  @Test
  void aDirectoryOutsideLustreIsRefusedWithEnodev() throws Exception {
    Path notLustre = Files.createDirectories(scratch.resolve("not-lustre"));

    Copytool ct = launchCopytool("ct", notLustre);

    assertThat(ct.awaitExit(Await.DEFAULT))
        .as("exit status for %s; log:\n%s", notLustre, ct.logTail())
        .isEqualTo(ENODEV);
    assertThat(ct.logTail()).contains(notLustre.toString());
  }
}
