package org.lhsm.emulator.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * The {@code user.lhsm.fid} extended attribute with which daemons before the birth-time identity
 * marked every object. Copytools list a file's xattrs with libc and copied the tag into every
 * archive, so it is no longer written: it is read once to migrate a table that relied on it, and
 * removed wherever it is found (tagged files, files restored or copied from tagged archives).
 */
final class LegacyFidTag {
  private static final String NAME = "lhsm.fid";

  private LegacyFidTag() {}

  private static UserDefinedFileAttributeView view(Path p) {
    return Files.getFileAttributeView(
        p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
  }

  /** The FID the object is tagged with, or null if it has no (readable) tag. */
  static String read(Path p) {
    UserDefinedFileAttributeView v = view(p);
    if (v == null) {
      return null;
    }
    try {
      ByteBuffer b = ByteBuffer.allocate(v.size(NAME));
      v.read(NAME, b);
      b.flip();
      return StandardCharsets.US_ASCII.decode(b).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }

  /** Removes the tag; true if there was one and it is gone (the object's ctime then moved). */
  static boolean remove(Path p) {
    UserDefinedFileAttributeView v = view(p);
    if (v == null) {
      return false;
    }
    try {
      v.delete(NAME);
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
