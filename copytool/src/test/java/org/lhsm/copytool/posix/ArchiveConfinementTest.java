package org.lhsm.copytool.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.EndOutcome;
import org.lhsm.copytool.fakes.FakeActionHandle;

/** A symbolic link planted in the archive tree is never followed out of the HSM root. */
class ArchiveConfinementTest {
  private static final Fid FID = Fid.parseLenient("[0x200000401:0x7:0x0]");

  /** The refusal of a path through a link leaving the root. */
  private static final ThrowingConsumer<Throwable> IS_ELOOP =
      e -> assertThat(Errno.numberOf(e, Errno.EIO)).isEqualTo(Errno.ELOOP.number());

  @TempDir Path tmp;

  private Path root;
  private Path outside;
  private PosixArchiveBackend backend;

  private void setUp() throws IOException {
    root = Files.createDirectories(tmp.resolve("arc"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    backend =
        new PosixArchiveBackend(
            new PosixOptions(
                new ArchivePaths(root, ArchiveFormat.V1),
                false,
                false,
                false,
                ChecksumAlgorithm.CRC32C));
  }

  private static HsmActionItem item(CopytoolAction kind) {
    return new HsmActionItem(kind, FID, FID, HsmExtent.whole(), 42, 0, null);
  }

  /** Replaces the data file's directory by a link to {@code outside}, holding the same name. */
  private Path plantLinkedDirectory(String content) throws IOException {
    Path data = backend.paths().dataPath(FID);
    Path dir = data.getParent();
    Files.createDirectories(dir.getParent());
    if (Files.exists(dir)) {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
    Files.createSymbolicLink(dir, outside);
    Files.writeString(outside.resolve(data.getFileName().toString()), content);
    return dir;
  }

  @Test
  void aRestoreDoesNotReadThroughALinkLeavingTheRoot() throws IOException {
    setUp();
    Path link = plantLinkedDirectory("secret outside the archive");
    Path vol = tmp.resolve("volatile");
    FakeActionHandle h = new FakeActionHandle(item(CopytoolAction.RESTORE), vol, true);
    assertThatThrownBy(
            () -> backend.restore(item(CopytoolAction.RESTORE), h, new RecordingControl(4096)))
        .isInstanceOf(LustreException.class)
        .hasMessageContaining("'" + link + "' is a symbolic link to '" + outside + "'")
        .satisfies(IS_ELOOP);
    assertThat(Files.exists(vol) ? Files.size(vol) : 0L).isZero();
    assertThat(backend.restoreLayout(item(CopytoolAction.RESTORE))).isEmpty();
  }

  @Test
  void anArchiveWritesNothingThroughALinkLeavingTheRoot() throws IOException {
    setUp();
    plantLinkedDirectory("old");
    Path lustre = Files.writeString(tmp.resolve("f"), "new data");
    FakeActionHandle h = new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false);
    assertThatThrownBy(
            () -> backend.archive(item(CopytoolAction.ARCHIVE), h, new RecordingControl(4096)))
        .isInstanceOf(LustreException.class)
        .satisfies(IS_ELOOP);
    try (var s = Files.list(outside)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList())
          .containsExactly(FID.toNoBraceString());
    }
    assertThat(Files.readString(outside.resolve(FID.toNoBraceString()))).isEqualTo("old");
  }

  @Test
  void aRemoveMovesNothingThroughALinkLeavingTheRoot() throws IOException {
    setUp();
    plantLinkedDirectory("kept");
    assertThatThrownBy(() -> backend.remove(item(CopytoolAction.REMOVE))).satisfies(IS_ELOOP);
    backend.afterEnd(item(CopytoolAction.REMOVE), Errno.ELOOP.number(), EndOutcome.ACCEPTED);
    assertThat(Files.readString(outside.resolve(FID.toNoBraceString()))).isEqualTo("kept");
  }

  @Test
  void linksThatStayInsideTheRootAreFollowed() throws IOException {
    setUp();
    Path inside = Files.createDirectories(root.resolve("elsewhere"));
    Path data = backend.paths().dataPath(FID);
    Files.createDirectories(data.getParent().getParent());
    Files.createSymbolicLink(data.getParent(), inside);
    Path lustre = Files.writeString(tmp.resolve("f"), "data");
    backend.archive(
        item(CopytoolAction.ARCHIVE),
        new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false),
        new RecordingControl(4096));
    assertThat(Files.readString(inside.resolve(FID.toNoBraceString()))).isEqualTo("data");
  }

