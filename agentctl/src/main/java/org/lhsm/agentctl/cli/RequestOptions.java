package org.lhsm.agentctl.cli;

import java.nio.charset.StandardCharsets;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import picocli.CommandLine.Option;

/** {@code --archive-id} and {@code --data} of archive, restore and remove. */
public final class RequestOptions {
  /** Request size limit of the client is 1706 bytes; leave room for header and one FID. */
  static final int MAX_DATA = 1600;

  @Option(
      names = {"-a", "--archive-id"},
      paramLabel = "ID",
      description = "Archive id (0 = the file's, else the coordinator's default_archive_id).")
  long archiveId;

  @Option(
      names = "--data",
      paramLabel = "TEXT",
      description = "Opaque data passed to the copytool with each item.")
  String data;

  int archiveId() throws CliException {
    if (archiveId < 0 || archiveId > 0xffffffffL) {
      throw new CliException(
          ExitCode.USAGE, "bad --archive-id " + archiveId + ": must be 0 to 4294967295");
    }
    return (int) archiveId;
  }

  byte[] data() throws CliException {
    byte[] b = data == null ? new byte[0] : data.getBytes(StandardCharsets.UTF_8);
    if (b.length > MAX_DATA) {
      throw new CliException(
          ExitCode.USAGE,
          "--data is " + b.length + " bytes; at most " + MAX_DATA + " fit in one request");
    }
    return b;
  }
}
