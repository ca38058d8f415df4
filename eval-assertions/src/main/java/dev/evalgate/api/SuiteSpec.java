package dev.evalgate.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One evaluation: a dataset, its variants, its checks and its gate. Suite files and {@link
 * SuiteDefinition} methods both produce this model.
 *
 * @param name the suite's name, unique within its class
 * @param experiment the experiment id reported with every result, or {@code null}
 * @param dataset where the cases come from
 * @param variants the control first, then the challengers
 * @param checks the per-case checks, in declaration order
 * @param gate the criteria
 * @param repeats how many times each case is answered per variant (1 unless measuring flakiness)
 * @param seed the seed of everything random (sampling, bootstrap)
 */
public record SuiteSpec(
    String name,
    @Nullable String experiment,
    DatasetSpec dataset,
    List<VariantSpec> variants,
    List<Check> checks,
    GateSpec gate,
    int repeats,
    long seed) {

  public static final long DEFAULT_SEED = 20261122L;

  public SuiteSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataset, "dataset");
    variants = List.copyOf(variants);
    checks = List.copyOf(checks);
    Objects.requireNonNull(gate, "gate");
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be at least 1 but was " + repeats);
    }
    Set<String> names = new HashSet<>();
    long controls = 0;
    for (VariantSpec variant : variants) {
      if (!names.add(variant.name())) {
        throw new IllegalArgumentException(
            "suite '" + name + "' declares variant '" + variant.name() + "' twice");
      }
      if (variant.control()) {
        controls++;
      }
    }
    if (!variants.isEmpty() && controls != 1) {
      throw new IllegalArgumentException(
          "suite '" + name + "' needs exactly one control variant but has " + controls);
    }
    Set<String> checkNames = new HashSet<>();
    for (Check check : checks) {
      if (!checkNames.add(check.name())) {
        throw new IllegalArgumentException(
            "suite '" + name + "' declares check '" + check.name() + "' twice");
      }
    }
    TraceSpec traces = dataset.traces();
    if (traces != null && traces.split()) {
      for (CriterionSpec criterion : gate.criteria()) {
        if (criterion.kind() == CriterionSpec.Kind.AGREEMENT) {
          throw new IllegalArgumentException(agreementOnSplit(criterion));
        }
      }
    }
    String labelled = dataset.labelsVariant();
    if (labelled != null && !variants.isEmpty() && !names.contains(labelled)) {
      throw new IllegalArgumentException(
          "dataset labels-variant '"
              + labelled
              + "' is not a variant of suite '"
              + name
              + "'; expected one of: "
              + String.join(", ", variants.stream().map(VariantSpec::name).toList()));
    }
  }

  /**
   * Why an {@code agreement} criterion cannot judge a traffic split: the suite file loader says it
   * at the criterion's line, a Java suite when it is built.
   */
  public static String agreementOnSplit(CriterionSpec criterion) {
    return "criterion '"
        + criterion.text()
        + "' cannot be judged on a traffic split (dataset split: true): production's calls carry"
        + " no labels of what people concluded; judge the check's agreement with people in a"
        + " suite over a labelled dataset";
  }

  /** The variant whose answers the dataset's labels describe: the control unless one is named. */
  public String labelledVariant() {
    String named = dataset.labelsVariant();
    return named != null ? named : control().name();
  }

  public static Builder named(String name) {
    return new Builder(name);
  }

  /** The control variant. */
  public VariantSpec control() {
    return variants.stream()
        .filter(VariantSpec::control)
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("suite '" + name + "' has no control variant"));
  }

  /** The challengers, in declaration order. */
  public List<VariantSpec> challengers() {
    return variants.stream().filter(v -> !v.control()).toList();
  }

  /** Builds a suite in Java; see {@link SuiteDefinition}. */
  public static final class Builder {
    private final String name;
    private @Nullable String experiment;
    private @Nullable DatasetSpec dataset;
    private final List<VariantSpec> variants = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private GateSpec gate = GateSpec.minCases(0);
    private int repeats = 1;
    private long seed = DEFAULT_SEED;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder experiment(String value) {
      this.experiment = value;
      return this;
    }

    public Builder dataset(String path) {
      return dataset(DatasetSpec.of(path));
    }

    public Builder dataset(DatasetSpec value) {
      this.dataset = value;
      return this;
    }

    /** Adds the control variant; exactly one is needed. */
    public Builder control(VariantSpec variant) {
      variants.add(0, variant.asControl());
      return this;
    }

    public Builder challenger(VariantSpec variant) {
      variants.add(variant.asChallenger());
      return this;
    }

    public Builder check(Check check) {
      checks.add(check);
      return this;
    }

    public Builder checks(List<? extends Check> values) {
      checks.addAll(values);
      return this;
    }

    public Builder gate(GateSpec value) {
      this.gate = value;
      return this;
    }

    public Builder repeats(int value) {
      this.repeats = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public SuiteSpec build() {
      if (dataset == null) {
        throw new IllegalStateException("suite '" + name + "' needs a dataset");
      }
      return new SuiteSpec(name, experiment, dataset, variants, checks, gate, repeats, seed);
    }
  }
}
