package dev.evalgate.engine.config;

/** How model calls are answered ({@value Constants#RECORDING_MODE}). */
public enum RecordingMode implements ValueType.Choice {
  /** Recordings only; a miss errors that case for that variant. */
  REPLAY,
  /** Live calls for misses, stored. */
  RECORD,
  /** Live calls for everything, overwriting the recordings. */
  REFRESH,
  /** Replay hits, live calls for misses when the API key is set. */
  AUTO,
  /** Always live, nothing stored. */
  OFF;

  /**
   * Whether this mode calls the model for every miss, so a missing key is a problem before the run.
   */
  public boolean callsLive() {
    return this == RECORD || this == REFRESH || this == OFF;
  }
}
