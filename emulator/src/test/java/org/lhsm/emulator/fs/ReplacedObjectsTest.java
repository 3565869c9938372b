package org.lhsm.emulator.fs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lhsm.emulator.codec.Fid;

class ReplacedObjectsTest {
  private static final Fid F = new Fid(0x200000401L, 7, 0);

  @Test
  void aReplacedObjectNamesItsFileWhenTheBirthTimesAgreeOrOneIsUnknown() {
    ReplacedObjects r = new ReplacedObjects();
    r.replaced(12, 1000, F);
    assertThat(r.fileOf(12, 1000)).isEqualTo(F);
    assertThat(r.fileOf(12, 0)).as("descriptor without a birth time").isEqualTo(F);
    assertThat(r.fileOf(12, 1001)).as("a later object on the inode").isNull();
    assertThat(r.fileOf(13, 1000)).isNull();
    r.replaced(14, 0, F);
    assertThat(r.fileOf(14, 555)).as("record without a birth time").isEqualTo(F);
  }

  @Test
  void anInodeSeenLiveAgainIsNoLongerAReplacedObject() {
    ReplacedObjects r = new ReplacedObjects();
    r.replaced(12, 1000, F);
    r.live(12);
    assertThat(r.fileOf(12, 1000)).isNull();
  }

  @Test
  void theTableKeepsTheNewestEntriesUpToItsBound() {
    ReplacedObjects r = new ReplacedObjects();
    for (long ino = 1; ino <= 5000; ino++) {
      r.replaced(ino, 0, F);
    }
    assertThat(r.size()).isEqualTo(4096);
    assertThat(r.fileOf(1, 0)).isNull();
    assertThat(r.fileOf(5000, 0)).isEqualTo(F);
  }
}
