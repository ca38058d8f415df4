package dev.evalgate.engine.discovery;

import dev.evalgate.api.Check;
import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.config.EngineConfiguration;
import dev.evalgate.engine.config.Keys;
import dev.evalgate.engine.config.Precedence;
import dev.evalgate.engine.config.RecordingMode;
import dev.evalgate.engine.config.VariantKeys;
import dev.evalgate.engine.gate.LimitUnits;
import dev.evalgate.engine.gate.Metric;
import dev.evalgate.engine.io.ResourceLoader;
import dev.evalgate.engine.prompt.Template;
import dev.evalgate.engine.provider.BaseUrls;
import dev.evalgate.engine.provider.VariantOverrides;
import dev.evalgate.engine.suite.ResponseFormats;
import dev.evalgate.engine.suite.SuiteFileLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Settings a suite accepts that would mean nothing, found at discovery rather than after a paid
 * run: a margin outside 0-100 pp, a metric or {@code no-new-failures} naming a check the suite does
 * not have, a limit in a unit its metric is not measured in or negative where the metric never is,
 * a challenger no criterion is about, a prompt with an unclosed {@code {{}, a base URL
 * that cannot be called, and a live run whose key is not set.
 */
final class SuiteLint {
  /**
   * One finding.
   *
   * @param line the suite file's line, 0 when unknown (Java suites, configuration keys)
   * @param message what is wrong and what was expected
   * @param fatal whether the suite cannot run as declared (else a warning)
   */
  record Finding(int line, String message, boolean fatal) {}

  private SuiteLint() {}

  /**
   * @param fileSuite whether the suite came from a suite file, whose loader has checked its prompts
   *     and base URLs already, with their lines
   * @param lines the suite file's lines of the settings a configuration key may override ({@code
   *     SuiteFileLoader.Located#lines}); empty for a Java suite
   * @param resources where a Java suite's response-format schema is looked for, as each call does
   *     (a suite file's loader has checked its own, with its line)
   */
  static List<Finding> check(
      SuiteSpec spec,
      boolean fileSuite,
      EngineConfiguration config,
      Function<String, @Nullable String> environment,
      Map<String, Integer> lines,
      ResourceLoader resources) {
    List<Finding> findings = new ArrayList<>();
    overridden(spec, config, lines, findings);
    Set<String> checks = new TreeSet<>(spec.checks().stream().map(Check::name).toList());
    for (CriterionSpec criterion : spec.gate().criteria()) {
      criterion(criterion, checks, findings);
      unmeasured(criterion, spec.variants(), findings);
      if (criterion.kind() == CriterionSpec.Kind.NO_SLICE_REGRESSES
          && spec.dataset().slices().isEmpty()) {
        findings.add(
            new Finding(
                criterion.line(),
                "criterion '"
                    + criterion.text()
                    + "': it judges the slices of the cases, but the suite has none; expected"
                    + " 'slices: [FIELD, ...]' naming fields of the dataset's rows",
                true));
      }
    }
    unjudged(spec, findings);
    sameAsControl(spec, config, findings);
    for (VariantSpec declared : spec.variants()) {
      VariantSpec variant = VariantOverrides.apply(declared, config.variant(declared.name()));
      for (String[] part :
          new String[][] {
            {"system", variant.prompt().system()}, {"user", variant.prompt().user()}
          }) {
        String unclosed =
            part[1] == null || fileSuite ? null : Template.unclosedPlaceholder(part[1]);
        if (unclosed != null) {
          findings.add(
              new Finding(
                  0,
                  "the "
                      + part[0]
                      + " prompt of variant '"
                      + variant.name()
                      + "' has '"
                      + unclosed
                      + "' without its closing '}}'; expected {{name}}",
                  true));
        }
      }
      if (variant.answeredInProcess() || VariantSpec.APP.equals(variant.provider())) {
        continue;
      }
      String format = variant.parameters().responseFormat();
      String formatProblem =
          format == null || fileSuite ? null : ResponseFormats.problem(format, resources, null);
      if (formatProblem != null) {
        findings.add(new Finding(0, "variant '" + variant.name() + "': " + formatProblem, true));
      }
      String overridden = config.variant(variant.name()).get(VariantKeys.BASE_URL);
      if (variant.baseUrl() != null && (overridden != null || !fileSuite)) {
        String problem = BaseUrls.problem(variant.baseUrl());
        if (problem != null) {
          findings.add(
              new Finding(
                  0,
                  "variant '"
                      + variant.name()
                      + "': "
                      + problem
                      + (overridden != null
                          ? " (from "
                              + config.variant(variant.name()).keyName(VariantKeys.BASE_URL)
                              + ")"
                          : ""),
                  true));
          continue;
        }
      }
      liveKey(variant, config, environment, findings);
    }
    return findings;
  }

  /**
   * A key that replaces a value the suite sets ({@code evalgate.dataset.limit} over {@code limit:},
   * {@code evalgate.dataset.sample}, {@code evalgate.seed}), and {@code evalgate.timeout} where a
   * variant's own timeout wins over it, is a warning at the suite's line, worded as a launcher's
   * parameter over a {@code -D} is ({@link Precedence}), so that no override is silent. A Java
   * suite's seed counts as set when it is not the default.
   */
  private static void overridden(
      SuiteSpec spec,
      EngineConfiguration config,
      Map<String, Integer> lines,
      List<Finding> findings) {
    Integer limit = spec.dataset().limit();
    if (config.datasetLimit() > 0 && limit != null && limit != config.datasetLimit()) {
      findings.add(
          new Finding(
              lines.getOrDefault(SuiteFileLoader.LIMIT_LINE, 0),
              Precedence.overSuite(
                  Keys.DATASET_LIMIT,
                  config.datasetLimit(),
                  "the suite's dataset limit '" + limit + "'"),
              false));
    }
    Integer sample = spec.dataset().sample();
    if (config.datasetSample() > 0 && sample != null && sample != config.datasetSample()) {
      findings.add(
          new Finding(
              lines.getOrDefault(SuiteFileLoader.SAMPLE_LINE, 0),
              Precedence.overSuite(
                  Keys.DATASET_SAMPLE,
                  config.datasetSample(),
                  "the suite's dataset sample '" + sample + "'"),
              false));
    }
    Long seed = config.seed();
    boolean suiteSeed =
        lines.containsKey(SuiteFileLoader.SEED_LINE) || spec.seed() != SuiteSpec.DEFAULT_SEED;
    if (seed != null && suiteSeed && seed != spec.seed()) {
      findings.add(
          new Finding(
              lines.getOrDefault(SuiteFileLoader.SEED_LINE, 0),
              Precedence.overSuite(Keys.SEED, seed, "the suite's seed '" + spec.seed() + "'"),
              false));
    }
    // the other way round: a variant's own timeout wins over evalgate.timeout (HttpResponder,
    // RecordingEndpoint), so a -Devalgate.timeout would be lost without a word
    boolean timeoutGiven =
        System.getProperty(Constants.TIMEOUT) != null
            || !config.timeout().equals(Keys.TIMEOUT.defaultValue());
    for (VariantSpec variant : spec.variants()) {
      java.time.Duration own = variant.timeout();
      if (!timeoutGiven
          || own == null
          || variant.answeredInProcess()
          || own.equals(config.timeout())
          || config.variant(variant.name()).get(VariantKeys.TIMEOUT) != null) {
        continue;
      }
      String used = Keys.TIMEOUT.type().format(own);
      findings.add(
          new Finding(
              0,
              Precedence.underSuite(
                  Keys.TIMEOUT,
                  config.timeout(),
                  "the suite's timeout '" + used + "' of variant '" + variant.name() + "'",
                  "'" + used + "' for variant '" + variant.name() + "'",
                  "Set "
                      + config.variant(variant.name()).keyName(VariantKeys.TIMEOUT)
                      + " to change it."),
              false));
    }
  }

  /**
   * A challenger that no criterion is about (each names another variant) would be promoted with
   * nothing judged: "all 0 criteria hold".
   */
  private static void unjudged(SuiteSpec spec, List<Finding> findings) {
    List<CriterionSpec> criteria = spec.gate().criteria();
    if (criteria.isEmpty()) {
      return; // the loaders refuse a gate without criteria themselves
    }
    for (VariantSpec challenger : spec.challengers()) {
      boolean judged =
          criteria.stream()
              .anyMatch(c -> c.variant() == null || c.variant().equals(challenger.name()));
      if (!judged) {
        findings.add(
            new Finding(
                criteria.get(0).line(),
                "no criterion of the gate is about challenger '"
                    + challenger.name()
                    + "' (each names another variant), so it would be promoted with nothing"
                    + " judged; expected a criterion without 'variant', or with 'variant: "
                    + challenger.name()
                    + "'",
                true));
      }
    }
  }

  /**
   * A challenger that sends the very requests the control sends (provider, model, base URL,
   * headers, prompt and parameters, after the configuration's overrides) compares the control with
   * itself, so a PROMOTE shows nothing: a forgotten model change, or an override that names another
   * variant. An A/A run may be meant, so it is a warning.
   */
  private static void sameAsControl(
      SuiteSpec spec, EngineConfiguration config, List<Finding> findings) {
    VariantSpec control =
        VariantOverrides.apply(spec.control(), config.variant(spec.control().name()));
    if (!VariantSpec.OPENAI.equals(control.provider())
        && !VariantSpec.ANTHROPIC.equals(control.provider())) {
      return;
    }
    for (VariantSpec declared : spec.challengers()) {
      VariantSpec challenger = VariantOverrides.apply(declared, config.variant(declared.name()));
      if (challenger.provider().equals(control.provider())
          && Objects.equals(challenger.model(), control.model())
          && Objects.equals(challenger.baseUrl(), control.baseUrl())
          && challenger.headers().equals(control.headers())
          && challenger.parameters().equals(control.parameters())
          && challenger.prompt().equals(control.prompt())) {
        findings.add(
            new Finding(
                0,
                "challenger '"
                    + challenger.name()
                    + "' sends the same requests as control '"
                    + control.name()
                    + "' ("
                    + control.provider()
                    + ", model "
                    + control.model()
                    + ", the same prompt and parameters), so the run compares the control with"
                    + " itself and a PROMOTE shows nothing; expected a challenger that differs in"
                    + " provider, model, prompt or parameters (ignore this for an A/A run)",
                false));
      }
    }
  }

  private static void criterion(
      CriterionSpec criterion, Set<String> checks, List<Finding> findings) {
    String where = "criterion '" + criterion.text() + "': ";
    if (criterion.kind() == CriterionSpec.Kind.NO_NEW_FAILURES
        || criterion.kind() == CriterionSpec.Kind.AGREEMENT) {
      unknownCheck(where, criterion.metric(), checks, criterion.line(), findings);
      String minProblem = LimitUnits.problem(criterion);
      if (minProblem != null) {
        findings.add(new Finding(criterion.line(), where + minProblem, true));
      }
      return;
    }
    if (criterion.kind() == CriterionSpec.Kind.MIN_CASES) {
      return;
    }
    Metric metric;
    try {
      metric = Metric.parse(criterion.metric());
    } catch (IllegalArgumentException e) {
      return; // the loaders report unknown metrics themselves
    }
    if (!metric.argument().isEmpty()) {
      unknownCheck(where, metric.argument(), checks, criterion.line(), findings);
    }
    boolean margin =
        criterion.kind() == CriterionSpec.Kind.NON_INFERIOR
            || criterion.kind() == CriterionSpec.Kind.NO_SLICE_REGRESSES;
    String unitProblem = LimitUnits.problem(criterion);
    if (unitProblem != null) {
      findings.add(new Finding(criterion.line(), where + unitProblem, true));
      return;
    }
    boolean ratio = criterion.kind() == CriterionSpec.Kind.RATIO_AT_MOST;
    if (metric.unit() == Metric.Unit.RATE
        && !ratio
        && (criterion.limit() < 0 || criterion.limit() > 1)) {
      String what = margin ? "margin" : "limit";
      String unit = margin ? " pp" : "%";
      findings.add(
          new Finding(
              criterion.line(),
              where
                  + "a "
                  + what
                  + " of "
                  + format(criterion.limit() * 100)
                  + unit
                  + " means nothing for a rate; expected a "
                  + what
                  + " from 0"
                  + unit
                  + " to 100"
                  + unit,
              true));
    } else if (margin && criterion.limit() < 0) {
      findings.add(
          new Finding(
              criterion.line(),
              where
                  + "a negative margin ("
                  + format(criterion.limit())
                  + ") asks the challenger to be better, not no worse; expected a margin of 0 or"
                  + " more",
              true));
    }
  }

  /**
   * A criterion on latency, time to first byte or cost that would judge a dataset variant, which
   * calls nothing and so has none: it would compare zeros and pass on no evidence.
   */
  private static void unmeasured(
      CriterionSpec criterion, List<VariantSpec> variants, List<Finding> findings) {
    Metric metric;
    try {
      metric = Metric.parse(criterion.metric());
    } catch (IllegalArgumentException e) {
      return;
    }
    String measure =
        switch (metric.kind()) {
          case LATENCY_P50, LATENCY_P95, LATENCY_P99, LATENCY_MAX, LATENCY_MEAN -> "latency";
          case TTFB_P50, TTFB_P95, TTFB_P99 -> "time to first byte";
          case COST_PER_CALL, COST_PER_1K_CALLS, COST_TOTAL -> "cost";
          default -> null;
        };
    if (measure == null) {
      return;
    }
    boolean comparesWithControl =
        criterion.kind() == CriterionSpec.Kind.NON_INFERIOR
            || criterion.kind() == CriterionSpec.Kind.RATIO_AT_MOST;
    for (VariantSpec variant : variants) {
      boolean judged =
          criterion.variant() != null
              ? variant.name().equals(criterion.variant())
                  || variant.control() && comparesWithControl
              : !variant.control() || comparesWithControl;
      if (judged && VariantSpec.DATASET.equals(variant.provider())) {
        findings.add(
            new Finding(
                criterion.line(),
                "criterion '"
                    + criterion.text()
                    + "': variant '"
                    + variant.name()
                    + "' reads its answers from the dataset (provider: dataset) and has no "
                    + measure
                    + "; expected a criterion on variants that are called"
                    + (criterion.variant() == null ? " (variant: NAME)" : ""),
                true));
        return;
      }
    }
  }

  private static void unknownCheck(
      String where, String check, Set<String> checks, int line, List<Finding> findings) {
    if (!checks.contains(check)) {
      findings.add(
          new Finding(
              line,
              where
                  + "the suite has no check '"
                  + check
                  + "'; expected one of: "
                  + (checks.isEmpty()
                      ? "(the suite declares no checks)"
                      : String.join(", ", checks)),
              true));
    }
  }

  /**
   * A live run whose variant needs a key that is not set: said once, at discovery, instead of once
   * per call.
   */
  private static void liveKey(
      VariantSpec variant,
      EngineConfiguration config,
      Function<String, @Nullable String> environment,
      List<Finding> findings) {
    RecordingMode mode = config.recordingMode();
    if (!mode.callsLive()) {
      return;
    }
    String keyVariable =
        variant.apiKeyEnv() != null
            ? variant.apiKeyEnv()
            : variant.provider().equals(VariantSpec.ANTHROPIC)
                ? "ANTHROPIC_API_KEY"
                : "OPENAI_API_KEY";
    String key = environment.apply(keyVariable);
    if (key != null && !key.isBlank()
        || variant.baseUrl() != null && BaseUrls.isLocal(variant.baseUrl())) {
      return;
    }
    findings.add(
        new Finding(
            0,
            "variant '"
                + variant.name()
                + "' calls "
                + (variant.baseUrl() == null
                    ? "its provider's API (" + variant.provider() + ")"
                    : BaseUrls.shown(variant.baseUrl()))
                + " live ("
                + Constants.RECORDING_MODE
                + "="
                + mode.id()
                + "), but "
                + keyVariable
                + " is not set"
                + (variant.baseUrl() == null
                    ? ", so every call will fail as auth"
                    : ", so calls carry no key")
                + "; expected the key in "
                + keyVariable
                + " (a local server, e.g. base-url http://127.0.0.1:8080/v1, needs none)",
            false));
  }

  private static String format(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
