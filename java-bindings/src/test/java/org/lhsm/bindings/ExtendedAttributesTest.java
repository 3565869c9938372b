package org.lhsm.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extended attributes by path, through libc, on the local filesystem. */
class ExtendedAttributesTest {
  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path file() throws IOException {
    Path f = dir.resolve("f");
    Files.writeString(f, "data");
    Assumptions.assumeTrue(
        Files.getFileStore(f).supportsFileAttributeView("user"),
        "the temporary directory's filesystem has no user xattrs");
    return f;
  }

  @Test
  void setThenReadAllReturnsEveryValueInListingOrder() throws Exception {
    Path f = file();
    byte[] big = new byte[4000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) i;
    }
    ExtendedAttributes.set(f, "user.one", bytes("1"));
    ExtendedAttributes.set(f, "user.big", big);
    ExtendedAttributes.set(f, "user.empty", new byte[0]);
    ExtendedAttributes.set(f, "user.one", bytes("replaced"));

    Map<String, byte[]> all = ExtendedAttributes.readAll(f);

    assertThat(all).containsOnlyKeys("user.one", "user.big", "user.empty");
    assertThat(all.get("user.one")).isEqualTo(bytes("replaced"));
    assertThat(all.get("user.big")).isEqualTo(big);
    assertThat(all.get("user.empty")).isEmpty();
  }

  @Test
  void getReadsOneValueAndRemoveDeletesIt() throws Exception {
    Path f = file();
    ExtendedAttributes.set(f, "user.one", bytes("1"));

    assertThat(ExtendedAttributes.get(f, "user.one"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("1")));
    assertThat(ExtendedAttributes.get(f, "user.none")).isEmpty();
    assertThat(ExtendedAttributes.get(f, "lustre.lov"))
        .as("namespace the filesystem lacks")
        .isEmpty();
    assertThat(ExtendedAttributes.remove(f, "user.one")).isTrue();
    assertThat(ExtendedAttributes.remove(f, "user.one")).as("already gone").isFalse();
    assertThat(ExtendedAttributes.get(f, "user.one")).isEmpty();
    assertThatThrownBy(() -> ExtendedAttributes.remove(dir.resolve("missing"), "user.one"))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aNamespaceTheFilesystemLacksIsATypedErrorNamingTheAttribute() throws Exception {
    Path f = file();
    assertThatThrownBy(() -> ExtendedAttributes.set(f, "lustre.lov", bytes("x")))
        .isExactlyInstanceOf(LustreException.class)
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.ENOTSUP))
        .hasMessageContaining("lustre.lov of " + f);
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> ExtendedAttributes.readAll(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> ExtendedAttributes.set(missing, "user.a", bytes("x")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aSymbolicLinkIsRefusedNotFollowed() throws Exception {
    Path f = file();
    Path link = Files.createSymbolicLink(dir.resolve("link"), f);
    assertThatThrownBy(() -> ExtendedAttributes.set(link, "user.a", bytes("x")))
        .isInstanceOf(LustreException.class)
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.ELOOP));
    assertThat(ExtendedAttributes.readAll(f)).doesNotContainKey("user.a");
  }

  /** Whether this process may set trusted.* (CAP_SYS_ADMIN; root in a container may not). */
  static boolean canSetTrusted(Path scratch) throws IOException {
    Path probe = Files.createTempFile(scratch, "trusted", "");
    try {
      ExtendedAttributes.set(probe, "trusted.lhsm.probe", new byte[] {1});
      return true;
    } catch (LustreException e) {
      return false;
    } finally {
      Files.delete(probe);
    }
  }

  @Test
  void trustedAttributesAreReachableWithTheCapability() throws Exception {
    Path f = file();
    Assumptions.assumeTrue(canSetTrusted(dir), "trusted.* needs CAP_SYS_ADMIN");
    ExtendedAttributes.set(f, "trusted.lhsm.test", bytes("t"));
    ExtendedAttributes.set(f, "user.u", bytes("u"));
    assertThat(ExtendedAttributes.readAll(f))
        .containsKeys("trusted.lhsm.test", "user.u")
        .hasEntrySatisfying("trusted.lhsm.test", v -> assertThat(v).isEqualTo(bytes("t")));
  }
}
