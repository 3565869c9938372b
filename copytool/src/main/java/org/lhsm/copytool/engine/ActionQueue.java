package org.lhsm.copytool.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Items waiting for a worker: restores first, then removes, then archives (and anything else), FIFO
 * within a class. The capacity is a soft bound: a received list is always accepted whole (its items
 * are already assigned to us), but the receive thread stops receiving while the queue is at or
 * above capacity.
 */
final class ActionQueue {
  private static final int CLASSES = 3;

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition belowCapacity = lock.newCondition();
  private final List<ArrayDeque<Task>> classes = new ArrayList<>();
  private int size;
  private boolean closed;
  private boolean woken;

  ActionQueue(int capacity) {
    this.capacity = capacity;
    for (int i = 0; i < CLASSES; i++) {
      classes.add(new ArrayDeque<>());
    }
  }

  private static int classOf(Task t) {
    return switch (t.item().action()) {
      case RESTORE -> 0;
      case REMOVE -> 1;
      default -> 2;
    };
  }

  void put(Task t) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("queue closed");
      }
      classes.get(classOf(t)).addLast(t);
      size++;
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Next task by priority; blocks while empty; null once closed. The task is entered into {@code
   * running} before the lock is released, so {@link #findForCancel} always sees it somewhere.
   */
  Task take(Map<Long, Task> running) throws InterruptedException {
    lock.lock();
    try {
      while (size == 0 && !closed) {
        notEmpty.await();
      }
      if (closed) {
        return null;
      }
      for (ArrayDeque<Task> q : classes) {
        Task t = q.pollFirst();
        if (t != null) {
          running.put(t.item().cookie(), t);
          size--;
          if (size < capacity) {
            belowCapacity.signalAll();
          }
          return t;
        }
      }
      throw new IllegalStateException("size " + size + " but no task");
    } finally {
      lock.unlock();
    }
  }

  /** Blocks while at capacity; returns early after {@link #wakeAll} or close. */
  void awaitBelowCapacity() throws InterruptedException {
    lock.lock();
    try {
      while (size >= capacity && !closed && !woken) {
        belowCapacity.await();
      }
    } finally {
      lock.unlock();
    }
  }

  boolean isFull() {
    lock.lock();
    try {
      return size >= capacity;
    } finally {
      lock.unlock();
    }
  }

  /** Releases {@link #awaitBelowCapacity} waiters permanently (shutdown). */
  void wakeAll() {
    lock.lock();
    try {
      woken = true;
      belowCapacity.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Where a cancel found its target. */
  record CancelTarget(Task task, boolean wasQueued) {}

  /**
   * Atomically with {@link #take}: removes the queued task with this cookie, or else finds the
   * running one; null if neither.
   */
  CancelTarget findForCancel(long cookie, Map<Long, Task> running) {
    lock.lock();
    try {
      Task queued = removeByCookie(cookie);
      if (queued != null) {
        return new CancelTarget(queued, true);
      }
      Task r = running.get(cookie);
      return r == null ? null : new CancelTarget(r, false);
    } finally {
      lock.unlock();
    }
  }

  /** Removes and returns the queued task with this cookie, or null. */
  Task removeByCookie(long cookie) {
    lock.lock();
    try {
      for (ArrayDeque<Task> q : classes) {
        Iterator<Task> it = q.iterator();
        while (it.hasNext()) {
          Task t = it.next();
          if (t.item().cookie() == cookie) {
            it.remove();
            size--;
            belowCapacity.signalAll();
            return t;
          }
        }
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  /** Closes the queue: workers get null from {@link #take}; returns what was still queued. */
  List<Task> close() {
    lock.lock();
    try {
      closed = true;
      List<Task> rest = new ArrayList<>(size);
      for (ArrayDeque<Task> q : classes) {
        rest.addAll(q);
        q.clear();
      }
      size = 0;
      notEmpty.signalAll();
      belowCapacity.signalAll();
      return rest;
    } finally {
      lock.unlock();
    }
  }
}
