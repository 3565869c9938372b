package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lhsm.agentctl.files.HsmFiles;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmCurrentAction;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.LustreException;
import org.lhsm.bindings.UserAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits HSM requests the way {@code lfs hsm_*} does, many files per request, but within the
 * kernel's size limit and per MDT, so that a failure can still be pinned on the file that caused
 * it.
 *
 * <p>Files are grouped by filesystem (device number, as {@code lfs} checks, or the {@code --mount}
 * of FIDs) and by MDT (asked once per FID sequence: the client's FID location database maps whole
 * sequences to MDTs), then sent in input order as requests of at most {@link
 * HsmUserRequest#maxItems} files. The MDT handles the items of one request in order and stops at
 * the first that fails, keeping the ones before it ({@code mdt_hsm_register_hal}); the error names
 * no item. So when a request of several files fails, its files are checked in order: a file that
 * now has that action pending (or, for RELEASE, is released) was recorded and is not sent again;
 * any other file is sent alone, which records it, skips it as not needed, or fails with its own
 * errno. After the first file that fails alone the rest go out again as one request. Errors that
 * concern the filesystem or the coordinator, not a file ({@code EAGAIN}: coordinator stopped, and
 * the like), fail the whole request at once. CANCEL files are always resent alone: a cancel leaves
 * no trace on the file to check.
 */
final class BatchSubmitter {
  private static final Logger LOG = LoggerFactory.getLogger(BatchSubmitter.class);

  /** Errnos that say nothing about the file: every file of the request shares them. */
  private static final Set<Errno> REQUEST_WIDE =
      Set.of(
          Errno.EAGAIN,
          Errno.ENXIO,
          Errno.EALREADY,
          Errno.ENOTCONN,
          Errno.ESHUTDOWN,
          Errno.EROFS,
          Errno.ENODEV,
          Errno.ENOTTY,
          Errno.E2BIG,
          Errno.ENOMEM);

  /** What became of one target: empty = submitted, else the failure. */
  record Result(Target target, Optional<Exception> failure) {}

  private final HsmFiles files;
  private final UserAction kind;
  private final int archiveId;
  private final byte[] data;
  private final int perRequest;
  private int requestsSent;

  BatchSubmitter(HsmFiles files, UserAction kind, int archiveId, byte[] data) {
    this.files = files;
    this.kind = kind;
    this.archiveId = archiveId;
    this.data = data.clone();
    this.perRequest = HsmUserRequest.maxItems(data.length);
    if (perRequest < 1) {
      throw new IllegalArgumentException(
          data.length + " bytes of request data leave no room for a file");
    }
  }

  /** How many {@code llapi_hsm_request} calls the last {@link #submit} made. */
  int requestsSent() {
    return requestsSent;
  }

  /** Submits every target; the results are in the order of {@code targets}. */
  List<Result> submit(List<Target> targets) {
    requestsSent = 0;
    Map<Target, Optional<Exception>> outcome = new HashMap<>();
    for (List<Target> group : groups(targets)) {
      for (int i = 0; i < group.size(); i += perRequest) {
        send(group.subList(i, Math.min(group.size(), i + perRequest)), outcome);
      }
    }
    List<Result> out = new ArrayList<>();
    for (Target t : targets) {
      out.add(new Result(t, outcome.getOrDefault(t, Optional.empty())));
    }
    return out;
  }

  /** Targets by filesystem and MDT, each group in input order. */
  private List<List<Target>> groups(List<Target> targets) {
    Map<String, List<Target>> groups = new LinkedHashMap<>();
    Map<String, Integer> mdtOfSequence = new HashMap<>();
    for (Target t : targets) {
      String fs = filesystemKey(t);
      String seqKey = fs + "/" + Long.toHexString(t.fid().seq());
      Integer mdt = mdtOfSequence.get(seqKey);
      if (mdt == null) {
        try {
          mdt = files.mdtIndex(t.requestPath(), t.fid());
        } catch (IOException e) {
          // the client splits a request per MDT itself; only attribution gets coarser
          LOG.debug("no MDT index for {}: {}", t.fid(), e.toString());
          mdt = -1;
        }
        mdtOfSequence.put(seqKey, mdt);
      }
      groups.computeIfAbsent(fs + "#" + mdt, k -> new ArrayList<>()).add(t);
    }
    return new ArrayList<>(groups.values());
  }

  /** The filesystem of a target: FIDs by their mount, paths by device number like lfs. */
  private static String filesystemKey(Target t) {
    if (!t.statePath().equals(t.requestPath())) {
      return "mount:" + t.requestPath().toAbsolutePath().normalize();
    }
    try {
      return "dev:" + Files.getAttribute(t.requestPath(), "unix:dev");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "path:" + t.requestPath().toAbsolutePath().normalize();
    }
  }

  private void send(List<Target> batch, Map<Target, Optional<Exception>> outcome) {
    try {
      request(batch);
      return;
    } catch (IOException e) {
      if (batch.size() == 1 || requestWide(e)) {
        for (Target t : batch) {
          outcome.put(t, Optional.of(forFile(e, t)));
        }
        return;
      }
      LOG.debug("request of {} files failed ({}); checking them one by one", batch.size(), e);
    }
    for (int i = 0; i < batch.size(); i++) {
      Target t = batch.get(i);
      if (kind != UserAction.CANCEL && recorded(t)) {
        continue;
      }
      try {
        request(List.of(t));
      } catch (IOException e) {
        outcome.put(t, Optional.of(e));
        List<Target> rest = batch.subList(i + 1, batch.size());
        if (!rest.isEmpty()) {
          send(rest, outcome);
        }
        return;
      }
    }
  }

  private void request(List<Target> batch) throws IOException {
    List<Fid> fids = batch.stream().map(Target::fid).toList();
    requestsSent++;
    files.request(batch.get(0).requestPath(), kind, archiveId, fids, data);
  }

  /** A shared request failure told about one of its files (the call named the first one). */
  private static IOException forFile(IOException e, Target t) {
    if (e instanceof LustreException le
        && le.target() != null
        && !le.target().equals(t.requestPath().toString())) {
      LustreException mine =
          new LustreException(le.function(), t.requestPath().toString(), le.errnoNumber());
      mine.initCause(le);
      return mine;
    }
    return e;
  }

  private static boolean requestWide(IOException e) {
    return Errno.of(e).map(REQUEST_WIDE::contains).orElse(false);
  }

  /** True when the file shows the effect of this request already (it was recorded). */
  private boolean recorded(Target t) {
    try {
      if (kind == UserAction.RELEASE) {
        return files.state(t.statePath()).states().contains(HsmState.RELEASED);
      }
      HsmCurrentAction a = files.currentAction(t.statePath());
      return a.isPending() && a.action() == kind;
    } catch (IOException e) {
      return false;
    }
  }
}
