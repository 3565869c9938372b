package org.lhsm.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.log.ActionRecord;
import org.lhsm.emulator.log.RecordStatus;
import org.lhsm.emulator.log.RequestLog;

class RequestLogTest {
  @TempDir Path dir;

  private static ActionItem item(long cookie) {
    Fid f = new Fid(0x200000401L, (int) cookie, 0);
    return new ActionItem(20, f, f, 0, -1L, cookie, 0, new byte[] {0x43, 0x45, 0x41});
  }

  @Test
  void replaysLastStateOfEachRecordAndCutsTornLine() throws Exception {
    Path file = dir.resolve("log");
    try (RequestLog log = new RequestLog(file)) {
      ActionRecord a = log.add(1, 0, 100, item(7));
      ActionRecord b = log.add(2, 0, 100, item(8));
      log.setStarted(a, "uuid-1", 105);
      log.setStatus(b, RecordStatus.SUCCEED, 110);
      log.delete(b);
    }
    Files.writeString(file, "R 9 WAITING 1 0 1", StandardOpenOption.APPEND);
    try (RequestLog log = new RequestLog(file)) {
      assertThat(log.records()).hasSize(1);
      ActionRecord a = log.records().iterator().next();
      assertThat(a.status()).isEqualTo(RecordStatus.STARTED);
      assertThat(a.agentUuid()).isEqualTo("uuid-1");
      assertThat(a.changeSec()).isEqualTo(105);
      assertThat(a.item().data()).containsExactly(0x43, 0x45, 0x41);
      assertThat(Files.readString(file)).endsWith("\n");
      ActionRecord c = log.add(1, 0, 120, item(9));
      assertThat(c.index()).isEqualTo(3);
    }
  }

  @Test
  void compactionKeepsLiveRecordsAndIndexCounter() throws Exception {
    Path file = dir.resolve("log");
    try (RequestLog log = new RequestLog(file)) {
      for (int i = 0; i < 5; i++) {
        ActionRecord r = log.add(1, 0, 100, item(i + 1));
        log.setStatus(r, RecordStatus.SUCCEED, 101);
        if (i < 4) {
          log.delete(r);
        }
      }
      assertThat(log.deadLines()).isPositive();
      log.compact();
      assertThat(log.deadLines()).isZero();
      assertThat(Files.readAllLines(file)).hasSize(2);
    }
    try (RequestLog log = new RequestLog(file)) {
      assertThat(log.records()).extracting(ActionRecord::index).containsExactly(5);
      assertThat(log.add(1, 0, 100, item(9)).index()).isEqualTo(6);
      assertThat(log.maxCookie()).isEqualTo(9);
    }
  }

  @Test
  void formatMatchesLustre216Sample() throws Exception {
    try (RequestLog log = new RequestLog(dir.resolve("log"))) {
      Fid f = new Fid(0x200000401L, 1, 0);
      ActionRecord r =
          log.add(1, 0, 1, new ActionItem(20, f, f, 0, -1L, 0x6b06905aL, 0, new byte[0]));
      log.setStatus(r, RecordStatus.SUCCEED, 2);
      assertThat(r.format())
          .isEqualTo(
              "lrh=[type=10680000 len=136 idx=1/1] fid=[0x200000401:0x1:0x0]"
                  + " dfid=[0x200000401:0x1:0x0] compound/cookie=0x0/0x6b06905a action=ARCHIVE"
                  + " archive#=1 flags=0x0 extent=0x0-0xffffffffffffffff gid=0x0 datalen=0"
                  + " status=SUCCEED data=[]");
    }
  }
}
