package org.lhsm.copytool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.Errno;

class MountLockTest {
  private static final String UUID = "3e9c5f0a-6d1b-4c2e-9f7a-0b1c2d3e4f50";

  @TempDir Path tmp;

  @Test
  void aSecondLockOfOneClientIsEexistNamingTheHolder() throws Exception {
    Path mount = Path.of("/mnt/lustre");
    Path locks = tmp.resolve("locks");
    try (MountLock first = MountLock.acquire(locks, mount, UUID, 4242)) {
      assertThat(first.file()).isEqualTo(locks.resolve("client-" + UUID + ".lock"));
      assertThat(Files.readString(first.file())).isEqualTo("4242\n");
      // another path to the same client mount is the same client
      assertThatThrownBy(() -> MountLock.acquire(locks, Path.of("/alias"), UUID, 4343))
          .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.EEXIST))
          .hasMessageContaining("'/alias'")
          .hasMessageContaining("pid 4242")
          .hasMessageContaining(first.file().toString());
      // another client mount of the node is another agent
      try (MountLock second = MountLock.acquire(locks, Path.of("/mnt/lustre2"), "other", 4343)) {
        assertThat(second.file()).isNotEqualTo(first.file());
      }
    }
    try (MountLock again = MountLock.acquire(locks, mount, UUID, 4444)) {
      assertThat(Files.readString(again.file())).isEqualTo("4444\n");
    }
  }

  @Test
  void fileNamesAreOneComponentWhateverTheUuidHolds() {
    assertThat(MountLock.fileName(UUID)).isEqualTo("client-" + UUID + ".lock");
    assertThat(MountLock.fileName("../x")).isEqualTo("client-..%2Fx.lock");
    assertThat(MountLock.fileName("a b")).isEqualTo("client-a%20b.lock");
  }
}
