package dev.evalgate.benchmarks.training;

import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Logistic regression by Newton's method for examples with many features of which few are non-zero
 * (hashed words), with an L2 penalty of its own per feature (none on the bias): the Hessian is
 * accumulated over each example's non-zero features only and solved by commons-math3's Cholesky
 * decomposition. Stops when no weight moves by more than {@value #TOLERANCE}. Deterministic: the
 * same examples in the same order give the same weights to the last bit.
 */
final class SparseLogisticFit {
  private static final int MAX_ITERATIONS = 30;
  private static final double TOLERANCE = 1e-9;

  /** One example: its non-zero features (indices ascending, values), label and weight. */
  record Example(int[] index, double[] value, boolean y, double weight) {
    static Example of(double[] x, boolean y, double weight) {
      int nonZero = 0;
      for (double v : x) {
        nonZero += v != 0 ? 1 : 0;
      }
      int[] index = new int[nonZero];
      double[] value = new double[nonZero];
      int k = 0;
      for (int i = 0; i < x.length; i++) {
        if (x[i] != 0) {
          index[k] = i;
          value[k++] = x[i];
        }
      }
      return new Example(index, value, y, weight);
    }

    double logit(double[] w) {
      double z = w[w.length - 1];
      for (int k = 0; k < index.length; k++) {
        z += w[index[k]] * value[k];
      }
      return z;
    }
  }

  /**
   * The fitted weights, with the bias last.
   *
   * @param ridge the L2 penalty of each feature
   * @param start the weights to start from (bias last), or null for zeros
   */
  static double[] fit(
      List<Example> examples, double[] ridge, @org.jspecify.annotations.Nullable double[] start) {
    int features = ridge.length;
    int d = features + 1;
    double[] w = start == null ? new double[d] : start.clone();
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[][] hessian = new double[d][d];
      double[] gradient = new double[d];
      for (Example e : examples) {
        double p = 1 / (1 + Math.exp(-e.logit(w)));
        double residual = e.weight() * ((e.y() ? 1 : 0) - p);
        double curvature = e.weight() * p * (1 - p);
        int[] index = e.index();
        double[] value = e.value();
        for (int a = 0; a < index.length; a++) {
          double va = value[a];
          gradient[index[a]] += residual * va;
          double[] row = hessian[index[a]];
          double cva = curvature * va;
          for (int b = 0; b <= a; b++) {
            row[index[b]] += cva * value[b];
          }
          hessian[features][index[a]] += cva;
        }
        gradient[features] += residual;
        hessian[features][features] += curvature;
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < i; j++) {
          hessian[j][i] = hessian[i][j];
        }
      }
      for (int i = 0; i < features; i++) {
        gradient[i] -= ridge[i] * w[i];
        hessian[i][i] += ridge[i];
      }
      RealVector step =
          new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false), 1e-6, 1e-14)
              .getSolver()
              .solve(new ArrayRealVector(gradient, false));
      double largest = 0;
      for (int i = 0; i < d; i++) {
        w[i] += step.getEntry(i);
        largest = Math.max(largest, Math.abs(step.getEntry(i)));
      }
      if (largest < TOLERANCE) {
        break;
      }
    }
    return w;
  }

  private SparseLogisticFit() {}
}
