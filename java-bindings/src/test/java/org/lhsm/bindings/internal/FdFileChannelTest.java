package org.lhsm.bindings.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FdFileChannelTest {
  @TempDir Path tmp;

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static int open(Path f, int flags) {
    int fd = NativeAccess.libc().open(f.toString(), flags | AbiLayout.O_CLOEXEC);
    assertThat(fd).as("open %s", f).isNotNegative();
    return fd;
  }

  @Test
  void positionalWritesAndReadsRoundTripWithDirectAndHeapBuffers() throws IOException {
    Path f = Files.createFile(tmp.resolve("data"));
    byte[] data = random((5 << 20) / 2 + 7, 1); // more than one pread/pwrite
    try (FileChannel ch = FdFileChannel.take(open(f, AbiLayout.O_RDWR), true, f.toString())) {
      ByteBuffer direct = ByteBuffer.allocateDirect(data.length);
      direct.put(data, 0, 1000).flip();
      assertThat(ch.write(direct, 0)).isEqualTo(1000);
      ByteBuffer heap = ByteBuffer.wrap(data, 1000, data.length - 1000);
      assertThat(ch.write(heap, 1000)).isEqualTo(data.length - 1000);
      assertThat(ch.size()).isEqualTo(data.length);
      ch.force(true);

      ByteBuffer back = ByteBuffer.allocate(data.length);
      long pos = 0;
      while (back.hasRemaining()) {
        pos += ch.read(back, pos);
      }
      assertThat(back.array()).isEqualTo(data);
      ByteBuffer tail = ByteBuffer.allocateDirect(16);
      assertThat(ch.read(tail, data.length)).as("read at end of file").isEqualTo(-1);
    }
    assertThat(Files.readAllBytes(f)).isEqualTo(data);
  }

  @Test
  void relativeCallsMoveThePositionAndTransfersWorkBothWays() throws IOException {
    Path f = Files.createFile(tmp.resolve("data"));
    Path other = tmp.resolve("other");
    byte[] data = random(300_000, 2);
    Files.write(other, data);
    try (FileChannel ch = FdFileChannel.take(open(f, AbiLayout.O_RDWR), true, f.toString());
        FileChannel src = FileChannel.open(other, StandardOpenOption.READ)) {
      assertThat(ch.transferFrom(src, 10, data.length)).isEqualTo(data.length);
      assertThat(ch.size()).isEqualTo(10L + data.length);
      ch.position(10);
      ByteBuffer first = ByteBuffer.allocate(100);
      assertThat(ch.read(first)).isEqualTo(100);
      assertThat(ch.position()).isEqualTo(110);
      assertThat(first.array()).isEqualTo(java.util.Arrays.copyOf(data, 100));

      Path copy = tmp.resolve("copy");
      try (FileChannel dst =
          FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        assertThat(ch.transferTo(10, data.length, dst)).isEqualTo(data.length);
      }
      assertThat(Files.readAllBytes(copy)).isEqualTo(data);

      ch.truncate(50);
      assertThat(ch.size()).isEqualTo(50);
      assertThat(ch.position()).isEqualTo(50);
    }
  }

  @Test
  void aReadOnlyChannelRefusesWrites() throws IOException {
    Path f = Files.write(tmp.resolve("data"), new byte[] {1, 2, 3});
    try (FileChannel ch = FdFileChannel.take(open(f, AbiLayout.O_RDONLY), false, f.toString())) {
      assertThatThrownBy(() -> ch.write(ByteBuffer.wrap(new byte[] {9}), 0))
          .isInstanceOf(NonWritableChannelException.class);
      assertThatThrownBy(() -> ch.truncate(0)).isInstanceOf(NonWritableChannelException.class);
      assertThat(ch.size()).isEqualTo(3);
    }
    assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
  }

  @Test
  void closingClosesTheDescriptor() throws IOException {
    Path f = Files.write(tmp.resolve("data"), new byte[] {1});
    int fd = open(f, AbiLayout.O_RDONLY);
    Path link = Path.of("/proc/self/fd", Integer.toString(fd));
    FileChannel ch = FdFileChannel.take(fd, false, f.toString());
    assertThat(Files.readSymbolicLink(link)).isEqualTo(f);
    ch.close();
    // the number may already be reused by the JVM, but not for our file
    assertThat(
            Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && Files.readSymbolicLink(link).equals(f))
        .isFalse();
    assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(1), 0))
        .isInstanceOf(ClosedChannelException.class);
  }

  @Test
  void anInterruptClosesTheChannelAsTheJdkChannelsDo() throws IOException {
    Path f = Files.write(tmp.resolve("data"), new byte[] {1, 2});
    FileChannel ch = FdFileChannel.take(open(f, AbiLayout.O_RDONLY), false, f.toString());
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(2), 0))
          .isInstanceOf(ClosedByInterruptException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void aFailedCallNamesTheSymbolicErrnoAndTheFile() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("dir"));
    try (FileChannel ch =
        FdFileChannel.take(
            open(dir, AbiLayout.O_RDONLY | AbiLayout.O_DIRECTORY), false, dir.toString())) {
      assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(1), 0))
          .isInstanceOf(org.lhsm.bindings.LustreException.class)
          .hasMessageContaining("EISDIR")
          .hasMessageContaining(dir.toString());
    }
  }
}
