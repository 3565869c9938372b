package org.lhsm.copytool.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.copytool.fakes.Items.item;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.CopytoolAction;

class ActionQueueTest {
  private final Map<Long, Task> running = new ConcurrentHashMap<>();

  private static Task task(CopytoolAction kind, long cookie) {
    return new Task(
        item(kind, cookie), 1, EngineConfig.defaults(), NanoClock.SYSTEM, Sleeper.SYSTEM, null);
  }

  @Test
  void priorityThenFifoAndTakenTasksAreRunningAtOnce() throws Exception {
    ActionQueue q = new ActionQueue(10);
    q.put(task(CopytoolAction.ARCHIVE, 1));
    q.put(task(CopytoolAction.REMOVE, 2));
    q.put(task(CopytoolAction.RESTORE, 3));
    q.put(task(CopytoolAction.RESTORE, 4));
    q.put(task(CopytoolAction.NONE, 5));
    assertThat(q.take(running).item().cookie()).isEqualTo(3);
    assertThat(running).containsKey(3L);
    assertThat(q.take(running).item().cookie()).isEqualTo(4);
    assertThat(q.take(running).item().cookie()).isEqualTo(2);
    assertThat(q.take(running).item().cookie()).isEqualTo(1);
    assertThat(q.take(running).item().cookie()).isEqualTo(5);
  }

  @Test
  void cancelFindsQueuedFirstThenRunning() throws Exception {
    ActionQueue q = new ActionQueue(10);
    q.put(task(CopytoolAction.ARCHIVE, 1));
    q.put(task(CopytoolAction.ARCHIVE, 2));
    q.take(running);
    ActionQueue.CancelTarget queued = q.findForCancel(2, running);
    assertThat(queued.wasQueued()).isTrue();
    assertThat(q.size()).isZero();
    ActionQueue.CancelTarget run = q.findForCancel(1, running);
    assertThat(run.wasQueued()).isFalse();
    assertThat(run.task().item().cookie()).isEqualTo(1);
    assertThat(q.findForCancel(99, running)).isNull();
  }

  @Test
  void fullnessAndCloseReturnWhatWasQueued() throws Exception {
    ActionQueue q = new ActionQueue(2);
    q.put(task(CopytoolAction.ARCHIVE, 1));
    assertThat(q.isFull()).isFalse();
    q.put(task(CopytoolAction.ARCHIVE, 2));
    q.put(task(CopytoolAction.ARCHIVE, 3)); // a whole list is accepted even past capacity
    assertThat(q.isFull()).isTrue();
    assertThat(q.close()).hasSize(3);
    assertThat(q.take(running)).isNull();
    q.awaitBelowCapacity(); // returns at once once closed
  }
}
