package org.lhsm.copytool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.Errno;

class MountLockTest {
  private static final String UUID = "3e9c5f0a-6d1b-4c2e-9f7a-0b1c2d3e4f50";
  private static final Path MNT = Path.of("/mnt/lustre");
  private static final String ME = "pid " + ProcessHandle.current().pid();

  @TempDir Path tmp;

  private MountLock lock(String uuid, List<Integer> ids) throws Exception {
    return MountLock.acquire(tmp.resolve("locks"), MNT, uuid, ids);
  }

  @Test
  void aSecondCopytoolOfAnArchiveOnOneClientIsEexistNamingTheHolder() throws Exception {
    try (MountLock first = lock(UUID, List.of(1, 3))) {
      assertThat(first.file()).isEqualTo(tmp.resolve("locks/client-" + UUID + ".lock"));
      assertThatThrownBy(() -> lock(UUID, List.of(3)))
          .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.EEXIST))
          .hasMessageContaining("archive 3")
          .hasMessageContaining("'" + MNT + "'")
          .hasMessageContaining(ME)
          .hasMessageContaining(first.file().toString());
      assertThatThrownBy(() -> lock(UUID, List.of()))
          .as("every archive overlaps archive 1 and 3")
          .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.EEXIST));
      // another archive on the mount, as sanity-hsm 260b/c run, and another client mount
      try (MountLock other = lock(UUID, List.of(2));
          MountLock elsewhere = lock("other-client", List.of(1))) {
        assertThat(elsewhere.file()).isNotEqualTo(other.file());
      }
    }
    try (MountLock all = lock(UUID, List.of(0))) {
      assertThatThrownBy(() -> lock(UUID, List.of(7)))
          .as("archive 0 among the ids means every archive")
          .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.EEXIST));
      assertThat(all.file()).exists();
    }
    try (MountLock again = lock(UUID, List.of(3))) {
      assertThat(again.file()).exists();
    }
  }

  @Test
  void aFailedLockReleasesWhatItTook() throws Exception {
    try (MountLock two = lock(UUID, List.of(2))) {
      assertThatThrownBy(() -> lock(UUID, List.of(1, 2)))
          .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.EEXIST));
      try (MountLock one = lock(UUID, List.of(1))) {
        assertThat(one.file()).isEqualTo(two.file());
      }
    }
  }

  @Test
  void fileNamesAreOneComponentWhateverTheUuidHolds() {
    assertThat(MountLock.fileName(UUID)).isEqualTo("client-" + UUID + ".lock");
    assertThat(MountLock.fileName("../x")).isEqualTo("client-..%2Fx.lock");
    assertThat(MountLock.fileName("a b")).isEqualTo("client-a%20b.lock");
  }
}
