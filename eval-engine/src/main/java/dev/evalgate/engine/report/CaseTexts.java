package dev.evalgate.engine.report;

import dev.evalgate.engine.run.CaseResult;
import dev.evalgate.engine.run.VariantOutcome;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The redacted texts of one case, worked out once for every report prepared from it: the results
 * line and the page row show the same prompt and answer, and the repeats of a variant share its
 * prompt. Redaction scans every character, so with long prompts redacting each once per report was
 * a fifth of a run's CPU (benchmarks/README.md, "Large cases"). One instance serves one case on one
 * thread.
 */
final class CaseTexts {
  private final CaseResult result;
  private final Redactor redactor;
  private final Map<String, String> prompts = new HashMap<>(4);
  private final Map<VariantOutcome, String> outputs = new IdentityHashMap<>(4);

  CaseTexts(CaseResult result, Redactor redactor) {
    this.result = result;
    this.redactor = redactor;
  }

  /** The redacted prompt of {@code variant}, as {@link ResultsWriter#promptText} writes it out. */
  String prompt(String variant) {
    return prompts.computeIfAbsent(variant, v -> redactor.apply(ResultsWriter.promptText(result.prompts().get(v))));
  }

  /** The redacted answer of {@code outcome}; null when it has none. */
  @Nullable String output(VariantOutcome outcome) {
    String content = outcome.response().content();
    return content == null ? null : outputs.computeIfAbsent(outcome, o -> redactor.apply(content));
  }
}
