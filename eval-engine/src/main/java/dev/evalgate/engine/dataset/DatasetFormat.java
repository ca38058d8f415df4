package dev.evalgate.engine.dataset;

/** The dataset file formats EvalGate reads. */
public enum DatasetFormat {
  /** One JSON object per line. */
  JSONL,
  /** Comma-separated values with a header row; quoted fields may span lines. */
  CSV,
  /** One JSON array of objects. */
  JSON
}
