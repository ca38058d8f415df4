package dev.evalgate.engine.report.results;

import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ToolCall;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.redact.Redactor;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The redacted texts of one case, worked out once for every report prepared from it: the results
 * line and the page row show the same prompt and answer, and the repeats of a variant share its
 * prompt. Redaction scans every character, so with long prompts redacting each once per report was
 * a fifth of a run's CPU (benchmarks/README.md, "Large cases"). One instance serves one case on one
 * thread.
 */
public final class CaseTexts {
  private final CaseResult result;
  private final Redactor redactor;
  private final Map<String, String> prompts = new HashMap<>(4);
  private final Map<VariantOutcome, String> outputs = new IdentityHashMap<>(4);
  private final Map<VariantOutcome, List<ToolCall>> toolCalls = new IdentityHashMap<>(2);
  private @Nullable CaseFields fields;

  public CaseTexts(CaseResult result, Redactor redactor) {
    this.result = result;
    this.redactor = redactor;
  }

  /** The redacted prompt of {@code variant}, as {@link ResultsWriter#promptText} writes it out. */
  public String prompt(String variant) {
    return prompts.computeIfAbsent(
        variant, v -> redactor.apply(ResultsWriter.promptText(result.prompts().get(v))));
  }

  /**
   * The case's fields that checks read (context, expect, references), redacted; null when it has
   * none.
   */
  public @Nullable CaseFields fields() {
    if (fields == null) {
      EvalCase c = result.evalCase();
      CaseFields made =
          new CaseFields(
              c.context() == null ? null : redactor.apply(c.context()),
              c.expect(),
              c.references().stream().map(redactor::apply).toList(),
              c.incorrectReferences().stream().map(redactor::apply).toList());
      fields = made.isEmpty() ? NONE : made;
    }
    return fields == NONE ? null : fields;
  }

  private static final CaseFields NONE =
      new CaseFields(null, null, java.util.List.of(), java.util.List.of());

  /** The tool calls of {@code outcome}'s answer, arguments redacted; empty when it made none. */
  public List<ToolCall> toolCalls(VariantOutcome outcome) {
    List<ToolCall> calls = outcome.response().toolCalls();
    return calls.isEmpty()
        ? calls
        : toolCalls.computeIfAbsent(outcome, o -> ToolCallTexts.redacted(calls, redactor));
  }

  /** The redacted answer of {@code outcome}; null when it has none. */
  public @Nullable String output(VariantOutcome outcome) {
    String content = outcome.response().content();
    return content == null ? null : outputs.computeIfAbsent(outcome, o -> redactor.apply(content));
  }
}
