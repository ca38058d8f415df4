package dev.evalgate.engine.stats;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Turns an interval whose bounds are continuous functions of the normal quantile {@code z} into
 * one-sided p-values: the p-value is the tail beyond the {@code z} at which a bound meets the limit
 * (commons-math3's Brent solver finds it). The intervals inverted here (Wilson-based Newcombe
 * intervals) equal the point estimate at {@code z = 0} and widen as {@code z} grows.
 */
final class Inversion {
  /**
   * Beyond this z the normal tail is below 1e-300: a bound that has not met the limit by then never
   * will.
   */
  static final double Z_MAX = 37;

  private static final double ACCURACY = 1e-12;

  private Inversion() {}

  /**
   * The smallest one-sided alpha at which {@code lowerAtZ(z(alpha)) >= limit}; when the estimate is
   * below the limit, one minus the p-value of the opposite bound (at least 0.5, never a decision).
   */
  static double lowerP(
      DoubleUnaryOperator lowerAtZ, DoubleUnaryOperator upperAtZ, double value, double limit) {
    if (value == limit) {
      return 0.5;
    }
    if (value < limit) {
      return 1 - crossing(z -> limit - upperAtZ.applyAsDouble(z));
    }
    return crossing(z -> lowerAtZ.applyAsDouble(z) - limit);
  }

  /** The smallest one-sided alpha at which {@code upperAtZ(z(alpha)) <= limit}. */
  static double upperP(
      DoubleUnaryOperator lowerAtZ, DoubleUnaryOperator upperAtZ, double value, double limit) {
    if (value == limit) {
      return 0.5;
    }
    if (value > limit) {
      return 1 - crossing(z -> lowerAtZ.applyAsDouble(z) - limit);
    }
    return crossing(z -> limit - upperAtZ.applyAsDouble(z));
  }

  /**
   * The tail probability beyond the z where {@code margin} (positive at z = 0, shrinking as z
   * grows) reaches 0; 0 when it stays positive up to {@link #Z_MAX}.
   */
  private static double crossing(DoubleUnaryOperator margin) {
    if (margin.applyAsDouble(0) <= 0) {
      // the estimate sits on the limit (to rounding)
      return 0.5;
    }
    if (margin.applyAsDouble(Z_MAX) > 0) {
      return 0;
    }
    double z = new BrentSolver(ACCURACY).solve(500, margin::applyAsDouble, 0, Z_MAX);
    return Proportions.upperTail(z);
  }
}
