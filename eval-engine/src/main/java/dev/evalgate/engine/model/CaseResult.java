package dev.evalgate.engine.model;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.EvalCase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the variants did with one case: one outcome per variant and repeat. Results are handed
 * on case by case, so paired comparisons need no look-back.
 *
 * @param evalCase the case
 * @param prompts the rendered prompt per variant name
 * @param outcomes variant-major, then repeat order
 */
public record CaseResult(
    EvalCase evalCase, Map<String, List<ChatMessage>> prompts, List<VariantOutcome> outcomes) {
  public CaseResult {
    Objects.requireNonNull(evalCase, "evalCase");
    prompts = Map.copyOf(prompts);
    outcomes = List.copyOf(outcomes);
  }

  public String caseId() {
    return evalCase.id();
  }

  /** The outcomes of one variant, in repeat order. */
  public List<VariantOutcome> outcomesOf(String variant) {
    List<VariantOutcome> mine = new ArrayList<>(outcomes.size());
    for (VariantOutcome outcome : outcomes) {
      if (outcome.variant().equals(variant)) {
        mine.add(outcome);
      }
    }
    return Collections.unmodifiableList(mine);
  }

  /** The variant's outcome for one repeat, or {@code null} when the case has none. */
  public @org.jspecify.annotations.Nullable VariantOutcome outcomeOf(String variant, int repeat) {
    for (VariantOutcome outcome : outcomes) {
      if (outcome.repeat() == repeat && outcome.variant().equals(variant)) {
        return outcome;
      }
    }
    return null;
  }
}
