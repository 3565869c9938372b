package org.lhsm.agentctl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Loads fixture texts; '#' header lines become blank lines so line numbers match the file. */
public final class Fixtures {
  private Fixtures() {}

  public static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return raw.lines()
          .map(l -> l.startsWith("#") ? "" : l)
          .collect(Collectors.joining("\n", "", "\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture with lctl's "mdt.<dev>.hsm.<name>=" prefixes removed: the raw file content. */
  public static String rawFileText(String name, String param) {
    return text(name).replaceAll("(?m)^mdt\\.[^\\s=]+\\.hsm\\." + param + "=", "");
  }
}
