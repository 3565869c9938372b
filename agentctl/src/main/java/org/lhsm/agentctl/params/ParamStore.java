package org.lhsm.agentctl.params;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads and writes one MDT's coordinator parameters through a {@link ParamLocator}. Writing a
 * tunable writes the file, exactly what {@code lctl set_param} does.
 */
public final class ParamStore {
  private final ParamLocator locator;

  public ParamStore(ParamLocator locator) {
    this.locator = locator;
  }

  public ParamLocator locator() {
    return locator;
  }

  /**
   * {@code name} is an {@code hsm.*} file name ({@code agents}, {@code max_requests}) or {@code
   * hsm_control}.
   */
  public String read(String device, String name) throws IOException {
    Path p = locate(device, name);
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (AccessDeniedException e) {
      throw new AccessDeniedException(
          p.toString(),
          null,
          "cannot read "
              + displayName(device, name)
              + " (permission denied; run as root on the MDS)");
    } catch (IOException e) {
      String why =
          e instanceof FileSystemException f && f.getReason() != null
              ? f.getReason()
              : e.getMessage();
      throw new IOException("cannot read " + displayName(device, name) + " (" + p + "): " + why, e);
    }
  }

  /**
   * A parameter read up to a byte limit.
   *
   * @param text the content, cut after the last complete line when {@code truncated}
   * @param bytesRead bytes read (at most the limit + 1)
   * @param truncated whether the file had more than the limit
   */
  public record Bounded(String text, long bytesRead, boolean truncated) {}

  /**
   * Reads at most {@code maxBytes} of a parameter (the lists of a busy MDT can hold millions of
   * records; the kernel renders them as the file is read, so reading less costs less).
   */
  public Bounded readBounded(String device, String name, long maxBytes) throws IOException {
    Path p = locate(device, name);
    byte[] buf;
    try (java.io.InputStream in = Files.newInputStream(p)) {
      buf = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (AccessDeniedException e) {
      throw new AccessDeniedException(
          p.toString(),
          null,
          "cannot read "
              + displayName(device, name)
              + " (permission denied; run as root on the MDS)");
    }
    if (buf.length <= maxBytes) {
      return new Bounded(new String(buf, StandardCharsets.UTF_8), buf.length, false);
    }
    int end = (int) maxBytes;
    while (end > 0 && buf[end - 1] != '\n') {
      end--;
    }
    return new Bounded(new String(buf, 0, end, StandardCharsets.UTF_8), buf.length, true);
  }

  public void write(String device, String name, String value) throws IOException {
    Path p = locate(device, name);
    try {
      Files.writeString(
          p,
          value + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (AccessDeniedException e) {
      throw new AccessDeniedException(
          p.toString(),
          null,
          "cannot write "
              + displayName(device, name)
              + " (permission denied; run as root on the MDS)");
    } catch (NoSuchFileException e) {
      throw new ParamNotFoundException(
          "parameter " + displayName(device, name) + " vanished: " + p);
    }
  }

  public List<AgentEntry> agents(String device) throws IOException {
    return AgentsParser.parse(read(device, "agents"), locate(device, "agents").toString());
  }

  public List<ActionRecord> actions(String device) throws IOException {
    return ActionsParser.parse(read(device, "actions"), locate(device, "actions").toString());
  }

  public List<ActiveRequest> activeRequests(String device) throws IOException {
    return ActiveRequestsParser.parse(
        read(device, "active_requests"), locate(device, "active_requests").toString());
  }

  /** {@code hsm_control} value: {@code enabled}, {@code disabled}, {@code stopped}, ... */
  public String control(String device) throws IOException {
    return read(device, "hsm_control").strip();
  }

  public static String displayName(String device, String name) {
    return name.equals("hsm_control")
        ? "mdt." + device + ".hsm_control"
        : "mdt." + device + ".hsm." + name;
  }

  private Path locate(String device, String name) throws ParamNotFoundException {
    return (name.equals("hsm_control")
            ? locator.hsmControl(device)
            : locator.hsmParam(device, name))
        .orElseThrow(
            () ->
                new ParamNotFoundException(
                    "parameter "
                        + displayName(device, name)
                        + " not found (looked in "
                        + locator.describeSearch(device, name)
                        + ")"));
  }
}
