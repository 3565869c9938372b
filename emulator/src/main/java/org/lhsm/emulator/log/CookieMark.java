package org.lhsm.emulator.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lhsm.emulator.fs.AtomicFiles;

/**
 * A durable bound below which every cookie handed out so far lies, kept beside the request log
 * ({@code <log>.cookies}). The log alone cannot give it: a record is purged after its grace delay,
 * and a record dispatched before its line was durable is gone after a kill, yet a copytool may
 * still hold its cookie; a restart that counted on from the log's highest cookie handed that cookie
 * to another request, whose restore the stale copytool task then ended with its own volatile file
 * (coordinator-kill: "wrong data after a restore"). Cookies are reserved in blocks, so the file is
 * written once per {@link #BLOCK} cookies.
 */
public final class CookieMark {
  /** Cookies reserved by one durable write. */
  public static final long BLOCK = 4096;

  private final Path file;

  public CookieMark(Path file) {
    this.file = file;
  }

  /** The mark beside {@code requestLog}. */
  public static CookieMark besideLog(Path requestLog) {
    return new CookieMark(requestLog.resolveSibling(requestLog.getFileName() + ".cookies"));
  }

  /** The durable bound, or 0 when none was written (a new coordinator). */
  public long read() throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException("cookie mark " + file + " is not a number: '" + text + "'", e);
    }
  }

  /** Makes {@code bound} durable (temporary file, fsync, rename, fsync of the directory). */
  public void write(long bound) throws IOException {
    AtomicFiles.writeDurably(file, bound + "\n");
  }
}
