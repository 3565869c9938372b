package org.lhsm.copytool.s3;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.lhsm.bindings.Fid;

/**
 * The user metadata ({@code x-amz-meta-lhsm-*}) stored with each archived object. All values are
 * ASCII: the path is percent-encoded UTF-8, the mode octal, the CRC32C hex.
 *
 * @param fid the Lustre file's FID at archive time
 * @param fsname Lustre file system name
 * @param archiveId HSM archive id
 * @param path path relative to the mount at archive time (first link), if known
 * @param size file size in bytes (the object's length)
 * @param mtimeSec modification time, seconds
 * @param mode st_mode bits (type and permissions)
 * @param uid owner
 * @param gid group
 * @param crc32c CRC32C of the whole object, when the copytool knew it before the upload started
 *     (single PUT, or multipart on a server without checksum support)
 * @param partSize part size of a multipart upload (to check the server's composite checksum)
 */
public record ObjectAttributes(
    Optional<Fid> fid,
    String fsname,
    int archiveId,
    Optional<String> path,
    long size,
    long mtimeSec,
    int mode,
    int uid,
    int gid,
    OptionalInt crc32c,
    OptionalLong partSize) {

  static final String FID = "lhsm-fid";
  static final String FSNAME = "lhsm-fsname";
  static final String ARCHIVE = "lhsm-archive-id";
  static final String PATH = "lhsm-path";
  static final String SIZE = "lhsm-size";
  static final String MTIME = "lhsm-mtime";
  static final String MODE = "lhsm-mode";
  static final String UID = "lhsm-uid";
  static final String GID = "lhsm-gid";
  static final String CRC32C = "lhsm-crc32c";
  static final String PART_SIZE = "lhsm-part-size";

  public ObjectAttributes withCrc32c(int crc) {
    return new ObjectAttributes(
        fid,
        fsname,
        archiveId,
        path,
        size,
        mtimeSec,
        mode,
        uid,
        gid,
        OptionalInt.of(crc),
        partSize);
  }

  public ObjectAttributes withPartSize(long ps) {
    return new ObjectAttributes(
        fid, fsname, archiveId, path, size, mtimeSec, mode, uid, gid, crc32c, OptionalLong.of(ps));
  }

  /** The same file under another FID and path (import). */
  public ObjectAttributes rebound(Fid newFid, String newFsname, int newArchiveId, String newPath) {
    return new ObjectAttributes(
        Optional.of(newFid),
        newFsname,
        newArchiveId,
        Optional.ofNullable(newPath),
        size,
        mtimeSec,
        mode,
        uid,
        gid,
        crc32c,
        partSize);
  }

  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    fid.ifPresent(f -> m.put(FID, f.toNoBraceString()));
    m.put(FSNAME, fsname);
    m.put(ARCHIVE, Integer.toUnsignedString(archiveId));
    path.ifPresent(p -> m.put(PATH, URLEncoder.encode(p, StandardCharsets.UTF_8)));
    m.put(SIZE, Long.toString(size));
    m.put(MTIME, Long.toString(mtimeSec));
    m.put(MODE, Integer.toOctalString(mode));
    m.put(UID, Integer.toUnsignedString(uid));
    m.put(GID, Integer.toUnsignedString(gid));
    crc32c.ifPresent(c -> m.put(CRC32C, Crc32c.hex(c)));
    partSize.ifPresent(p -> m.put(PART_SIZE, Long.toString(p)));
    return m;
  }

  /**
   * Reads what an object's metadata holds; fields an object lacks (a foreign object being imported)
   * get {@code objectSize}, {@code objectMtime}, mode 0100644 and owner 0.
   */
  public static ObjectAttributes fromMetadata(
      Map<String, String> meta, long objectSize, long objectMtimeSec) {
    Optional<Fid> fid = Optional.empty();
    try {
      fid = Optional.ofNullable(meta.get(FID)).map(Fid::parse);
    } catch (IllegalArgumentException e) {
      // a foreign or damaged value: treated as absent
    }
    return new ObjectAttributes(
        fid,
        meta.getOrDefault(FSNAME, ""),
        (int) parseLong(meta.get(ARCHIVE), 10, 0),
        Optional.ofNullable(meta.get(PATH)).map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)),
        parseLong(meta.get(SIZE), 10, objectSize),
        parseLong(meta.get(MTIME), 10, objectMtimeSec),
        (int) parseLong(meta.get(MODE), 8, 0100644),
        (int) parseLong(meta.get(UID), 10, 0),
        (int) parseLong(meta.get(GID), 10, 0),
        meta.containsKey(CRC32C)
            ? OptionalInt.of((int) parseLong(meta.get(CRC32C), 16, 0))
            : OptionalInt.empty(),
        meta.containsKey(PART_SIZE)
            ? OptionalLong.of(parseLong(meta.get(PART_SIZE), 10, 0))
            : OptionalLong.empty());
  }

  private static long parseLong(String v, int radix, long dflt) {
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v.strip(), radix);
    } catch (NumberFormatException e) {
      return dflt;
    }
  }
}
