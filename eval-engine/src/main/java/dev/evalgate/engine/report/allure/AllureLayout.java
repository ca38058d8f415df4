package dev.evalgate.engine.report.allure;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a suite's results sit in Allure, whoever writes them: EvalGate (cases, and the criteria and
 * gate tests when allure-junit-platform is absent) or allure-junit-platform (the tests, when it is
 * present; {@link #placeRunningTest} moves them). Every result of a suite has one root, the suite:
 *
 * <pre>
 * support-bot                      parentSuite
 * ├─ 1. gate and criteria          suite: the tests (passed or failed, as in the build)
 * └─ 2. cases                      suite: the evidence
 *    ├─ control                    subSuite: one per variant
 *    └─ challenger
 * </pre>
 *
 * <p>Every result also carries the labels {@value #SUITE_LABEL} (the suite, and its shard) and
 * {@value #RUN_LABEL} (this JVM's run), by which the next run finds and removes this suite's
 * earlier results ({@link AllureCleanup}).
 */
public final class AllureLayout {
  /** The {@code suite} label of a suite's tests: they sort before its cases. */
  public static final String TESTS = "1. gate and criteria";

  /** The {@code suite} label of a suite's cases. */
  public static final String CASES = "2. cases";

  static final String SUITE_LABEL = "evalgate.suite";
  static final String RUN_LABEL = "evalgate.run";

  /** This JVM's run: results of the same run are never removed as earlier ones. */
  static final String RUN = UUID.randomUUID().toString();

  private static final Set<String> PLACEMENT =
      Set.of("parentSuite", "suite", "subSuite", SUITE_LABEL, RUN_LABEL);

  private AllureLayout() {}

  /**
   * The suite's key in Allure: its name, and its shard when sharded ({@code support-bot [shard
   * 2/4]}), so that a shard's run replaces only that shard's earlier results.
   */
  public static String key(String suite, String shard) {
    return shard.equals("1/1") ? suite : suite + " [shard " + shard + "]";
  }

  /**
   * The labels that place a result of suite {@code key}: a test when {@code variant} is null, else
   * a case of that variant.
   */
  static List<Label> placement(String suite, String key, @Nullable String variant) {
    List<Label> labels = new ArrayList<>(5);
    labels.add(label("parentSuite", suite));
    labels.add(label("suite", variant == null ? TESTS : CASES));
    if (variant != null) {
      labels.add(label("subSuite", variant));
    }
    labels.add(label(SUITE_LABEL, key));
    labels.add(label(RUN_LABEL, RUN));
    return labels;
  }

  /**
   * Places the test that is running on this thread, as allure-junit-platform reports it, under its
   * suite's root beside its cases ({@link #TESTS}): its suite labels are replaced by {@link
   * #placement}. Does nothing when allure-junit-platform is absent or reports no test here.
   */
  public static void placeRunningTest(String suite, String key, @Nullable String experiment) {
    if (!AllureWriter.allureJunitPlatformPresent()) {
      return;
    }
    try {
      AllureLifecycle lifecycle = Allure.getLifecycle();
      String uuid = lifecycle.getCurrentTestCase().orElse(null);
      if (uuid == null) {
        return;
      }
      lifecycle.updateTestCase(
          uuid,
          result -> {
            result.getLabels().removeIf(l -> PLACEMENT.contains(l.getName()));
            result.getLabels().addAll(placement(suite, key, null));
            if (experiment != null) {
              result.getLabels().add(label("epic", experiment));
            }
            result.getLabels().add(label("feature", "gate and criteria"));
          });
    } catch (RuntimeException | LinkageError e) {
      // Allure's own lifecycle failing must not fail the test; the result keeps its default place
    }
  }

  static Label label(String name, String value) {
    return new Label().setName(name).setValue(value);
  }
}