  /**
   * The check keeps nothing between actions: a directory the copytool has just archived into, moved
   * out of the root and replaced by a link (as the hostile campaign does), is refused.
   */
  @Test
  void aDirectoryReplacedByALinkAfterUseIsRefused() throws IOException {
    setUp();
    Path lustre = Files.writeString(tmp.resolve("f"), "data");
    backend.archive(
        item(CopytoolAction.ARCHIVE),
        new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false),
        new RecordingControl(4096));
    Path data = backend.paths().dataPath(FID);
    Path dir = data.getParent();
    Files.move(data, outside.resolve(data.getFileName()));
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
    Files.createSymbolicLink(dir, outside);
    Path vol = tmp.resolve("volatile");
    assertThatThrownBy(
            () ->
                backend.restore(
                    item(CopytoolAction.RESTORE),
                    new FakeActionHandle(item(CopytoolAction.RESTORE), vol, true),
                    new RecordingControl(4096)))
        .satisfies(IS_ELOOP);
    assertThat(Files.exists(vol) ? Files.size(vol) : 0L).isZero();
    assertThatThrownBy(
            () ->
                backend.archive(
                    item(CopytoolAction.ARCHIVE),
                    new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false),
                    new RecordingControl(4096)))
        .satisfies(IS_ELOOP);
    try (var s = Files.list(outside)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList())
          .containsExactly(FID.toNoBraceString());
    }
  }

  @Test
  void prepareCreatesTheMissingDirectoriesWithMode0700() throws IOException {
    setUp();
    Files.createDirectories(root.resolve("a"));
    new ArchiveConfinement(root).prepare(root.resolve("a/b/c/file"));
    new ArchiveConfinement(root).prepare(root.resolve("a/b/c/file"));
    assertThat(root.resolve("a/b/c")).isDirectory();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("a/b"))))
        .isEqualTo("rwx------");
    assertThat(root.resolve("a/b/c/file")).doesNotExist();
  }

  @Test
  void prepareCreatesNothingBeyondALinkLeavingTheRoot() throws IOException {
    setUp();
    Files.createSymbolicLink(root.resolve("a"), outside);
    assertThatThrownBy(() -> new ArchiveConfinement(root).prepare(root.resolve("a/b/c/file")))
        .hasMessageContaining("'" + root.resolve("a") + "' is a symbolic link to")
        .satisfies(IS_ELOOP);
    try (var s = Files.list(outside)) {
      assertThat(s.toList()).isEmpty();
    }
    Files.createDirectories(root.resolve("in/sub"));
    Files.createSymbolicLink(root.resolve("x"), Path.of("in"));
    Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));
    new ArchiveConfinement(root).prepare(root.resolve("x/sub/new/file"));
    assertThat(root.resolve("in/sub/new")).isDirectory();
    assertThatThrownBy(() -> new ArchiveConfinement(root).prepare(root.resolve("dangling/d/file")))
        .satisfies(IS_ELOOP);
    assertThat(root.resolve("nowhere")).doesNotExist();
  }

  @Test
  void prepareRefusesAFileWhereADirectoryIsNeeded() throws IOException {
    setUp();
    Files.createDirectories(root.resolve("a"));
    Files.writeString(root.resolve("a/b"), "a file");
    assertThatThrownBy(() -> new ArchiveConfinement(root).prepare(root.resolve("a/b/c/file")))
        .satisfies(e -> assertThat(Errno.numberOf(e, Errno.EIO)).isEqualTo(Errno.ENOTDIR.number()));
    assertThatThrownBy(() -> new ArchiveConfinement(root).prepare(root.resolve("a/b/file")))
        .satisfies(e -> assertThat(Errno.numberOf(e, Errno.EIO)).isEqualTo(Errno.ENOTDIR.number()));
    assertThat(root.resolve("a/b")).hasContent("a file");
  }

  @Test
  void aRootReachedThroughALinkWorksAndStillRefusesALinkOut() throws IOException {
    setUp();
    Path rootLink = Files.createSymbolicLink(tmp.resolve("root-link"), root);
    PosixArchiveBackend viaLink =
        new PosixArchiveBackend(
            new PosixOptions(
                new ArchivePaths(rootLink, ArchiveFormat.V1),
                false,
                false,
                false,
                ChecksumAlgorithm.CRC32C));
    Path lustre = Files.writeString(tmp.resolve("f"), "data");
    for (int round = 0; round < 2; round++) { // the second with the root's link known
      viaLink.archive(
          item(CopytoolAction.ARCHIVE),
          new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false),
          new RecordingControl(4096));
      Path vol = tmp.resolve("volatile" + round);
      viaLink.restore(
          item(CopytoolAction.RESTORE),
          new FakeActionHandle(item(CopytoolAction.RESTORE), vol, true),
          new RecordingControl(4096));
      assertThat(vol).hasContent("data");
    }
    assertThat(backend.paths().dataPath(FID)).hasContent("data");
    plantLinkedDirectory("outside");
    assertThatThrownBy(
            () ->
                viaLink.restore(
                    item(CopytoolAction.RESTORE),
                    new FakeActionHandle(item(CopytoolAction.RESTORE), tmp.resolve("v"), true),
                    new RecordingControl(4096)))
        .satisfies(IS_ELOOP);
  }

  /** Paths deep enough for the one-call probe: a link out anywhere on them is still refused. */
  @Test
  void aLinkOutAtAnyDepthIsRefused() throws IOException {
    setUp();
    ArchiveConfinement c = new ArchiveConfinement(root);
    Path file = root.resolve("a/b/c/d/file");
    c.prepare(file);
    c.check(file);
    for (String level : new String[] {"a", "a/b", "a/b/c", "a/b/c/d"}) {
      Path dir = root.resolve(level);
      Path moved = Files.move(dir, tmp.resolve("moved"));
      Files.createSymbolicLink(dir, moved);
      assertThatThrownBy(() -> c.check(file)).as(level).satisfies(IS_ELOOP);
      assertThatThrownBy(() -> c.prepare(file)).as(level).satisfies(IS_ELOOP);
      Files.delete(dir);
      Files.move(moved, dir);
    }
    c.check(file);
  }
}
