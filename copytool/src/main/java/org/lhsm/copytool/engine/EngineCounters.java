package org.lhsm.copytool.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the receive thread and the workers count together: errors (major, minor, as the stock tool
 * reports them at exit), ended actions, the copy buffers' allocations and bytes, and the errno of
 * the first major error when the engine aborts on error.
 */
final class EngineCounters {
  final AtomicLong major = new AtomicLong();
  final AtomicLong minor = new AtomicLong();
  final AtomicLong completed = new AtomicLong();
  final AtomicLong bufferAllocations = new AtomicLong();
  final AtomicLong bufferBytes = new AtomicLong();

  /** 0 until the first major error under abort-on-error; then that error's errno. */
  final AtomicInteger abortErrno = new AtomicInteger();
}
