package dev.evalgate.engine.metrics;

import dev.evalgate.api.Check;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.checks.TextMeasures;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.PreparingSink;
import dev.evalgate.engine.model.VariantOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * Accumulates a run's case results into an {@link Evaluation}. Memory is bounded by variants x
 * checks plus fixed-size histograms, reservoirs and lists of at most {@value #LISTED} case ids, so
 * a million cases need no more than a hundred.
 *
 * <pre>{@code
 * RunAccumulator metrics = new RunAccumulator(suite);
 * results.forEach(metrics::accept);
 * Evaluation evaluation = metrics.finish();
 * }</pre>
 */
public final class RunAccumulator implements PreparingSink<int[]> {
  /** How many regressions and improvements are listed per check. */
  public static final int LISTED = 50;

  /** The control's name: read per case. */
  private final String control;

  private final List<VariantLabel> variantLabels;
  private final List<String> checks;
  private final int repeatsPerCase;
  private final double confidence;
  private final Map<String, VariantAccumulator> variants = new LinkedHashMap<>();
  private final Map<String, PairAccumulator> pairs = new LinkedHashMap<>();
  private final Map<String, RepeatLedger> ledgers = new LinkedHashMap<>();
  private final SliceAccumulator slices;
  private long cases;

  /**
   * The accumulator of a suite's variants and checks with the suite's own seed (runs use an {@code
   * Evaluator}).
   */
  public RunAccumulator(SuiteSpec suite) {
    this(
        suite.variants().stream().map(VariantLabel::of).toList(),
        suite.checks().stream().map(Check::name).toList(),
        suite.repeats(),
        suite.seed(),
        suite.gate().confidence(),
        UnaryOperator.identity());
  }

  /**
   * @param variants the variants compared, exactly one of them the control
   * @param checks the names of the checks counted, in suite order
   * @param repeats answers per case and variant
   * @param seed the seed of the first challenger's bootstrap intervals (the next challenger's is
   *     one more)
   * @param confidence the confidence of the comparisons' intervals
   * @param redact applied to the error messages the metrics keep (the first of each class), as the
   *     run's redaction rules apply to everything written; results files read back are redacted
   *     already
   */
  public RunAccumulator(
      List<VariantLabel> variants,
      List<String> checks,
      int repeats,
      long seed,
      double confidence,
      UnaryOperator<String> redact) {
    this(variants, checks, repeats, seed, confidence, redact, List.of(), false);
  }

  /**
   * As {@link #RunAccumulator(List, List, int, long, double, UnaryOperator)}, measuring and
   * comparing each slice of the cases too, and comparing over clusters of cases.
   *
   * @param sliceFields the dataset fields whose values cut the cases into slices, in suite order
   * @param clustered whether the cases come in clusters ({@code dataset.cluster})
   */
  public RunAccumulator(
      List<VariantLabel> variants,
      List<String> checks,
      int repeats,
      long seed,
      double confidence,
      UnaryOperator<String> redact,
      List<String> sliceFields,
      boolean clustered) {
    this.variantLabels = List.copyOf(variants);
    this.checks = List.copyOf(checks);
    this.repeatsPerCase = repeats;
    this.confidence = confidence;
    for (VariantLabel variant : variantLabels) {
      // a case's repeats pass or fail together as a conversation's turns do: with repeats, each
      // case is a cluster of its answers (within the suite's clusters, when it has them)
      this.variants.put(
          variant.name(),
          new VariantAccumulator(variant, this.checks, redact, clustered || repeats > 1));
      if (repeats > 1) {
        ledgers.put(variant.name(), new RepeatLedger(this.checks, repeats, clustered));
      }
    }
    this.control =
        variantLabels.stream()
            .filter(VariantLabel::control)
            .map(VariantLabel::name)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no control among "
                            + variantLabels.stream().map(VariantLabel::name).toList()));
    long next = seed;
    for (VariantLabel challenger : variantLabels) {
      if (!challenger.control()) {
        pairs.put(
            challenger.name(),
            new PairAccumulator(challenger.name(), control, this.checks, next++, clustered));
      }
    }
    this.slices =
        new SliceAccumulator(
            sliceFields,
            variantLabels.stream().map(VariantLabel::name).toList(),
            control,
            this.checks,
            clustered);
  }

  /**
   * The word count of each outcome's answer, in {@code result.outcomes()} order: the costly,
   * order-free part.
   */
  @Override
  public int[] prepare(CaseResult result) {
    List<VariantOutcome> outcomes = result.outcomes();
    int[] words = new int[outcomes.size()];
    for (int i = 0; i < words.length; i++) {
      VariantOutcome outcome = outcomes.get(i);
      words[i] = outcome.errored() ? 0 : TextMeasures.words(outcome.response().text());
    }
    return words;
  }

  @Override
  public void accept(CaseResult result, int[] words) {
    cases++;
    Map<String, CaseSummary> summaries = new LinkedHashMap<>();
    List<VariantOutcome> all = result.outcomes();
    String cluster = ClusterTallies.key(result.caseId(), result.evalCase().cluster());
    for (int i = 0; i < all.size(); i++) {
      VariantOutcome outcome = all.get(i);
      VariantAccumulator accumulator = variants.get(outcome.variant());
      if (accumulator != null) {
        accumulator.accept(outcome, result.evalCase().expect(), words[i], cluster);
      }
    }
    // only a suite that repeats cases pays for its ledger
    Map<String, int[]> passes = repeatsPerCase > 1 ? new LinkedHashMap<>() : Map.of();
    for (VariantLabel variant : variantLabels) {
      List<VariantOutcome> outcomes = result.outcomesOf(variant.name());
      if (repeatsPerCase > 1) {
        int[] counted = RepeatLedger.passes(outcomes, checks);
        ofVariant(ledgers, variant.name())
            .add(result.caseId(), result.evalCase().cluster(), counted, outcomes.size());
        if (outcomes.size() == repeatsPerCase) {
          passes.put(variant.name(), counted);
        }
      }
      summaries.put(variant.name(), CaseSummary.of(outcomes, checks));
    }
    CaseSummary controlSummary = ofVariant(summaries, control);
    pairs.forEach(
        (name, pair) ->
            pair.accept(
                result.caseId(),
                result.evalCase().cluster(),
                controlSummary,
                ofVariant(summaries, name)));
    if (slices.active()) {
      slices.accept(result, summaries);
    }
    if (repeatsPerCase > 1) {
      int[] controlPasses = passes.get(control);
      pairs.forEach(
          (name, pair) ->
              pair.acceptRepeats(
                  result.caseId(),
                  result.evalCase().cluster(),
                  controlPasses,
                  passes.get(name),
                  repeatsPerCase));
    }
  }

  /** The entry of a variant of the suite: every map here has one for each. */
  private static <V> V ofVariant(Map<String, V> byVariant, String variant) {
    V value = byVariant.get(variant);
    if (value == null) {
      throw new IllegalStateException("no entry for variant '" + variant + "'");
    }
    return value;
  }

  public Evaluation finish() {
    return finish(Runnable::run);
  }

  /**
   * As {@link #finish()}, drawing the bootstrap intervals of the comparisons partly on {@code
   * executor} (the run's workers, idle once the last case is in); the evaluation is the same on any
   * executor.
   */
  public Evaluation finish(Executor executor) {
    List<VariantMetrics> metrics = new ArrayList<>();
    variants.forEach(
        (name, accumulator) ->
            metrics.add(
                accumulator.finish(
                    ledgers.containsKey(name) ? ofVariant(ledgers, name).finish() : Map.of())));
    List<Comparison> comparisons = new ArrayList<>();
    pairs.values().forEach(pair -> comparisons.add(pair.finish(confidence, executor)));
    return new Evaluation(cases, repeatsPerCase, metrics, comparisons)
        .withSlices(slices.finish(confidence));
  }
}
