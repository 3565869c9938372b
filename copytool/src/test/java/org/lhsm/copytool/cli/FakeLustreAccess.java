package org.lhsm.copytool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.ImportAttributes;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.LustreAccess;
import org.lhsm.copytool.fakes.FakeActionSource;

/** A "Lustre" that is a plain directory named mnt*: imports create plain files. */
final class FakeLustreAccess implements LustreAccess {
  final FakeActionSource source = new FakeActionSource();
  final List<Integer> registeredIds = new ArrayList<>();
  final List<ImportAttributes> imports = new ArrayList<>();
  int nextOid = 0x100;
  Errno registerErrno;

  @Override
  public String fsname(Path mount) throws IOException {
    if (!Files.isDirectory(mount)) {
      throw new LustreException("no mount at '" + mount + "'", null, Errno.ENOENT, null);
    }
    // the fake's Lustre: directories at or below one whose name starts with "mnt"
    for (Path p = mount.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (p.getFileName() != null && p.getFileName().toString().startsWith("mnt")) {
        return "lustre";
      }
    }
    throw new LustreException("'" + mount + "' is not Lustre", null, Errno.ENODEV, null);
  }

  @Override
  public String clientUuid(Path mount) {
    return "fake-" + Integer.toHexString(mount.toAbsolutePath().normalize().hashCode());
  }

  @Override
  public ActionSource register(Path mount, List<Integer> archiveIds) throws IOException {
    if (registerErrno != null) {
      throw new LustreException("register", null, registerErrno, null);
    }
    registeredIds.addAll(archiveIds);
    return source;
  }

  @Override
  public Fid importFile(Path dst, int archiveId, ImportAttributes attributes) throws IOException {
    Files.createFile(dst);
    imports.add(attributes);
    return new Fid(0x200000401L, nextOid++, 0);
  }

  @Override
  public AutoCloseable registerEventFifo(Path fifo) {
    return () -> {};
  }
}
