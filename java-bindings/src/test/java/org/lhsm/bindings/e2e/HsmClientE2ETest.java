package org.lhsm.bindings.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserState;
import org.lhsm.bindings.ImportAttributes;
import org.lhsm.bindings.LustreException;
import org.lhsm.emulator.testkit.EmulatorExtension;

/** Client calls of {@link HsmClient} against a filesystem (emulated or real). */
class HsmClientE2ETest {
  @RegisterExtension static final EmulatorExtension emulator = HsmTarget.emulator();
  private static HsmTarget target;

  @BeforeAll
  static void open() throws Exception {
    target = HsmTarget.open(emulator);
  }

  @AfterAll
  static void close() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  private static boolean isRoot() throws IOException {
    return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
  }

  @Test
  void path2fidAndFid2pathRoundTrip() throws Exception {
    Path a = target.newFile("a", new byte[] {1});
    Path sub = Files.createDirectory(target.workDir().resolve("sub"));
    Path b = Files.write(sub.resolve("b"), new byte[] {2});

    Fid fa = HsmClient.path2fid(a);
    Fid fb = HsmClient.path2fid(b);

    assertThat(fa.isZero()).isFalse();
    assertThat(fa).isNotEqualTo(fb);
    assertThat(HsmClient.fid2path(target.mount(), fa)).isEqualTo(target.mount().relativize(a));
    assertThat(HsmClient.fid2path(target.mount(), fb)).isEqualTo(target.mount().relativize(b));
    // Any path inside the filesystem names it, not only the mount point.
    assertThat(HsmClient.fid2path(a, fb)).isEqualTo(target.mount().relativize(b));
    assertThat(Fid.parse(fb.toString())).isEqualTo(fb);
    assertThat(HsmClient.fid2path(target.mount(), HsmClient.path2fid(target.mount())))
        .isEqualTo(Path.of(""));
  }

  @Test
  void mdtIndexIsAnsweredForAnyDirectoryOfTheFilesystem() throws Exception {
    Path f = target.newFile("mdt-index", new byte[] {3});
    Fid fid = HsmClient.path2fid(f);
    int idx = HsmClient.mdtIndex(target.mount(), fid);
    assertThat(idx).isNotNegative();
    assertThat(HsmClient.mdtIndex(f.getParent(), fid)).isEqualTo(idx);
    if (target.isEmulated()) {
      assertThat(idx).isZero();
    }
  }

  @Test
  void fsnameIsTheSameForMountAndFile() throws Exception {
    Path f = target.newFile("fsname", new byte[0]);
    String name = HsmClient.fsname(target.mount());
    assertThat(HsmClient.fsname(f)).isEqualTo(name);
    assertThat(name).matches("[A-Za-z0-9_]{1,8}");
    if (target.isEmulated()) {
      assertThat(name).isEqualTo(HsmTarget.FSNAME);
    }
  }

  @Test
  void userFlagsAreSetAndCleared() throws Exception {
    Path f = target.newFile("userflags", new byte[] {1, 2});
    assertThat(HsmClient.state(f).states()).isEmpty();

    HsmClient.setState(f, EnumSet.of(HsmState.NORELEASE, HsmState.NOARCHIVE), Set.of(), 0);
    assertThat(HsmClient.state(f).states())
        .containsExactlyInAnyOrder(HsmState.NORELEASE, HsmState.NOARCHIVE);

    HsmClient.setState(f, Set.of(), EnumSet.of(HsmState.NOARCHIVE), 0);
    assertThat(HsmClient.state(f).states()).containsExactly(HsmState.NORELEASE);
  }

