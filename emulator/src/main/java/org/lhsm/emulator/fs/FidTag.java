package org.lhsm.emulator.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import org.lhsm.emulator.codec.Fid;

/**
 * The {@code user.lhsm.fid} extended attribute that marks a backing object with its FID. Inode
 * numbers are reused after a delete, so the tag is what tells a new object from the deleted one
 * that held the same inode. Objects that cannot carry user xattrs (symlinks, filesystems without
 * them, files the daemon may not write) stay untagged and are identified by inode alone.
 */
final class FidTag {
  private static final String NAME = "lhsm.fid";

  private FidTag() {}

  private static UserDefinedFileAttributeView view(Path p) {
    return Files.getFileAttributeView(
        p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
  }

  /** Tags the object; false if it cannot carry the tag. */
  static boolean write(Path p, Fid fid) {
    UserDefinedFileAttributeView v = view(p);
    if (v == null) {
      return false;
    }
    try {
      v.write(NAME, StandardCharsets.US_ASCII.encode(fid.noBrace()));
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
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
}
