package org.lhsm.copytool.s3;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lhsm.bindings.Fid;

/**
 * The object key of an archived file, stable across copytool versions:
 *
 * <pre>{@code <prefix><fsname>/<archive id>/<hash>/<FID>}</pre>
 *
 * where {@code <FID>} is the Lustre file's FID without brackets ({@code 0x200000401:0x5:0x0}, as
 * lhsmtool_posix names archive files) and {@code <hash>} is four lower-case hex digits, the low 16
 * bits of {@code oid XOR seq} (the v2 POSIX layout's directory), which spreads keys over S3's index
 * partitions. Example: {@code lhsm/testfs/1/0404/0x200000401:0x5:0x0}.
 */
public final class ObjectKeys {
  private static final Pattern KEY =
      Pattern.compile("([^/]+)/([0-9]+)/([0-9a-f]{4})/(0x[0-9a-f]+:0x[0-9a-f]+:0x[0-9a-f]+)");

  private final String prefix;

  public ObjectKeys(String prefix) {
    this.prefix = S3Settings.normalizePrefix(prefix);
  }

  public String prefix() {
    return prefix;
  }

  public String key(String fsname, int archiveId, Fid fid) {
    if (fsname.isEmpty() || fsname.contains("/")) {
      throw new IllegalArgumentException("bad fsname '" + fsname + "'");
    }
    return prefix
        + fsname
        + "/"
        + Integer.toUnsignedString(archiveId)
        + "/"
        + hash(fid)
        + "/"
        + fid.toNoBraceString();
  }

  /** Keys of one file system and archive id end up under this prefix. */
  public String archivePrefix(String fsname, int archiveId) {
    return prefix + fsname + "/" + Integer.toUnsignedString(archiveId) + "/";
  }

  static String hash(Fid fid) {
    long x = (fid.oid() & 0xffffffffL) ^ fid.seq();
    return String.format(Locale.ROOT, "%04x", x & 0xffff);
  }

  /** What a key of this layout names. */
  public record Parsed(String fsname, int archiveId, Fid fid) {}

  /** Parses a key of this layout (under this prefix); empty for any other key. */
  public Optional<Parsed> parse(String key) {
    if (!key.startsWith(prefix)) {
      return Optional.empty();
    }
    Matcher m = KEY.matcher(key.substring(prefix.length()));
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      Fid fid = Fid.parse(m.group(4));
      if (!hash(fid).equals(m.group(3))) {
        return Optional.empty();
      }
      return Optional.of(new Parsed(m.group(1), Integer.parseUnsignedInt(m.group(2)), fid));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
