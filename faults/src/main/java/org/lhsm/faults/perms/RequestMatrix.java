package org.lhsm.faults.perms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.UserAction;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.lhsm.faults.common.Actions;
import org.lhsm.faults.common.Emulators;
import org.lhsm.faults.common.Hsm;

/**
 * The files of the request trials: per action and relation of the requesting user to the file, one
 * file owned and moded for that relation and brought by root into the state the action needs.
 */
final class RequestMatrix {
  /** What is requested, and the state the file is prepared in. */
  enum Kind {
    ARCHIVE("archive", "ARCHIVE"),
    RESTORE("restore", "RESTORE"),
    REMOVE("remove", "REMOVE"),
    CANCEL("cancel", "CANCEL"),
    RELEASE("release", null),
    /** A cancel with nothing pending to cancel. */
    CANCEL_NOTHING("cancel", "CANCEL");

    final String verb;

    /** The action's name in the request masks; null: not a coordinator action. */
    final String maskName;

    Kind(String verb, String maskName) {
      this.verb = verb;
      this.maskName = maskName;
    }
  }

  /** The requester's relation to the file. */
  enum Relation {
    OWNER,
    GROUP,
    OTHER,
    /** The owner of a file without write permission (mode 0444). */
    OWNER_READ_ONLY
  }

  /** The three request masks, as the coordinator prints them. */
  record Masks(String user, String group, String other) {
    static final Masks DEFAULT = new Masks("RESTORE", "RESTORE", "RESTORE");

    boolean allows(Relation r, String action) {
      String m =
          switch (r) {
            case OWNER, OWNER_READ_ONLY -> user;
            case GROUP -> group;
            case OTHER -> other;
          };
      return List.of(m.split(" ")).contains(action);
    }
  }

  /** One file of the matrix. */
  record Cell(Kind kind, Relation rel, Path file, Fid fid) {
    @Override
    public String toString() {
      return kind.name().toLowerCase() + "/" + rel.name().toLowerCase();
    }
  }

  /**
   * The outcome Lustre gives: root may do everything; a release is a write lease, so it needs write
   * permission (EACCES), whatever the masks; a cancel of nothing is dropped before the masks are
   * looked at; every other action needs its bit in the mask of the relation (EPERM).
   */
  static String expected(Cell c, Masks m, boolean root) {
    if (root) {
      return Clients.OK;
    }
    return switch (c.kind) {
      case RELEASE -> c.rel == Relation.OWNER || c.rel == Relation.GROUP ? Clients.OK : "EACCES";
      case CANCEL_NOTHING -> Clients.OK;
      default -> m.allows(c.rel, c.kind.maskName) ? Clients.OK : "EPERM";
    };
  }

  private final EmulatorProcess emu;
  private final Path base;
  private final int user;
  private final int other;
  private int sentinels;

  /**
   * @param user uid (and gid) of the requesting user
   * @param other uid (and gid) owning the files the user does not own
   */
  RequestMatrix(EmulatorProcess emu, Path base, int user, int other) {
    this.emu = emu;
    this.base = base;
    this.user = user;
    this.other = other;
  }

  /**
   * Creates the files of one run ({@code prefix} names them), each in its relation to the user, or,
   * for root, owned by the other user with mode 0600; then brings them into their states.
   */
  List<Cell> prepare(String prefix, boolean root) throws IOException {
    List<Cell> cells = new ArrayList<>();
    for (Kind k : Kind.values()) {
      List<Relation> rels =
          root
              ? List.of(Relation.OTHER)
              : k == Kind.RELEASE
                  ? List.of(Relation.values())
                  : List.of(Relation.OWNER, Relation.GROUP, Relation.OTHER);
      for (Relation r : rels) {
        Path f = base.resolve(prefix + "-" + k.name().toLowerCase() + "-" + r.name().toLowerCase());
        Files.writeString(f, "data of " + f.getFileName() + "\n");
        int uid = r == Relation.OWNER || r == Relation.OWNER_READ_ONLY ? user : other;
        int gid = r == Relation.GROUP ? user : other;
        Files.setAttribute(f, "unix:uid", uid);
        Files.setAttribute(f, "unix:gid", gid);
        String mode =
            root ? "rw-------" : r == Relation.OWNER_READ_ONLY ? "r--r--r--" : "rw-rw-r--";
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        cells.add(new Cell(k, r, f, Hsm.fid(f)));
      }
    }
    for (Cell c : cells) {
      if (c.kind == Kind.RESTORE || c.kind == Kind.REMOVE || c.kind == Kind.RELEASE) {
        Hsm.request(c.file, UserAction.ARCHIVE, 1);
      }
    }
    for (Cell c : cells) {
      if (c.kind == Kind.RESTORE || c.kind == Kind.REMOVE || c.kind == Kind.RELEASE) {
        Await.until("archived " + c.file, () -> Hsm.states(c.file).contains(HsmState.ARCHIVED));
        Await.until("archive of " + c.file + " ended", () -> Hsm.idle(c.file));
      }
      if (c.kind == Kind.RESTORE) {
        Hsm.request(c.file, UserAction.RELEASE, 0);
      }
      if (c.kind == Kind.CANCEL) {
        // no copytool serves archive 2: the request waits until canceled
        Hsm.request(c.file, UserAction.ARCHIVE, 2);
      }
    }
    barrier();
    return cells;
  }

  /** The coordinator's records of {@code fid}. */
  List<Actions.Record> records(Fid fid) throws IOException {
    String id = fid.toNoBraceString();
    return Emulators.actions(emu).stream().filter(r -> r.fid().equals(id)).toList();
  }

  /**
   * Returns once every record made so far is in {@code hsm/actions}: a root request queued after
   * them is visible, and the list is published whole.
   */
  void barrier() throws IOException {
    Path s = base.resolve("sentinel-" + sentinels++);
    Files.writeString(s, "sentinel\n");
    Fid fid = Hsm.fid(s);
    Hsm.request(s, UserAction.ARCHIVE, 1);
    Await.until("record of " + s + " published", () -> !records(fid).isEmpty());
  }
}
