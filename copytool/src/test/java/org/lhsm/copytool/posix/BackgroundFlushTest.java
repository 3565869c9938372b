package org.lhsm.copytool.posix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundFlushTest {
  private final AtomicInteger flushes = new AtomicInteger();

  @Test
  void flushesOnceEveryThresholdOfBytesWritten() {
    BackgroundFlush f = new BackgroundFlush(flushes::incrementAndGet);
    f.written(BackgroundFlush.EVERY - 1);
    f.close();
    assertThat(flushes).as("below the threshold").hasValue(0);
    f.written(1);
    f.close(); // waits for it
    assertThat(flushes).hasValue(1);
    f.written(BackgroundFlush.EVERY / 2);
    f.close();
    assertThat(flushes).as("the count starts again after a flush").hasValue(1);
  }

  @Test
  void neverRunsTwoFlushesOfOneFileAtOnce() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BackgroundFlush f =
        new BackgroundFlush(
            () -> {
              flushes.incrementAndGet();
              running.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                throw new IOException(e);
              }
            });
    f.written(BackgroundFlush.EVERY);
    assertThat(running.await(20, TimeUnit.SECONDS)).isTrue();
    f.written(3 * BackgroundFlush.EVERY); // the first is still running: no second one
    release.countDown();
    f.close();
    assertThat(flushes).hasValue(1);
    f.written(BackgroundFlush.EVERY); // the bytes owed start the next one
    f.close();
    assertThat(flushes).hasValue(2);
  }

  @Test
  void aFailedFlushIsLeftToTheFinalFsync() {
    BackgroundFlush f =
        new BackgroundFlush(
            () -> {
              flushes.incrementAndGet();
              throw new IOException("EIO");
            });
    f.written(BackgroundFlush.EVERY);
    f.close(); // no exception
    assertThat(flushes).hasValue(1);
  }
}
