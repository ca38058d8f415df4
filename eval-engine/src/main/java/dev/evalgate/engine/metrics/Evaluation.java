package dev.evalgate.engine.metrics;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Everything a run measured: per-variant metrics and each challenger's paired comparison.
 *
 * @param cases cases run
 * @param repeats answers per case and variant
 * @param variants metrics per variant, the control first
 * @param comparisons one per challenger
 * @param agreement per check with labels, how well it agrees with people on the labelled variant's
 *     answers, in suite order; empty when no case has labels
 * @param slices with {@code slices} in the suite, every slice of the cases measured and compared on
 *     its own (fields in suite order, values sorted, {@code (none)} last); empty without
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Evaluation(
    long cases,
    int repeats,
    List<VariantMetrics> variants,
    List<Comparison> comparisons,
    // left out of report.json when no case has labels, so a report without labels reads as before
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CheckAgreement> agreement,
    // left out of report.json without slices, so a report without them reads as before
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Slice> slices) {
  public Evaluation {
    variants = List.copyOf(variants);
    comparisons = List.copyOf(comparisons);
    // a report written before labels were compared has no such field
    agreement = agreement == null ? List.of() : List.copyOf(agreement);
    // a report written before slices were measured has no such field
    slices = slices == null ? List.of() : List.copyOf(slices);
  }

  /** An evaluation without slices. */
  public Evaluation(
      long cases,
      int repeats,
      List<VariantMetrics> variants,
      List<Comparison> comparisons,
      List<CheckAgreement> agreement) {
    this(cases, repeats, variants, comparisons, agreement, List.of());
  }

  /** An evaluation without labels. */
  public Evaluation(
      long cases, int repeats, List<VariantMetrics> variants, List<Comparison> comparisons) {
    this(cases, repeats, variants, comparisons, List.of(), List.of());
  }

  /** The same evaluation with {@code values} as the checks' agreement with people. */
  public Evaluation withAgreement(List<CheckAgreement> values) {
    return new Evaluation(cases, repeats, variants, comparisons, values, slices);
  }

  /** The same evaluation with {@code values} as its slices. */
  public Evaluation withSlices(List<Slice> values) {
    return new Evaluation(cases, repeats, variants, comparisons, agreement, values);
  }

  /** The fields the cases were sliced by, in suite order. */
  public List<String> sliceFields() {
    return slices.stream().map(Slice::field).distinct().toList();
  }

  /** The agreement of {@code check} with people, when its cases have labels. */
  public Optional<CheckAgreement> agreement(String check) {
    return agreement.stream().filter(a -> a.check().equals(check)).findFirst();
  }

  public Optional<VariantMetrics> variant(String name) {
    return variants.stream().filter(v -> v.variant().equals(name)).findFirst();
  }

  public Optional<Comparison> comparison(String challenger) {
    return comparisons.stream().filter(c -> c.challenger().equals(challenger)).findFirst();
  }
}
