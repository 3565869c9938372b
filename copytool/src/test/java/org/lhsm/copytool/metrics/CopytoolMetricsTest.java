package org.lhsm.copytool.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Errno;
import org.lhsm.copytool.engine.Engine;
import org.lhsm.copytool.engine.EngineConfig;
import org.lhsm.copytool.fakes.FakeActionSource;
import org.lhsm.copytool.fakes.Items;

class CopytoolMetricsTest {
  private static String fetch(int port) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection)
            URI.create("http://127.0.0.1:" + port + "/metrics").toURL().openConnection();
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }

  @Test
  void countsEndedActionsAndServesThemOnLoopback() throws IOException {
    Engine engine = new Engine(new FakeActionSource(), null, EngineConfig.defaults());
    try (CopytoolMetrics m = new CopytoolMetrics()) {
      m.bind(engine);
      m.actionEnded(Items.item(CopytoolAction.ARCHIVE, 1), 0, 1000);
      m.actionEnded(Items.item(CopytoolAction.ARCHIVE, 2), Errno.ECANCELED.number(), 10);
      m.actionEnded(Items.item(CopytoolAction.RESTORE, 3), Errno.EIO.number(), 0);
      int port = m.start("127.0.0.1", 0);
      String text = fetch(port);
      assertThat(text)
          .contains("jhsmtool_actions_total{action=\"archive\",result=\"ok\"} 1.0")
          .contains("jhsmtool_actions_total{action=\"archive\",result=\"canceled\"} 1.0")
          .contains("jhsmtool_actions_total{action=\"restore\",result=\"failed\"} 1.0")
          .contains("jhsmtool_copied_bytes_total{action=\"archive\"} 1010.0")
          .contains("jhsmtool_queued_actions 0.0");
    }
  }
}
