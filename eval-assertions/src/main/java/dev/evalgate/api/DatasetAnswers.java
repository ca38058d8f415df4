package dev.evalgate.api;

import java.util.List;
import java.util.Objects;

/**
 * Where a {@link VariantSpec#fromDataset dataset variant} keeps its function: its answer to a case
 * is a field of the case's own row (answers already given, such as production's logged answers or
 * the answers a team labelled), so the engine reads that field and never calls {@link
 * #answer(List)}.
 *
 * @param field the row field holding the answer, such as {@code answer}
 */
public record DatasetAnswers(String field) implements ModelFunction {
  public DatasetAnswers {
    Objects.requireNonNull(field, "field");
    if (field.isBlank()) {
      throw new IllegalArgumentException("a dataset variant's answer field has a name");
    }
  }

  @Override
  public ModelResponse answer(List<ChatMessage> prompt) {
    throw new IllegalStateException(
        "a dataset variant is answered from its rows' field '" + field + "', not from a prompt");
  }
}
