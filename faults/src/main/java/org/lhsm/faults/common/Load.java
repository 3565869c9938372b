package org.lhsm.faults.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.UserAction;
import org.lhsm.emulator.testkit.Await;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mixed HSM load on one emulated filesystem: seeded files, several workers each taking a file and
 * running its next operation (archive, release + restore, remove, archive again) to completion. A
 * request that ends without its effect (FAILED, CANCELED, timed out) is sent again, as a policy
 * engine would; one that never succeeds within the deadline is a failure. {@link #stop()} lets the
 * workers finish what they hold; {@link #settle} then brings every file to a final checked state.
 */
public final class Load {
  private static final Logger LOG = LoggerFactory.getLogger(Load.class);
  private static final Duration POLL = Duration.ofMillis(150);

  /** One file of the load and what is known of it. */
  public static final class TestFile {
    public final Path path;
    public final long size;
    public final long seed;
    public Fid fid;

    /** Archived (and the archive must hold its content), removed, or never archived. */
    public volatile boolean archived;

    TestFile(Path path, long size, long seed) {
      this.path = path;
      this.size = size;
      this.seed = seed;
    }
  }

  /** What the requests met, for the report. */
  public static final class Counters {
    public final AtomicLong requests = new AtomicLong();
    public final AtomicLong resubmitted = new AtomicLong();
    public final AtomicLong submitErrors = new AtomicLong();
    public final AtomicLong archives = new AtomicLong();
    public final AtomicLong restores = new AtomicLong();
    public final AtomicLong removes = new AtomicLong();
    public final AtomicLong bytesArchived = new AtomicLong();
    public final AtomicLong failedRecords = new AtomicLong();
    public final AtomicLong lost = new AtomicLong();
  }

  /** The coordinator's records, to tell a failed request (it has one) from a lost one. */
  public interface Witness {
    List<Actions.Record> records() throws IOException;
  }

  private volatile Witness witness;

  /** Acknowledged requests seen to end without their effect, and their records. */
  private final RequestEnds ends = new RequestEnds();

  /**
   * From now on a request that ends without its effect must have left a FAILED or CANCELED record
   * (keep {@code grace_delay} longer than the run); one that left none was lost ({@link #settle}
   * tells).
   */
  public void witness(Witness w) {
    this.witness = w;
  }

  /**
   * How long after a change its record may take to appear in the coordinator's list: the kernel's
   * {@code hsm.actions} is read live, the emulator publishes its list within a second (and at its
   * start).
   */
  private static final Duration RECORDS_PUBLISHED = Duration.ofSeconds(3);

  /**
   * The acknowledged requests that ended without their effect and left no FAILED or CANCELED
   * record: for a file and an action, fewer such records than requests seen to end without their
   * effect. Counted once every request has ended, not within a few seconds of each end: while a
   * killed daemon is down (up to several seconds) its list shows what it had published before the
   * kill, so a window after each end counted requests lost whose FAILED record came in time. A
   * request whose record never comes is counted lost all the same.
   */
  private List<String> lostRequests() throws IOException {
    Witness w = witness;
    if (w == null || ends.isEmpty()) {
      return List.of();
    }
    Await.within(RECORDS_PUBLISHED, () -> ends.allExplained(w.records()));
    Map<String, TestFile> byFid = new HashMap<>();
    for (TestFile f : files) {
      byFid.put(f.fid.toNoBraceString(), f);
    }
    List<String> out = new ArrayList<>();
    for (RequestEnds.Tally t : ends.tally(w.records())) {
      counters.failedRecords.addAndGet(t.explained());
      if (t.lost() == 0) {
        continue;
      }
      counters.lost.addAndGet(t.lost());
      TestFile f = byFid.get(t.key().fid());
      out.add(
          f.path.getFileName()
              + " "
              + f.fid
              + ": "
              + (t.lost() == 1 ? "an acknowledged " : t.lost() + " acknowledged ")
              + t.key().action()
              + (t.lost() == 1 ? " ended without its effect" : "s ended without their effect")
              + " and without a FAILED or CANCELED record (lost; "
              + t.ended()
              + " ended without effect, "
              + t.records()
              + " such records)");
    }
    return out;
  }

  private final List<TestFile> files;
  private final int archiveId;
  private final Duration opDeadline;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
  private final Counters counters = new Counters();
  private final List<Thread> workers = new ArrayList<>();

  private Load(List<TestFile> files, int archiveId, Duration opDeadline) {
    this.files = files;
    this.archiveId = archiveId;
    this.opDeadline = opDeadline;
  }

  /**
   * Creates {@code count} files in {@code dir} with sizes from 0 to {@code maxSize} (log-uniform,
   * the first three 0 B, 1 B and {@code maxSize}).
   */
  public static Load create(
      Path dir, int count, long maxSize, long seed, int archiveId, Duration opDeadline)
      throws IOException {
    SplittableRandom r = Seeds.random(seed);
    List<TestFile> fs = new ArrayList<>();
    Files.createDirectories(dir);
    for (int i = 0; i < count; i++) {
      long size =
          switch (i) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> maxSize;
            default ->
                (long)
                    Math.min(
                        maxSize,
                        Math.pow(2, r.nextDouble() * (Math.log(maxSize + 1) / Math.log(2))));
          };
      TestFile f = new TestFile(dir.resolve(String.format("f%04d", i)), size, r.nextLong());
      Workload.write(f.path, f.size, f.seed);
      fs.add(f);
    }
    for (TestFile f : fs) {
      f.fid = Hsm.fid(f.path);
    }
    return new Load(fs, archiveId, opDeadline);
  }

  public List<TestFile> files() {
    return Collections.unmodifiableList(files);
  }

  public Counters counters() {
    return counters;
  }

  /** Problems seen so far (a request that never succeeded, wrong data after a restore). */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  public long totalBytes() {
    return files.stream().mapToLong(f -> f.size).sum();
  }

  /**
   * Starts {@code n} workers: first every file is archived once, then random operations go on until
   * {@link #stop()}.
   */
  public void start(int n, long seed) {
    ConcurrentLinkedQueue<TestFile> firstPass = new ConcurrentLinkedQueue<>(files);
    for (int w = 0; w < n; w++) {
      SplittableRandom r = Seeds.random(seed + w);
      Thread t =
          new Thread(
              () -> {
                TestFile f;
                while (!stopping.get() && (f = firstPass.poll()) != null) {
                  step(f, r);
                }
                List<TestFile> mine = new ArrayList<>(files);
                while (!stopping.get()) {
                  step(mine.get(r.nextInt(mine.size())), r);
                }
              },
              "load-" + w);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  /** Asks the workers to stop after their current operation and waits for them. */
  public void stop() throws InterruptedException {
    stopping.set(true);
    for (Thread t : workers) {
      t.join();
    }
  }

  private final Set<TestFile> busy =
      Collections.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<>());

  private void step(TestFile f, SplittableRandom r) {
    if (!busy.add(f)) {
      return;
    }
    String op = "archive";
    try {
      if (!f.archived) {
        archive(f);
      } else if (r.nextInt(3) < 2) {
        op = "release and restore";
        releaseRestore(f);
      } else {
        op = "remove";
        remove(f);
      }
    } catch (IOException | RuntimeException e) {
      problems.add(f.path.getFileName() + " " + f.fid + " (" + op + "): " + e);
      LOG.warn("{} {} ({}) failed", f.path.getFileName(), f.fid, op, e);
    } finally {
      busy.remove(f);
    }
  }

  /** Archives {@code f} (again); true once it is archived. */
  public boolean archive(TestFile f) throws IOException {
    boolean ok =
        run(
            f,
            UserAction.ARCHIVE,
            s -> s.contains(HsmState.ARCHIVED) && !s.contains(HsmState.DIRTY));
    if (ok) {
      f.archived = true;
      counters.archives.incrementAndGet();
      counters.bytesArchived.addAndGet(f.size);
    }
    return ok;
  }

  /** Releases and restores {@code f}, then checks its bytes. */
  public boolean releaseRestore(TestFile f) throws IOException {
    release(f);
    boolean ok = run(f, UserAction.RESTORE, s -> !s.contains(HsmState.RELEASED));
    if (ok) {
      counters.restores.incrementAndGet();
      if (!Workload.matches(f.path, f.size, f.seed)) {
        problems.add(f.path.getFileName() + " " + f.fid + ": wrong data after a restore");
      }
    }
    return ok;
  }

  private void release(TestFile f) throws IOException {
    long deadline = System.nanoTime() + opDeadline.toNanos();
    while (true) {
      try {
        Hsm.request(f.path, UserAction.RELEASE, 0);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        counters.submitErrors.incrementAndGet();
        pause();
      }
    }
  }

  /** Removes {@code f}'s archive copy. */
  public boolean remove(TestFile f) throws IOException {
    boolean ok =
        run(
            f,
            UserAction.REMOVE,
            s -> !s.contains(HsmState.EXISTS) && !s.contains(HsmState.ARCHIVED));
    if (ok) {
      f.archived = false;
      counters.removes.incrementAndGet();
    }
    return ok;
  }

  /**
   * Sends {@code action} until {@code done} holds with nothing pending; false past the deadline.
   */
  private boolean run(
      TestFile f, UserAction action, java.util.function.Predicate<Set<HsmState>> done)
      throws IOException {
    long deadline = System.nanoTime() + opDeadline.toNanos();
    int sent = 0;
    boolean outstanding = false; // a request acknowledged and not yet seen to end
    String last = "";
    while (System.nanoTime() < deadline) {
      // nothing pending first, then the flags: read the other way round, a request finishing in
      // between would look like one that ended without its effect
      boolean idle = Hsm.idle(f.path);
      Set<HsmState> s = Hsm.states(f.path);
      if (idle && done.test(s)) {
        return true;
      }
      if (idle && outstanding) {
        // it ended without its effect: a FAILED or CANCELED record must say so (settle counts)
        ends.endedWithoutEffect(f.fid.toNoBraceString(), action);
        outstanding = false;
      }
      if (idle) {
        try {
          Hsm.request(f.path, action, archiveId);
          outstanding = true;
          counters.requests.incrementAndGet();
          if (sent++ > 0) {
            counters.resubmitted.incrementAndGet();
          }
        } catch (IOException e) {
          counters.submitErrors.incrementAndGet();
          last = Errno.of(e).map(Errno::name).orElse(e.toString());
        }
      }
      pause();
    }
    String why =
        f.path.getFileName()
            + " "
            + f.fid
            + ": "
            + action
            + " never succeeded in "
            + opDeadline.toSeconds()
            + " s ("
            + sent
            + " requests sent, last submit error "
            + (last.isEmpty() ? "none" : last)
            + ", states "
            + Hsm.states(f.path)
            + ")";
    problems.add(why);
    LOG.warn("{}", why);
    return false;
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Brings every file to a final state (restored if released; archived if it is to be), checks the
   * Lustre bytes of every file and that no acknowledged request was lost (call after {@link
   * #stop()}); returns the problems found.
   */
  public List<String> settle() throws IOException {
    List<String> out = new ArrayList<>();
    for (TestFile f : files) {
      Set<HsmState> s = Hsm.states(f.path);
      if (s.contains(HsmState.RELEASED)
          && !run(f, UserAction.RESTORE, x -> !x.contains(HsmState.RELEASED))) {
        out.add(f.path.getFileName() + ": still released at the end");
      }
      if (!Workload.matches(f.path, f.size, f.seed)) {
        out.add(f.path.getFileName() + " " + f.fid + ": wrong data in Lustre");
      }
    }
    out.addAll(lostRequests());
    return out;
  }
}
