package dev.evalgate.maven;

import org.jspecify.annotations.Nullable;

/**
 * A criterion configured in the POM, applied to every run report:
 *
 * <pre>{@code
 * <rule>
 *   <kind>at-most</kind>
 *   <metric>latency-p95</metric>
 *   <limit>2500ms</limit>
 *   <variant>challenger</variant>   <!-- optional: default every challenger -->
 * </rule>
 * }</pre>
 *
 * Kinds and metrics are those of suite files (eval-engine/METRICS.md).
 */
public class Rule {
  // Maven sets what the POM gives; ReportGate names what is missing
  @Nullable String kind;
  @Nullable String metric;
  @Nullable String limit;
  @Nullable String variant;
  @Nullable Double confidence;

  public Rule() {}

  Rule(String kind, @Nullable String metric, @Nullable String limit, @Nullable String variant) {
    this.kind = kind;
    this.metric = metric;
    this.limit = limit;
    this.variant = variant;
  }

  @Override
  public String toString() {
    return kind
        + ": { metric: "
        + metric
        + ", limit: "
        + limit
        + (variant == null ? "" : ", variant: " + variant)
        + " }";
  }
}
