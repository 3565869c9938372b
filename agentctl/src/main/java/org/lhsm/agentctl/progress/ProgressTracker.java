package org.lhsm.agentctl.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.lhsm.agentctl.params.ActiveRequest;
import org.lhsm.bindings.HsmExtent;

/**
 * One {@link EtaEstimator} per running request (MDT and cookie), fed with successive readings of
 * {@code hsm.active_requests}. A request that leaves the list is forgotten.
 */
public final class ProgressTracker {
  /** A running request and where it stands. */
  public record Row(ActiveRequest request, EtaEstimator.Estimate estimate) {}

  private record Key(String device, long cookie) {}

  private final Duration reportInterval;
  private final Map<Key, EtaEstimator> byRequest = new HashMap<>();

  /**
   * @param reportInterval the copytools' progress interval ({@code --update-interval})
   */
  public ProgressTracker(Duration reportInterval) {
    this.reportInterval = reportInterval;
  }

  /** Records one reading of every MDT's active requests, taken at {@code at}. */
  public void observe(Instant at, List<ActiveRequest> active) {
    Set<Key> seen = new HashSet<>();
    for (ActiveRequest a : active) {
      Key k = new Key(a.device(), a.cookie());
      seen.add(k);
      byRequest
          .computeIfAbsent(k, x -> new EtaEstimator(reportInterval))
          .observe(at, a.bytesDone());
    }
    byRequest.keySet().retainAll(seen);
  }

  /** The estimator of one request, if it was in the last reading. */
  public Optional<EtaEstimator> of(String device, long cookie) {
    return Optional.ofNullable(byRequest.get(new Key(device, cookie)));
  }

  /**
   * Where {@code a} stands at {@code now}; the total is the request's extent when it is not "to the
   * end", else {@code fileSize}.
   */
  public Row row(ActiveRequest a, Instant now, OptionalLong fileSize) {
    EtaEstimator e =
        byRequest.computeIfAbsent(
            new Key(a.device(), a.cookie()), x -> new EtaEstimator(reportInterval));
    return new Row(a, e.estimate(now, total(a, fileSize)));
  }

  /** Bytes the request moves: its extent's length unless that is "to EOF", then the file size. */
  public static OptionalLong total(ActiveRequest a, OptionalLong fileSize) {
    long len = a.extent().length();
    if (len != HsmExtent.EOF && len > 0) {
      return OptionalLong.of(len);
    }
    return fileSize;
  }
}
