package dev.evalgate.engine.gate;

import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One test of a suite: a criterion about one challenger, or a challenger's gate verdict. The key is
 * stable across edits of the dataset and of unrelated criteria, so unique ids survive them.
 *
 * @param key the unique-id segment value, e.g. {@code non-inferior(pass-rate(schema))@challenger}
 * @param displayName what the IDE and reports show
 * @param criterion the criterion, {@code null} for a gate verdict
 * @param variant the challenger the claim is about, {@code null} for suite-wide criteria
 *     (min-cases, agreement)
 */
public record Claim(
    String key, String displayName, @Nullable CriterionSpec criterion, @Nullable String variant) {

  public boolean isGate() {
    return criterion == null;
  }

  /**
   * The claims of a suite, in declaration order: every criterion per challenger, then each gate.
   */
  public static List<Claim> of(SuiteSpec suite) {
    List<Claim> claims = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<String> challengers = suite.challengers().stream().map(VariantSpec::name).toList();
    for (CriterionSpec criterion : suite.gate().criteria()) {
      List<String> variants =
          criterion.kind() == CriterionSpec.Kind.MIN_CASES
                  || criterion.kind() == CriterionSpec.Kind.AGREEMENT
              ? java.util.Collections.singletonList(null)
              : criterion.variant() != null ? List.of(criterion.variant()) : challengers;
      for (String variant : variants) {
        String base =
            criterion.kind().id()
                + (criterion.metric().isEmpty() ? "" : "(" + criterion.metric() + ")")
                + (variant == null ? "" : "@" + variant);
        int n = seen.merge(base, 1, Integer::sum);
        String key = n == 1 ? base : base + "#" + n;
        String display = criterion.text() + (variant == null ? "" : " [" + variant + "]");
        claims.add(new Claim(key, display, criterion, variant));
      }
    }
    for (String challenger : challengers) {
      claims.add(
          new Claim(
              "gate@" + challenger,
              "gate: " + challenger + " may replace " + suite.control().name(),
              null,
              challenger));
    }
    return claims;
  }
}
