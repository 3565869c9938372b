package org.lhsm.agentctl.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lhsm.agentctl.files.HsmFiles;
import org.lhsm.agentctl.files.NotLustreException;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmCurrentAction;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserState;
import org.lhsm.bindings.LustreException;
import org.lhsm.bindings.ProgressState;
import org.lhsm.bindings.UserAction;

/**
 * A Lustre-free {@link HsmFiles}: files under {@code root} are "on Lustre"; requests move through
 * WAITING → RUNNING → done one step per {@link #currentAction} call, so waiting code is driven
 * deterministically by its own polling.
 */
public final class FakeHsmFiles implements HsmFiles {
  /** How a submitted request ends. */
  public enum Ending {
    SUCCEED,
    FAIL,
    /** Stays WAITING. */
    NEVER,
    /** Stays RUNNING. */
    RUNNING_FOREVER
  }

  /** One fake file. */
  public static final class FakeFile {
    final Fid fid;
    final EnumSet<HsmState> flags = EnumSet.noneOf(HsmState.class);
    int archiveId;
    UserAction pending = UserAction.NONE;
    int step;
    int requestArchiveId;
    Ending ending = Ending.SUCCEED;
    Errno requestErrno;

    FakeFile(Fid fid) {
      this.fid = fid;
    }

    /** The action queued for the file (NONE when idle). */
    public UserAction pendingAction() {
      return pending;
    }
  }

  /** A request as received. */
  public record Submitted(Path path, UserAction kind, int archiveId, List<Fid> fids, String data) {}

  private final Path root;
  private final Map<Path, FakeFile> byPath = new HashMap<>();
  private final Map<Fid, FakeFile> byFid = new HashMap<>();
  public final List<Submitted> submitted = new ArrayList<>();
  private int nextOid = 1;

  public FakeHsmFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** Creates {@code name} under the root on disk and in the fake, with the given flags. */
  public Path add(String name, HsmState... flags) throws IOException {
    return addInSequence(name, 0x200000401L, flags);
  }

