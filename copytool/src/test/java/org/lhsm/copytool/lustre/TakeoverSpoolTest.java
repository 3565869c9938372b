package org.lhsm.copytool.lustre;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.copytool.fakes.FakeActionHandle;
import org.lhsm.copytool.fakes.FakeActionSource;

/**
 * The spool protocol and the hand-back end, on a fake registration (the requeue check and the
 * resubmission go through liblustreapi and are exercised by the integration suite's TakeoverIT).
 */
class TakeoverSpoolTest {
  @TempDir Path dir;

  private static final String LINE =
      "mdt=lustre-MDT0000 cookie=0x6b06ac73 action=RESTORE fid=[0x200000401:0x1:0x0]"
          + " dfid=[0x200000402:0x7:0x0] archive=2 flags=0x0 extent=0x0-0xffffffffffffffff"
          + " datalen=3 data=434541";

  @Test
  void anOrderIsEndedWithRetryOnTheRequestsOwnFids() throws Exception {
    FakeActionSource source = new FakeActionSource();
    TakeoverSpool spool = new TakeoverSpool(source, dir, dir, "taker-uuid");
    Files.writeString(dir.resolve("t1.order"), "# agentctl takeover\n" + LINE + "\n");

    assertThat(spool.takeOrders()).isEqualTo(1);

    FakeActionHandle h = source.handle(0x6b06ac73L);
    assertThat(h.item().fid()).isEqualTo(new Fid(0x200000401L, 1, 0));
    assertThat(h.item().dfid()).isEqualTo(new Fid(0x200000402L, 7, 0));
    assertThat(h.item().extent()).isEqualTo(HsmExtent.whole());
    assertThat(new String(h.item().data(), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("CEA");
    assertThat(h.end()).isEqualTo(new FakeActionHandle.End(0, 0, true, Errno.ETIMEDOUT.number()));
    assertThat(dir.resolve("t1.order")).doesNotExist();
    assertThat(dir.resolve("t1.working")).doesNotExist();
    List<String> result = Files.readAllLines(dir.resolve("t1.result"));
    assertThat(result).hasSize(1);
    // no liblustreapi here: the file's queue cannot be checked, nor the request submitted again
    assertThat(result.get(0)).startsWith("cookie=0x6b06ac73 result=ended errno=");
  }

  @Test
  void aBadLineIsAnsweredNotEnded() throws Exception {
    FakeActionSource source = new FakeActionSource();
    TakeoverSpool spool = new TakeoverSpool(source, dir, dir, "taker-uuid");
    assertThat(spool.handBack("cookie=0x1 action=ARCHIVE fid=[0x1:0x2:0x0]"))
        .isEqualTo("cookie=0x1 result=failed errno=EINVAL message=bad order line: no dfid=");
    assertThat(source.endOrder()).isEmpty();
  }

  @Test
  void theHeartbeatNamesTheAgent() throws Exception {
    TakeoverSpool spool = new TakeoverSpool(new FakeActionSource(), dir, dir, "taker-uuid");
    spool.heartbeat();
    assertThat(Files.readString(dir.resolve("agent")))
        .startsWith("uuid=taker-uuid pid=" + ProcessHandle.current().pid() + " mount=" + dir);
    spool.close();
    assertThat(dir.resolve("agent")).doesNotExist();
  }
}
