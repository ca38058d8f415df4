package dev.evalgate.checks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights that turn {@link RefusalFeatures} into a refusal confidence: a logistic regression,
 * {@code 1 / (1 + exp(-(w · f)))}, whose weights are data ({@code dev/evalgate/checks/refusal/LANG-model.tsv},
 * written by the training command named in its header; never edited by hand).
 */
final class RefusalModel {
  private final double[] weights;

  RefusalModel(double[] weights) {
    if (weights.length != RefusalFeatures.NAMES.size()) {
      throw new IllegalArgumentException("expected " + RefusalFeatures.NAMES.size() + " weights, but got " + weights.length);
    }
    this.weights = weights.clone();
  }

  /** All weights zero: for reading features before any model is trained. */
  static RefusalModel untrained() {
    return new RefusalModel(new double[RefusalFeatures.NAMES.size()]);
  }

  /** The refusal confidence in [0, 1]. */
  double score(double[] features) {
    double z = 0;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * features[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** The model for a language: {@code LANG-model.tsv}, else the English one (the features are the same in every language). */
  static RefusalModel forLanguage(String language) {
    String resource = "/dev/evalgate/checks/refusal/" + language + "-model.tsv";
    InputStream in = RefusalModel.class.getResourceAsStream(resource);
    if (in == null && !language.equals("en")) {
      return forLanguage("en");
    }
    if (in == null) {
      throw new IllegalStateException("the refusal model " + resource + " is missing from the class path");
    }
    try (in) {
      return parse(in, resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@code feature<TAB>weight} lines ({@code #} comments); every feature must have exactly one weight. */
  static RefusalModel parse(InputStream in, String name) throws IOException {
    Map<String, Double> byName = new HashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t");
      if (parts.length != 2 || !RefusalFeatures.NAMES.contains(parts[0])) {
        throw new CheckSpecException(name + ":" + number + ": expected FEATURE<TAB>WEIGHT with a feature of "
            + RefusalFeatures.NAMES + ", but was \"" + line + "\"");
      }
      try {
        if (byName.put(parts[0], Double.parseDouble(parts[1])) != null) {
          throw new CheckSpecException(name + ":" + number + ": feature '" + parts[0] + "' has a second weight");
        }
      } catch (NumberFormatException e) {
        throw new CheckSpecException(name + ":" + number + ": the weight must be a number, but was \"" + parts[1] + "\"");
      }
    }
    List<String> names = RefusalFeatures.NAMES;
    double[] weights = new double[names.size()];
    for (int i = 0; i < weights.length; i++) {
      Double weight = byName.get(names.get(i));
      if (weight == null) {
        throw new CheckSpecException(name + ": feature '" + names.get(i) + "' has no weight");
      }
      weights[i] = weight;
    }
    return new RefusalModel(weights);
  }
}
