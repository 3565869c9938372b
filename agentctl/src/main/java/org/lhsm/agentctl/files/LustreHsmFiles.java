package org.lhsm.agentctl.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmCurrentAction;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.HsmUserState;
import org.lhsm.bindings.LustreException;
import org.lhsm.bindings.LustreUnavailableException;
import org.lhsm.bindings.RequestFlag;
import org.lhsm.bindings.UserAction;

/**
 * {@link HsmFiles} over the safe bindings ({@link HsmClient}). The library is loaded on the first
 * file operation, so commands that only read parameters never need it.
 */
public final class LustreHsmFiles implements HsmFiles {
  /** What failed I/O looks like to agentctl. */
  @FunctionalInterface
  private interface Call<T> {
    T run() throws IOException;
  }

  private static <T> T call(Call<T> c) throws IOException {
    try {
      return c.run();
    } catch (IOException e) {
      throw translate(e);
    }
  }

  /**
   * "Not Lustre" errnos become {@link NotLustreException}, a missing library {@link
   * NotLustreUnavailable}; any other failure (the bindings' {@link LustreException} with its errno)
   * passes unchanged.
   */
  static IOException translate(IOException e) {
    if (e instanceof LustreUnavailableException) {
      return new NotLustreUnavailable(e.getMessage());
    }
    if (e instanceof LustreException le) {
      Errno errno = le.errno();
      String target = le.target() == null ? "" : le.target();
      if (errno == Errno.ENOTTY || errno == Errno.ENODEV || isFidLookupOffLustre(le)) {
        return new NotLustreException(target);
      }
    }
    return e;
  }

  /**
   * liblustreapi 2.16 resolves a FID through a file handle, then the LMA xattr: off Lustre that
   * ends in ENODATA (no LMA) or EOPNOTSUPP (no xattrs at all), never ENOTTY.
   */
  private static boolean isFidLookupOffLustre(LustreException e) {
    boolean fidLookup =
        e.function().equals("llapi_path2fid") || e.function().equals("llapi_fd2fid");
    return fidLookup && (e.errno() == Errno.ENODATA || e.errno() == Errno.EOPNOTSUPP);
  }

  /** No liblustreapi on this node: reported like "not Lustre", with the library's own hint. */
  public static final class NotLustreUnavailable extends IOException {
    private static final long serialVersionUID = 1L;

    NotLustreUnavailable(String message) {
      super(message);
    }
  }

  static EnumSet<HsmState> states(Set<HsmState> flags) {
    return flags.isEmpty() ? EnumSet.noneOf(HsmState.class) : EnumSet.copyOf(flags);
  }

  @Override
  public Fid path2fid(Path file) throws IOException {
    return call(() -> HsmClient.path2fid(file));
  }

  @Override
  public int mdtIndex(Path anyPathInFs, Fid fid) throws IOException {
    Path dir = Files.isDirectory(anyPathInFs) ? anyPathInFs : anyPathInFs.getParent();
    if (dir == null) {
      dir = Path.of(".");
    }
    Path d = dir;
    return call(() -> HsmClient.mdtIndex(d, fid));
  }

  @Override
  public String fsname(Path anyPath) throws IOException {
    return call(() -> HsmClient.fsname(anyPath));
  }

  @Override
  public Path mountPoint(Path anyPath) throws IOException {
    return call(() -> HsmClient.mountPoint(anyPath));
  }

  @Override
  public HsmUserState state(Path file) throws IOException {
    return call(() -> HsmClient.state(file));
  }

  @Override
  public HsmCurrentAction currentAction(Path file) throws IOException {
    return call(() -> HsmClient.currentAction(file));
  }

  @Override
  public void setState(Path file, Set<HsmState> set, Set<HsmState> clear, int archiveId)
      throws IOException {
    call(
        () -> {
          HsmClient.setState(file, states(set), states(clear), archiveId);
          return null;
        });
  }

  @Override
  public void request(Path anyPathInFs, UserAction kind, int archiveId, List<Fid> fids, byte[] data)
      throws IOException {
    HsmUserRequest req =
        new HsmUserRequest(
            kind, archiveId, EnumSet.noneOf(RequestFlag.class), List.copyOf(fids), data);
    call(
        () -> {
          HsmClient.request(anyPathInFs, req);
          return null;
        });
  }
}
