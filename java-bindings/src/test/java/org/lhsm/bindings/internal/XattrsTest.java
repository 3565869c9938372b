package org.lhsm.bindings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XattrsTest {
  @Test
  void listedNamesAreDecodedStrictly() {
    byte[] ok = "xuser.projet\u00e9".getBytes(StandardCharsets.UTF_8);
    assertThat(Xattrs.decode(ok, 1, ok.length - 1, "/f")).contains("user.projet\u00e9");
    byte[] bad = {'u', 's', 'e', 'r', '.', (byte) 0xff, 'x'};
    assertThat(Xattrs.decode(bad, 0, bad.length, "/f")).isEmpty();
  }
}
