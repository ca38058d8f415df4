package dev.evalgate.checks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A logistic model over named features, read from a versioned resource written by the training
 * command ({@code benchmarks/train-checks.sh}, see CHECKS.md). The file lists one {@code
 * name<TAB>weight} a line, in the order the code computes the features, then {@code
 * bias<TAB>weight}; lines starting with {@code #} say how it was trained. A file whose names differ
 * from the code's is refused when the check is first used, so weights can never be applied to the
 * wrong features.
 *
 * @param names the features, in the order {@link #probability} expects them
 * @param weights one weight per feature
 * @param bias the intercept
 */
record LogisticModel(List<String> names, double[] weights, double bias) {

  LogisticModel {
    names = List.copyOf(names);
    if (weights.length != names.size()) {
      throw new IllegalArgumentException(
          names.size() + " features but " + weights.length + " weights");
    }
    weights = weights.clone();
  }

  /** The model's probability for a feature vector in the order of {@link #names}. */
  double probability(double[] features) {
    return 1 / (1 + Math.exp(-logit(features)));
  }

  double logit(double[] features) {
    double sum = bias;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i] * features[i];
    }
    return sum;
  }

  /**
   * Reads the model at a classpath location and checks that it scores {@code expected}.
   *
   * @throws IllegalStateException when the resource is missing, malformed or lists other features
   */
  static LogisticModel load(String location, List<String> expected) {
    InputStream in = LogisticModel.class.getClassLoader().getResourceAsStream(location);
    if (in == null) {
      throw new IllegalStateException("model " + location + " is missing from the class path");
    }
    List<String> names = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    Double bias = null;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t");
        double weight;
        try {
          weight = parts.length == 2 ? Double.parseDouble(parts[1]) : Double.NaN;
        } catch (NumberFormatException e) {
          weight = Double.NaN;
        }
        if (Double.isNaN(weight)) {
          throw new IllegalStateException(
              location
                  + " line "
                  + number
                  + ": expected NAME<TAB>WEIGHT, but was \""
                  + line
                  + "\"");
        }
        if (parts[0].equals("bias")) {
          bias = weight;
        } else {
          names.add(parts[0]);
          weights.add(weight);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!names.equals(expected) || bias == null) {
      throw new IllegalStateException(
          "model "
              + location
              + " scores features "
              + names
              + (bias == null ? " without a bias" : "")
              + ", but the code computes "
              + expected
              + "; retrain it (benchmarks/train-checks.sh)");
    }
    double[] w = new double[weights.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights.get(i);
    }
    return new LogisticModel(names, w, bias);
  }
}