  /** As {@link #add}, with a FID of sequence {@code seq} (see {@link #mdtOfSequence}). */
  public Path addInSequence(String name, long seq, HsmState... flags) throws IOException {
    Path p = root.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "data of " + name);
    FakeFile f = new FakeFile(new Fid(seq, nextOid++, 0));
    f.flags.addAll(List.of(flags));
    if (f.flags.contains(HsmState.ARCHIVED)) {
      f.archiveId = 1;
    }
    byPath.put(p, f);
    byFid.put(f.fid, f);
    return p;
  }

  public FakeFile file(Path p) {
    return byPath.get(p.toAbsolutePath().normalize());
  }

  public Fid fid(Path p) {
    return file(p).fid;
  }

  public void ending(Path p, Ending e) {
    file(p).ending = e;
  }

  /** Makes requests for this file fail with the errno ({@code EPERM}, {@code EAGAIN}, ...). */
  public void requestErrno(Path p, Errno errno) {
    file(p).requestErrno = errno;
  }

  public Set<HsmState> flags(Path p) {
    return EnumSet.copyOf(file(p).flags.isEmpty() ? EnumSet.noneOf(HsmState.class) : file(p).flags);
  }

  private FakeFile lookup(Path p) throws IOException {
    Path n = p.toAbsolutePath().normalize();
    if (!n.startsWith(root)) {
      throw new NotLustreException(p.toString());
    }
    Path fidDir = root.resolve(".lustre/fid");
    if (n.startsWith(fidDir) && n.getNameCount() == fidDir.getNameCount() + 1) {
      FakeFile f = byFid.get(Fid.parse(n.getFileName().toString()));
      if (f == null) {
        throw new NoSuchFileException(p.toString());
      }
      return f;
    }
    FakeFile f = byPath.get(n);
    if (f == null) {
      throw new NoSuchFileException(p.toString());
    }
    return f;
  }

  @Override
  public Fid path2fid(Path file) throws IOException {
    return lookup(file).fid;
  }

  /** MDT index by FID sequence; sequences not listed are on MDT 0. */
  public final Map<Long, Integer> mdtOfSequence = new HashMap<>();

  /** Number of {@link #mdtIndex} calls. */
  public int mdtIndexCalls;

  @Override
  public int mdtIndex(Path anyPathInFs, Fid fid) throws IOException {
    fsname(anyPathInFs);
    mdtIndexCalls++;
    return mdtOfSequence.getOrDefault(fid.seq(), 0);
  }

  @Override
  public String fsname(Path anyPath) throws IOException {
    if (!anyPath.toAbsolutePath().normalize().startsWith(root)) {
      throw new NotLustreException(anyPath.toString());
    }
    return "lustre";
  }

  @Override
  public Path mountPoint(Path anyPath) throws IOException {
    fsname(anyPath);
    return root;
  }

  @Override
  public HsmUserState state(Path file) throws IOException {
    FakeFile f = lookup(file);
    return new HsmUserState(f.flags, f.archiveId);
  }

  @Override
  public HsmCurrentAction currentAction(Path file) throws IOException {
    FakeFile f = lookup(file);
    if (f.pending == UserAction.NONE) {
      return NO_ACTION;
    }
    if (f.ending == Ending.NEVER || f.step == 0) {
      f.step++;
      return new HsmCurrentAction(ProgressState.WAITING, f.pending, HsmExtent.whole());
    }
    if (f.step == 1 || f.ending == Ending.RUNNING_FOREVER) {
      f.step++;
      return new HsmCurrentAction(ProgressState.RUNNING, f.pending, new HsmExtent(0, 4096));
    }
    finish(f);
    return NO_ACTION;
  }

  private static final HsmCurrentAction NO_ACTION =
      new HsmCurrentAction(ProgressState.WAITING, UserAction.NONE, new HsmExtent(0, 0));

  private void finish(FakeFile f) {
    if (f.ending == Ending.SUCCEED) {
      switch (f.pending) {
        case ARCHIVE -> {
          f.flags.add(HsmState.EXISTS);
          f.flags.add(HsmState.ARCHIVED);
          f.flags.remove(HsmState.DIRTY);
          f.archiveId = f.requestArchiveId == 0 ? 1 : f.requestArchiveId;
        }
        case RESTORE -> f.flags.remove(HsmState.RELEASED);
        case REMOVE -> {
          f.flags.remove(HsmState.ARCHIVED);
          f.flags.remove(HsmState.EXISTS);
        }
        default -> {}
      }
    }
    f.pending = UserAction.NONE;
    f.step = 0;
  }

  @Override
  public void setState(Path file, Set<HsmState> set, Set<HsmState> clear, int archiveId)
      throws IOException {
    FakeFile f = lookup(file);
    EnumSet<HsmState> next =
        EnumSet.copyOf(f.flags.isEmpty() ? EnumSet.noneOf(HsmState.class) : f.flags);
    next.addAll(set);
    next.removeAll(clear);
    boolean bad =
        (next.contains(HsmState.DIRTY) && !next.contains(HsmState.EXISTS))
            || (next.contains(HsmState.RELEASED) && next.contains(HsmState.DIRTY))
            || (next.contains(HsmState.RELEASED) && !next.contains(HsmState.ARCHIVED))
            || (next.contains(HsmState.LOST) && !next.contains(HsmState.ARCHIVED));
    if (bad) {
      throw new LustreException("llapi_hsm_state_set", file.toString(), Errno.EINVAL, null);
    }
    f.flags.clear();
    f.flags.addAll(next);
    if (archiveId != 0) {
      f.archiveId = archiveId;
    }
  }

  @Override
  public void request(Path anyPathInFs, UserAction kind, int archiveId, List<Fid> fids, byte[] data)
      throws IOException {
    fsname(anyPathInFs);
    submitted.add(
        new Submitted(
            anyPathInFs,
            kind,
            archiveId,
            List.copyOf(fids),
            new String(data, java.nio.charset.StandardCharsets.UTF_8)));
    for (Fid fid : fids) {
      FakeFile f = byFid.get(fid);
      if (f == null) {
        throw new LustreException("llapi_hsm_request", anyPathInFs.toString(), Errno.ENOENT, null);
      }
      if (f.requestErrno != null) {
        throw new LustreException(
            "llapi_hsm_request", anyPathInFs.toString(), f.requestErrno, null);
      }
      switch (kind) {
        case RELEASE -> {
          if (!f.flags.contains(HsmState.ARCHIVED) || f.flags.contains(HsmState.DIRTY)) {
            throw new LustreException(
                "llapi_hsm_request", anyPathInFs.toString(), Errno.EPERM, null);
          }
          f.flags.add(HsmState.RELEASED);
        }
        case CANCEL -> {
          f.pending = UserAction.NONE;
          f.step = 0;
        }
        default -> {
          f.pending = kind;
          f.requestArchiveId = archiveId;
          f.step = 0;
        }
      }
    }
  }
}
