package dev.evalgate.engine.report.results;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a case that checks read beside the answer: {@code context}, {@code expect}, {@code
 * references} and {@code incorrect_references}, each only when the case has it. Written in
 * results.jsonl (field {@code case}, whole) and on the first page row of the case (field {@code f},
 * each text cut as the page cuts texts).
 */
public record CaseFields(
    @Nullable String context,
    @Nullable String expect,
    List<String> references,
    List<String> incorrect) {
  public CaseFields {
    references = List.copyOf(references);
    incorrect = List.copyOf(incorrect);
  }

  public boolean isEmpty() {
    return context == null && expect == null && references.isEmpty() && incorrect.isEmpty();
  }

  /**
   * Writes the fields as a JSON object, each text (the context, every reference) through {@code
   * cut}.
   */
  public void write(JsonGenerator json, UnaryOperator<String> cut) throws IOException {
    json.writeStartObject();
    if (context != null) {
      json.writeStringField(ResultsFields.CASE_CONTEXT, cut.apply(context));
    }
    if (expect != null) {
      json.writeStringField(ResultsFields.CASE_EXPECT, expect);
    }
    writeList(json, ResultsFields.CASE_REFERENCES, references, cut);
    writeList(json, ResultsFields.CASE_INCORRECT_REFERENCES, incorrect, cut);
    json.writeEndObject();
  }

  private static void writeList(
      JsonGenerator json, String field, List<String> texts, UnaryOperator<String> cut)
      throws IOException {
    if (texts.isEmpty()) {
      return;
    }
    json.writeArrayFieldStart(field);
    for (String text : texts) {
      json.writeString(cut.apply(text));
    }
    json.writeEndArray();
  }
}
