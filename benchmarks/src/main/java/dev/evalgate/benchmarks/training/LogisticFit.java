package dev.evalgate.benchmarks.training;

import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Logistic regression by Newton's method (iteratively reweighted least squares) with an L2 penalty
 * on the weights (not the bias). Deterministic: the same examples in the same order give the same
 * weights to the last bit, so a retrained model file is byte-identical. Public for the embedding
 * trial ({@code benchmarks/embedding-trial}), which is not compiled with this module.
 */
public final class LogisticFit {
  private static final int ITERATIONS = 25;

  /** One example: features, label, weight. */
  public record Example(double[] x, boolean y, double weight) {}

  /** The fitted weights, with the bias last. */
  public static double[] fit(List<Example> examples, int features, double ridge) {
    int d = features + 1;
    double[] w = new double[d];
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      double[][] hessian = new double[d][d];
      double[] gradient = new double[d];
      for (Example e : examples) {
        double z = w[features];
        for (int i = 0; i < features; i++) {
          z += w[i] * e.x()[i];
        }
        double p = 1 / (1 + Math.exp(-z));
        double residual = e.weight() * ((e.y() ? 1 : 0) - p);
        double curvature = e.weight() * p * (1 - p);
        for (int i = 0; i < d; i++) {
          double xi = i == features ? 1 : e.x()[i];
          gradient[i] += residual * xi;
          for (int j = 0; j <= i; j++) {
            double xj = j == features ? 1 : e.x()[j];
            hessian[i][j] += curvature * xi * xj;
          }
        }
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < i; j++) {
          hessian[j][i] = hessian[i][j];
        }
      }
      for (int i = 0; i < features; i++) {
        gradient[i] -= ridge * w[i];
        hessian[i][i] += ridge;
      }
      RealVector step =
          new LUDecomposition(new Array2DRowRealMatrix(hessian, false))
              .getSolver()
              .solve(new ArrayRealVector(gradient, false));
      for (int i = 0; i < d; i++) {
        w[i] += step.getEntry(i);
      }
    }
    return w;
  }

  public static double logit(double[] w, double[] x) {
    double z = w[w.length - 1];
    for (int i = 0; i < x.length; i++) {
      z += w[i] * x[i];
    }
    return z;
  }

  private LogisticFit() {}
}
