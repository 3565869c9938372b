package org.lhsm.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's side of one connection, against a real socket pair. */
class ConnectionTest {
  @TempDir Path dir;
  private SocketChannel client;
  private Connection server;

  @BeforeEach
  void connect() throws IOException {
    UnixDomainSocketAddress addr = UnixDomainSocketAddress.of(dir.resolve("s"));
    try (ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      ss.bind(addr);
      client = SocketChannel.open(addr);
      server = new Connection(ss.accept());
    }
  }

  @AfterEach
  void close() throws IOException {
    client.close();
    server.closeNow();
  }

  private ByteBuffer readToEof() throws IOException {
    ByteBuffer all = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    while (client.read(all) >= 0) {
      // until the daemon closes
    }
    return all.flip();
  }

  @Test
  void aFrameAndCloseBetweenRegistrationAndAnswerArriveAfterTheAnswer() throws IOException {
    // the coordinator shuts down while the registration is being answered
    server.send(new byte[] {7, 7, 7});
    server.close();
    assertThat(server.channel().isOpen()).as("close waits for the held frame").isTrue();

    server.answerRegistration(0, new byte[] {1, 2});

    ByteBuffer got = readToEof();
    assertThat(got.getInt()).as("answer length").isEqualTo(6);
    assertThat(got.getInt()).as("rc").isZero();
    assertThat(new byte[] {got.get(), got.get()}).containsExactly(1, 2);
    assertThat(new byte[] {got.get(), got.get(), got.get()}).containsExactly(7, 7, 7);
    assertThat(got.hasRemaining()).isFalse();
    assertThat(server.channel().isOpen()).isFalse();
  }

  @Test
  void afterTheAnswerFramesGoOutAtOnceAndCloseIsImmediate() throws IOException {
    server.answerRegistration(0, new byte[0]);
    server.send(new byte[] {9});
    server.close();
    ByteBuffer got = readToEof();
    assertThat(got.getInt()).isEqualTo(4);
    assertThat(got.getInt()).isZero();
    assertThat(got.get()).isEqualTo((byte) 9);
    assertThat(got.hasRemaining()).isFalse();
  }
}
