package dev.evalgate.engine.metrics;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * What a variant's calls took on the wire in this run: a provider that answers only on a later
 * attempt is evidence too. A replayed answer sent no request, so it counts in none of these.
 *
 * @param calls calls that sent at least one request in this run
 * @param retried calls that sent more than one (the first attempt failed and was retried)
 * @param retries the requests after each call's first, summed over the calls
 * @param failed retried calls that still failed (after their last attempt)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Retries(long calls, long retried, long retries, long failed) {
  /** No request sent. */
  public static final Retries NONE = new Retries(0, 0, 0, 0);

  /**
   * A variant's cell: {@code 2 of 200 calls retried (5 retries; 1 still failed)}, {@code 0 of 200
   * calls retried}, or {@code no request sent in this run} when no call went out (its answers were
   * replayed, answered in process or read from a baseline).
   */
  public String describe() {
    if (calls == 0) {
      return "no request sent in this run";
    }
    String text = String.format(Locale.US, "%,d of %,d calls retried", retried, calls);
    if (retried == 0) {
      return text;
    }
    return text
        + String.format(
            Locale.US,
            " (%,d %s%s)",
            retries,
            retries == 1 ? "retry" : "retries",
            failed == 0 ? "" : String.format(Locale.US, "; %,d still failed", failed));
  }
}
