package org.lhsm.faults.common;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.lhsm.bindings.Fid;

/**
 * The files of a copytool's archive tree outside {@code shadow/}: data files under their final name
 * (exactly a FID), temporaries ({@code _tmp} anywhere in the name) and the rest.
 */
public final class ArchiveAudit {
  private static final Pattern FID_NAME = Pattern.compile("0x[0-9a-f]+:0x[0-9a-f]+:0x[0-9a-f]+");

  /** Data files by FID. */
  public final Map<Fid, Path> dataFiles =
      new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));

  /** {@code _tmp} files and their side files. */
  public final List<Path> temporaries = new ArrayList<>();

  /** Data files a REMOVE took out of use ({@code <data>_rm}). */
  public final List<Path> removing = new ArrayList<>();

  /** Every other file (side files such as {@code .lov}). */
  public final List<Path> others = new ArrayList<>();

  private ArchiveAudit() {}

  public static ArchiveAudit scan(Path root) throws IOException {
    ArchiveAudit a = new ArchiveAudit();
    if (!Files.isDirectory(root)) {
      return a;
    }
    Path shadow = root.resolve("shadow");
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            return d.equals(shadow) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
            String n = f.getFileName().toString();
            if (n.contains("_tmp")) {
              a.temporaries.add(f);
            } else if (n.endsWith("_rm")) {
              a.removing.add(f);
            } else if (FID_NAME.matcher(n).matches()) {
              a.dataFiles.put(Fid.parseLenient(n), f);
            } else {
              a.others.add(f);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return a;
  }
}
