package dev.evalgate.engine.dataset;

/** The dataset file formats EvalGate reads. */
public enum DatasetFormat {
  /** One JSON object per line. */
  JSONL,
  /** Comma-separated values with a header row; quoted fields may span lines. */
  CSV,
  /** One JSON array of objects. */
  JSON,
  /** An OpenTelemetry OTLP/JSON trace export: its GenAI spans are the rows. */
  OTLP,
  /** A gateway's log of calls, one JSON object per line, mapped by the suite's fields. */
  EVENTS
}
