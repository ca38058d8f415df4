package dev.evalgate.benchmarks.fidelity;

import java.util.function.ToDoubleFunction;

/** A figure the harness prints, under the name the figures file uses. */
enum Metric {
  ACCURACY("accuracy", "acc", BinaryMetrics::accuracy),
  PRECISION("precision", "prec", BinaryMetrics::precision),
  RECALL("recall", "recall", BinaryMetrics::recall),
  BALANCED_ACCURACY("balanced_accuracy", "bal.acc", BinaryMetrics::balancedAccuracy),
  AUROC("auroc", "auroc", BinaryMetrics::auroc);

  final String id;
  final String column;
  private final ToDoubleFunction<BinaryMetrics> value;

  Metric(String id, String column, ToDoubleFunction<BinaryMetrics> value) {
    this.id = id;
    this.column = column;
    this.value = value;
  }

  double of(BinaryMetrics metrics) {
    return value.applyAsDouble(metrics);
  }

  static Metric byId(String id) {
    for (Metric metric : values()) {
      if (metric.id.equals(id)) {
        return metric;
      }
    }
    throw new IllegalArgumentException("unknown metric '" + id + "'");
  }
}
