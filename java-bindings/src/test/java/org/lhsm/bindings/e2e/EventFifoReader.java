package org.lhsm.bindings.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lhsm.emulator.testkit.Await;

/** Collects the JSON events of a registered event FIFO until an UNREGISTER event. */
final class EventFifoReader {
  private static final Pattern TYPE = Pattern.compile("\"event_type\": \"([A-Z_]+)\"");
  private final CompletableFuture<List<String>> lines;

  /** Opens the read end; the library holds the write end, so this does not block. */
  EventFifoReader(Path fifo) throws IOException {
    BufferedReader reader = Files.newBufferedReader(fifo, StandardCharsets.UTF_8);
    lines =
        CompletableFuture.supplyAsync(
            () -> {
              List<String> got = new ArrayList<>();
              try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                  got.add(line);
                  if (line.contains("\"UNREGISTER\"")) {
                    break;
                  }
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return got;
            });
  }

  /** Every event line up to and including UNREGISTER. */
  List<String> lines() throws Exception {
    return lines.get(Await.DEFAULT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The event types in order, without LOGGED_MESSAGE. */
  List<String> types() throws Exception {
    return lines().stream()
        .map(TYPE::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .filter(t -> !t.equals("LOGGED_MESSAGE"))
        .toList();
  }
}
