package dev.evalgate.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One row of a dataset: the evidence unit that every variant answers.
 *
 * @param id stable identifier (the row's id field, else a hash of its content); never a line number
 * @param variables template variables, rendered into prompts as {@code {{name}}}
 * @param messages optional conversation turns given by the row itself (rendered like templates)
 * @param context optional source material the answer must be grounded in
 * @param references answers known to be correct
 * @param incorrectReferences answers known to be wrong
 * @param expect the expected behaviour, {@code refuse} or {@code comply}, when the row states one
 * @param expectedToolCalls the tool calls the answer should make (a row's {@code
 *     expected_tool_calls}); empty when it should call none, {@code null} when the row does not say
 * @param line the 1-based line where the row starts in its dataset file, 0 when unknown
 * @param labels what people say each named check should conclude on this case's answer (the answer
 *     of the variant the suite's {@code dataset.labels-variant} names, the control by default):
 *     {@link CheckResult.Outcome#PASSED} or {@link CheckResult.Outcome#FAILED}, by check name;
 *     empty when the row has no {@code labels}
 * @param slices the case's value of each field the suite slices by ({@code slices}), as text, by
 *     field; a field the row lacks (or holds null or blank) is absent, and the case belongs to that
 *     field's {@code (none)} slice
 * @param cluster the case's value of the suite's cluster field ({@code dataset.cluster}), {@code
 *     null} when the suite has none or the row no value (the case is then a cluster of its own)
 */
public record EvalCase(
    String id,
    Map<String, Object> variables,
    List<ChatMessage> messages,
    @Nullable String context,
    List<String> references,
    List<String> incorrectReferences,
    @Nullable String expect,
    @Nullable List<ExpectedToolCall> expectedToolCalls,
    long line,
    Map<String, CheckResult.Outcome> labels,
    Map<String, String> slices,
    @Nullable String cluster) {

  public EvalCase {
    Objects.requireNonNull(id, "id");
    variables = Map.copyOf(variables);
    messages = List.copyOf(messages);
    references = List.copyOf(references);
    incorrectReferences = List.copyOf(incorrectReferences);
    expectedToolCalls = expectedToolCalls == null ? null : List.copyOf(expectedToolCalls);
    labels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
    for (CheckResult.Outcome label : labels.values()) {
      if (label == CheckResult.Outcome.NOT_APPLICABLE) {
        throw new IllegalArgumentException("a label is passed or failed, never not applicable");
      }
    }
    slices = Map.copyOf(slices);
  }

  /** A case without labels. */
  public EvalCase(
      String id,
      Map<String, Object> variables,
      List<ChatMessage> messages,
      @Nullable String context,
      List<String> references,
      List<String> incorrectReferences,
      @Nullable String expect,
      @Nullable List<ExpectedToolCall> expectedToolCalls,
      long line) {
    this(
        id,
        variables,
        messages,
        context,
        references,
        incorrectReferences,
        expect,
        expectedToolCalls,
        line,
        Map.of(),
        Map.of(),
        null);
  }

  /** A case that states no expected tool calls. */
  public EvalCase(
      String id,
      Map<String, Object> variables,
      List<ChatMessage> messages,
      @Nullable String context,
      List<String> references,
      List<String> incorrectReferences,
      @Nullable String expect,
      long line) {
    this(id, variables, messages, context, references, incorrectReferences, expect, null, line);
  }

  /** A case with only an id and variables, as most tests and simple datasets need. */
  public static EvalCase of(String id, Map<String, Object> variables) {
    return new EvalCase(id, variables, List.of(), null, List.of(), List.of(), null, null, 0);
  }

  /** The same case expecting {@code calls} (empty: no tool call at all). */
  public EvalCase withExpectedToolCalls(List<ExpectedToolCall> calls) {
    return new EvalCase(
        id,
        variables,
        messages,
        context,
        references,
        incorrectReferences,
        expect,
        calls,
        line,
        labels,
        slices,
        cluster);
  }

  /** The same case with {@code values} as its labels (check name to the outcome people expect). */
  public EvalCase withLabels(Map<String, CheckResult.Outcome> values) {
    return new EvalCase(
        id,
        variables,
        messages,
        context,
        references,
        incorrectReferences,
        expect,
        expectedToolCalls,
        line,
        values,
        slices,
        cluster);
  }

  /** The same case with {@code values} as its slice values (field to text). */
  public EvalCase withSlices(Map<String, String> values) {
    return new EvalCase(
        id,
        variables,
        messages,
        context,
        references,
        incorrectReferences,
        expect,
        expectedToolCalls,
        line,
        labels,
        values,
        cluster);
  }

  /** The same case in the cluster {@code value} ({@code null}: a cluster of its own). */
  public EvalCase withCluster(@Nullable String value) {
    return new EvalCase(
        id,
        variables,
        messages,
        context,
        references,
        incorrectReferences,
        expect,
        expectedToolCalls,
        line,
        labels,
        slices,
        value);
  }

  /** The variable's text, or {@code null} when the case has no such variable. */
  public @Nullable String variable(String name) {
    Object value = variables.get(name);
    return value == null ? null : value.toString();
  }
}
