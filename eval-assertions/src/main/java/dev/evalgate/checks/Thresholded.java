package dev.evalgate.checks;

/**
 * A check whose verdict is its score compared with a threshold that an option sets, so that answers
 * labelled by people can suggest a better threshold ({@link Calibration}). {@code refusal} ({@code
 * threshold}, on the refusal confidence), {@code reference-agreement} ({@code min-score}) and
 * {@code grounded} ({@code min-support}) are.
 *
 * <pre>{@code
 * if (check instanceof Thresholded t) {
 *   t.thresholdOption(); // "min-support"
 *   t.threshold();       // 0.1
 * }
 * }</pre>
 */
public interface Thresholded {
  /** The option that sets the threshold, as a suite file writes it. */
  String thresholdOption();

  /** The threshold this check decides at. */
  double threshold();
}
