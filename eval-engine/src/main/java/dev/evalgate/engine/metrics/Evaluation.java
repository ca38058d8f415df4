package dev.evalgate.engine.metrics;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Everything a run measured: per-variant metrics and each challenger's paired comparison.
 *
 * @param cases cases run
 * @param repeats answers per case and variant
 * @param variants metrics per variant, the control first
 * @param comparisons one per challenger
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Evaluation(
    long cases, int repeats, List<VariantMetrics> variants, List<Comparison> comparisons) {
  public Evaluation {
    variants = List.copyOf(variants);
    comparisons = List.copyOf(comparisons);
  }

  public Optional<VariantMetrics> variant(String name) {
    return variants.stream().filter(v -> v.variant().equals(name)).findFirst();
  }

  public Optional<Comparison> comparison(String challenger) {
    return comparisons.stream().filter(c -> c.challenger().equals(challenger)).findFirst();
  }
}
