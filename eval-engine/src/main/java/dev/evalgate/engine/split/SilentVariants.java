package dev.evalgate.engine.split;

import dev.evalgate.engine.metrics.VariantMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The declared variants of a traffic split that answered no call, and why, as the criteria and
 * verdicts about them say it: either calls name variants the suite does not declare (most often a
 * variant spelt otherwise than the calls' {@code variant} field spells it), or the variant received
 * no traffic in the calls read.
 */
final class SilentVariants {
  private final String control;
  private final List<String> declared;
  private final List<String> silent;
  private final Map<String, Long> undeclared;
  private final String read;

  /**
   * @param undeclared the calls of variants the suite does not declare, by name
   */
  SilentVariants(
      String control,
      List<String> challengers,
      SplitAccumulator.Split split,
      Map<String, Long> undeclared,
      String read) {
    this.control = control;
    List<String> all = new ArrayList<>();
    all.add(control);
    all.addAll(challengers);
    this.declared = List.copyOf(all);
    this.silent =
        declared.stream()
            .filter(v -> split.evaluation().variant(v).map(VariantMetrics::n).orElse(0L) == 0)
            .toList();
    this.undeclared = undeclared;
    this.read = read;
  }

  /**
   * Why a result about {@code challenger} (or about the whole split, when {@code null}) lacks
   * evidence: the silence of the control or of that challenger (of any declared variant, for the
   * whole split); {@code null} when each of them answered calls.
   */
  @Nullable String about(@Nullable String challenger) {
    List<String> these =
        silent.stream()
            .filter(v -> challenger == null || v.equals(control) || v.equals(challenger))
            .toList();
    if (these.isEmpty()) {
      return null;
    }
    if (undeclared.isEmpty() && silent.size() == declared.size()) {
      // no call names any variant, declared or not: the calls read, not the names, are missing
      return "no variant received traffic: "
          + read
          + "; choose a window in which production made calls (dataset from, to, recent), or"
          + " check that the file holds them";
    }
    return undeclared.isEmpty() ? noTraffic(these) : unnamed(these);
  }

  /**
   * Whether {@code message} already gives the cause {@link #about} gives for {@code challenger}:
   * its own words, or the whole split's, which name every silent variant (so a verdict quoting a
   * min-cases reason that names two silent challengers does not name one of them again).
   */
  boolean saidIn(String message, @Nullable String challenger) {
    String own = about(challenger);
    String whole = about(null);
    return own == null || message.contains(own) || (whole != null && message.contains(whole));
  }

  /**
   * "variant 'challenger' received no traffic: none of the 80 calls read from FILE (WINDOW) names
   * it; ...".
   */
  private String noTraffic(List<String> these) {
    return (these.size() == 1 ? "variant " : "variants ")
        + names(these)
        + " received no traffic: none of the "
        + read
        + " names "
        + (these.size() == 1 ? "it" : "them")
        + "; check that production sends "
        + (these.size() == 1 ? "it" : "them")
        + " calls under that name, or choose a window in which "
        + (these.size() == 1 ? "it" : "they")
        + " had some (dataset from, to, recent)";
  }

  /**
   * "no call names variant 'contrl' (the control), but 436 calls name a variant the suite does not
   * declare: 'control' (436); ...".
   */
  private String unnamed(List<String> these) {
    long calls = undeclared.values().stream().mapToLong(Long::longValue).sum();
    List<String> named = new ArrayList<>();
    undeclared.forEach((name, count) -> named.add("'" + name + "' (" + count + ")"));
    return "no call names "
        + (these.size() == 1 ? "variant " : "variants ")
        + names(these)
        + ", but "
        + calls
        + (calls == 1 ? " call names" : " calls name")
        + " a variant the suite does not declare: "
        + String.join(", ", named)
        + "; name the suite's variants as the calls' variant field spells them (the suite"
        + " declares: "
        + String.join(", ", declared)
        + ")";
  }

  private String names(List<String> these) {
    return these.stream()
        .map(v -> "'" + v + "'" + (v.equals(control) ? " (the control)" : ""))
        .collect(Collectors.joining(", "));
  }
}
