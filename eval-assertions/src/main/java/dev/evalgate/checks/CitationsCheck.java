package dev.evalgate.checks;

import dev.evalgate.api.CheckResult;
import dev.evalgate.api.Exchange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every citation in the answer ({@code [1]}, {@code [doc-3]}, {@code [^2]} footnotes) names a
 * source that exists in the context, where sources are marked the same way.
 */
final class CitationsCheck extends BaseCheck {
  private static final Pattern CITATION =
      Pattern.compile("\\[\\^?([A-Za-z]*-?\\d+|[A-Za-z][\\w-]{0,30})]");

  private final boolean required;

  CitationsCheck(String name, boolean required) {
    super(name, "hallucination");
    this.required = required;
  }

  @Override
  public CheckResult evaluate(Exchange exchange) {
    String context = exchange.evalCase().context() == null ? "" : exchange.evalCase().context();
    Set<String> available = ids(context);
    Set<String> cited = ids(exchange.output());
    if (cited.isEmpty()) {
      return required
          ? fail("the answer cites no source; expected citations such as [1]")
          : pass("no citations to verify");
    }
    List<String> missing = new ArrayList<>();
    for (String id : cited) {
      if (!available.contains(id)) {
        missing.add("[" + id + "]");
      }
    }
    if (missing.isEmpty()) {
      return result(
          true,
          1.0,
          "all " + cited.size() + " cited sources exist in the context",
          java.util.Map.of());
    }
    return result(
        false,
        1.0 - (double) missing.size() / cited.size(),
        "cites " + String.join(", ", missing) + ", which the context does not contain",
        java.util.Map.of());
  }

  private static Set<String> ids(String text) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = CITATION.matcher(text);
    while (m.find()) {
      ids.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
    }
    return ids;
  }
}
