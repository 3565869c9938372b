package org.lhsm.bindings.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;

class XattrsTest {
  @TempDir Path dir;

  /**
   * A value or a name list longer than the first buffer is read whole with the second (the first
   * call fails with ERANGE); absence is an empty answer, not an exception; another errno is still
   * one. Small first buffers here: ext4 keeps all of a file's attributes in one 4 KiB block.
   */
  @Test
  void valuesAndListsLongerThanTheFirstBufferAreReadWhole() throws Exception {
    Path p = Files.writeString(dir.resolve("x"), "x");
    Assumptions.assumeTrue(
        Files.getFileStore(p).supportsFileAttributeView("user"), "no user xattrs here");
    int fd = NativeAccess.libc().open(p.toString(), AbiLayout.O_RDWR);
    assertThat(fd).isNotNegative();
    try {
      byte[] value = new byte[300];
      for (int i = 0; i < value.length; i++) {
        value[i] = (byte) i;
      }
      Xattrs.write(fd, "user.long", value, "x");
      Xattrs.write(fd, "user.other", new byte[] {7}, "x");
      assertThat(Xattrs.read(fd, "user.long", "x", 16)).hasValue(value);
      assertThat(Xattrs.read(fd, "user.other", "x", 16))
          .hasValueSatisfying(v -> assertThat(v).containsExactly(7));
      assertThat(Xattrs.read(fd, "user.absent", "x", 16)).isEmpty();
      assertThat(Xattrs.list(fd, "x", 8)).contains("user.long", "user.other");
      assertThat(Xattrs.remove(fd, "user.other", "x")).isTrue();
      assertThat(Xattrs.remove(fd, "user.other", "x")).isFalse();
    } finally {
      NativeAccess.libc().close(fd);
    }
    // no descriptor: EBADF is a failure, not "no value"
    assertThatThrownBy(() -> Xattrs.read(-1, "user.long", "x", 16))
        .isInstanceOfSatisfying(
            LustreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBADF));
  }

  @Test
  void listedNamesAreDecodedStrictly() {
    byte[] ok = "xuser.projet\u00e9".getBytes(StandardCharsets.UTF_8);
    assertThat(Xattrs.decode(ok, 1, ok.length - 1, "/f")).contains("user.projet\u00e9");
    byte[] bad = {'u', 's', 'e', 'r', '.', (byte) 0xff, 'x'};
    assertThat(Xattrs.decode(bad, 0, bad.length, "/f")).isEmpty();
  }
}
