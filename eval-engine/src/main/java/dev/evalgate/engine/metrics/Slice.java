package dev.evalgate.engine.metrics;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The cases whose value of one dataset field is the same (a suite's {@code slices: [category]}
 * gives one slice per category), measured and compared on their own, so that an average over every
 * case cannot hide a slice that got worse. Rates are over cases: with repeats, each check's
 * majority outcome over a case's answered repeats, as in the paired comparison. With {@code
 * dataset.cluster}, each comparison is also made over the clusters of the slice's cases.
 *
 * <pre>{@code
 * evaluation.slices().get(0).name();                      // "category=billing"
 * evaluation.slices().get(0).paired("challenger")         // the billing cases compared
 *     .map(p -> p.checks().get("schema").difference());   // -0.05
 * }</pre>
 *
 * @param field the dataset field
 * @param value the field's value, {@value #NONE} for the cases without one, {@value #OTHER} for the
 *     cases whose value came after the first {@value #MAX_VALUES} values of the field
 * @param cases the cases in the slice
 * @param variants each variant's pass rates on the slice's cases, in suite order
 * @param comparisons each challenger compared with the control on the slice's cases
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Slice(
    String field, String value, long cases, List<Variant> variants, List<Paired> comparisons) {
  /** The slice of the cases that have no value for the field (or a null or blank one). */
  public static final String NONE = "(none)";

  /** The slice of the values past the first {@value #MAX_VALUES} of a field. */
  public static final String OTHER = "(other)";

  /**
   * The distinct values a field is sliced into, beyond which cases share the {@value #OTHER} slice:
   * slices are for a few dozen categories, not for ids, and each one costs its tables.
   */
  public static final int MAX_VALUES = 100;

  public Slice {
    variants = List.copyOf(variants);
    comparisons = List.copyOf(comparisons);
  }

  /** {@code field=value}, as reports name the slice. */
  public String name() {
    return field + "=" + value;
  }

  /** The comparison of {@code challenger} with the control on this slice. */
  public Optional<Paired> paired(String challenger) {
    return comparisons.stream().filter(c -> c.challenger().equals(challenger)).findFirst();
  }

  /** The figures of {@code variant} on this slice. */
  public Optional<Variant> variant(String name) {
    return variants.stream().filter(v -> v.variant().equals(name)).findFirst();
  }

  /**
   * One variant on a slice's cases.
   *
   * @param variant the variant's name
   * @param answered cases it answered (at least one repeat)
   * @param errored cases every repeat of which errored
   * @param checks each check's pass rate over the answered cases it applied to, in suite order
   * @param passAll the share of the slice's cases it passed every check on (an errored case is a
   *     failure)
   */
  public record Variant(
      String variant, long answered, long errored, Map<String, Rate> checks, Rate passAll) {}

  /**
   * A challenger compared with the control on a slice's cases, as {@link Comparison} does on all of
   * them.
   *
   * @param challenger the challenger's name
   * @param pairs cases both answered
   * @param excluded cases left out because either variant errored
   * @param checks each check's paired comparison (the first 10 regressions and improvements
   *     listed), plus {@code *} for "passes every check"
   * @param clustered with {@code dataset.cluster}: per check and {@code *}, the comparison over the
   *     clusters of the slice's cases (a conversation's turns in the slice), as {@link
   *     Comparison#clustered()} over the whole run; {@code null} (and left out of report.json)
   *     without clusters
   */
  public record Paired(
      String challenger,
      long pairs,
      long excluded,
      Map<String, CheckComparison> checks,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, Clustered> clustered) {}
}