  @Test
  void dirtyWithoutExistsIsRejectedWithEinval() throws Exception {
    Path f = target.newFile("dirty", new byte[] {1});
    assertThatThrownBy(() -> HsmClient.setState(f, EnumSet.of(HsmState.DIRTY), Set.of(), 0))
        .isInstanceOfSatisfying(
            LustreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    assertThat(HsmClient.state(f).states()).isEmpty();
  }

  @Test
  void rootOnlyFlagsAreValidatedByTheMdt() throws Exception {
    Assumptions.assumeTrue(isRoot(), "setting non-user HSM flags needs root");
    Path f = target.newFile("rootflags", new byte[] {1});

    HsmClient.setState(f, EnumSet.of(HsmState.EXISTS, HsmState.ARCHIVED), Set.of(), 3);
    HsmUserState s = HsmClient.state(f);
    assertThat(s.states()).containsExactlyInAnyOrder(HsmState.EXISTS, HsmState.ARCHIVED);
    assertThat(s.archiveId()).isEqualTo(3);

    HsmClient.setState(f, EnumSet.of(HsmState.DIRTY), Set.of(), 0);
    assertThat(HsmClient.state(f).states())
        .containsExactlyInAnyOrder(HsmState.EXISTS, HsmState.ARCHIVED, HsmState.DIRTY);
    // RELEASED together with DIRTY is refused and changes nothing.
    assertThatThrownBy(() -> HsmClient.setState(f, EnumSet.of(HsmState.RELEASED), Set.of(), 0))
        .isInstanceOfSatisfying(
            LustreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    assertThat(HsmClient.state(f).states()).doesNotContain(HsmState.RELEASED);

    Path g = target.newFile("lost", new byte[] {1});
    assertThatThrownBy(() -> HsmClient.setState(g, EnumSet.of(HsmState.LOST), Set.of(), 0))
        .isInstanceOfSatisfying(
            LustreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    assertThatThrownBy(() -> HsmClient.setState(g, EnumSet.of(HsmState.RELEASED), Set.of(), 0))
        .isInstanceOfSatisfying(
            LustreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    assertThat(HsmClient.state(g).states()).isEmpty();
  }

  @Test
  void anArchiveIdWithoutExistsDropsTheWholeUpdate() throws Exception {
    Path f = target.newFile("dropped", new byte[] {1});
    HsmClient.setState(f, EnumSet.of(HsmState.NORELEASE), Set.of(), 2);
    HsmUserState s = HsmClient.state(f);
    assertThat(s.states()).isEmpty();
    assertThat(s.archiveId()).isZero();
  }

  @Test
  void nonRootCannotSetNonUserFlags() throws Exception {
    Assumptions.assumeFalse(isRoot(), "root may set every flag; run as a normal user to check");
    Path f = target.newFile("eperm", new byte[] {1});
    assertThatThrownBy(() -> HsmClient.setState(f, EnumSet.of(HsmState.EXISTS), Set.of(), 0))
        .isInstanceOfSatisfying(
            LustreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPERM));
  }

  @Test
  void dataVersionChangesAfterAWrite() throws Exception {
    // LL_DV_RD_FLUSH: a real client may still cache the write; flush before sampling.
    int rdFlush = 0x1;
    Path f = target.newFile("dv", new byte[] {1, 2, 3});
    long before = HsmClient.dataVersion(f, rdFlush);
    assertThat(HsmClient.dataVersion(f, rdFlush)).isEqualTo(before);

    Files.write(f, new byte[] {9}, StandardOpenOption.APPEND);

    assertThat(HsmClient.dataVersion(f, rdFlush)).isNotEqualTo(before);
  }

  @Test
  void importCreatesAReleasedArchivedFile() throws Exception {
    Assumptions.assumeTrue(isRoot(), "llapi_hsm_import needs root");
    Path dst = target.workDir().resolve("imported");
    ImportAttributes attrs =
        new ImportAttributes(123_456, 1_700_000_000L, 0, 1_700_000_100L, 0, 0, 0, 0100640);

    Fid fid = HsmClient.importFile(dst, 4, attrs);

    assertThat(HsmClient.path2fid(dst)).isEqualTo(fid);
    HsmUserState s = HsmClient.state(dst);
    assertThat(s.states())
        .containsExactlyInAnyOrder(HsmState.EXISTS, HsmState.ARCHIVED, HsmState.RELEASED);
    assertThat(s.archiveId()).isEqualTo(4);
    assertThat(Files.size(dst)).isEqualTo(123_456);
    assertThat(Files.getLastModifiedTime(dst).toMillis()).isEqualTo(1_700_000_100_000L);
  }

  @Test
  void aMissingFileIsNoSuchFileException() {
    Path missing = target.workDir().resolve("missing");
    assertThatThrownBy(() -> HsmClient.state(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing.toString());
    assertThatThrownBy(() -> HsmClient.path2fid(missing)).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(
            () -> HsmClient.setState(missing, EnumSet.of(HsmState.NOARCHIVE), Set.of(), 0))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aPathOutsideLustreGivesTheErrnoOfANonLustreFile(@TempDir Path local) throws Exception {
    Path f = Files.write(local.resolve("local"), new byte[] {1});
    assertThatThrownBy(() -> HsmClient.state(f))
        .isInstanceOfSatisfying(
            LustreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTTY));
    // 2.16 asks for a file handle, then for the LMA xattr of a locally mounted target, which an
    // ordinary file lacks (ENODATA; EOPNOTSUPP from a client-only library or a filesystem
    // without handles). Found on the real-Lustre VM: the emulator said ENOTTY.
    assertThatThrownBy(() -> HsmClient.path2fid(f))
        .isInstanceOfSatisfying(
            LustreException.class,
            e -> assertThat(e.errno()).isIn(Errno.ENODATA, Errno.EOPNOTSUPP));
    assertThatThrownBy(() -> HsmClient.fsname(local))
        .isInstanceOfSatisfying(
            LustreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENODEV));
  }

  @Test
  void mountPointAndAgentUuidAreFoundFromAnyPath() throws Exception {
    Path f = target.newFile("mountpoint", new byte[0]);
    assertThat(HsmClient.mountPoint(f)).isEqualTo(target.mount());
    String uuid = HsmClient.agentUuid(target.mount());
    assertThat(uuid).isNotBlank().isEqualTo(HsmClient.agentUuid(f));
    if (target.isEmulated()) {
      // Two mounts of one filesystem are two clients.
      assertThat(HsmClient.agentUuid(target.agentMount())).isNotEqualTo(uuid);
    }
  }

  @Test
  void aNewFileNeverInheritsTheIdentityOfADeletedOne() throws Exception {
    Assumptions.assumeTrue(isRoot(), "setting non-user HSM flags needs root");
    Path old = target.newFile("deleted", new byte[] {1});
    Fid oldFid = HsmClient.path2fid(old);
    HsmClient.setState(old, EnumSet.of(HsmState.EXISTS, HsmState.ARCHIVED), Set.of(), 1);
    Object inode = Files.getAttribute(old, "unix:ino");
    Files.delete(old);
    Path reused = null;
    for (int i = 0; i < 64 && reused == null; i++) {
      Path f = target.newFile("new-" + i, new byte[] {2});
      if (Files.getAttribute(f, "unix:ino").equals(inode)) {
        reused = f;
      }
    }
    Assumptions.assumeTrue(reused != null, "the local filesystem did not reuse the inode");
    assertThat(HsmClient.path2fid(reused)).isNotEqualTo(oldFid);
    assertThat(HsmClient.state(reused).states()).isEmpty();
  }
}
