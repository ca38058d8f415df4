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

  /** A case with only an id and variables, as most tests and simple datasets need. */
  public static EvalCase of(String id, Map<String, Object> variables) {
    return builder(id).variables(variables).build();
  }

  /**
   * A builder of the case {@code id}: no variables, messages, context, references, expectation,
   * labels, slices or cluster, expected tool calls unstated, line 0 (unknown), until set.
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder that starts from this case's values. */
  public Builder toBuilder() {
    return new Builder(id)
        .variables(variables)
        .messages(messages)
        .context(context)
        .references(references)
        .incorrectReferences(incorrectReferences)
        .expect(expect)
        .expectedToolCalls(expectedToolCalls)
        .line(line)
        .labels(labels)
        .slices(slices)
        .cluster(cluster);
  }

  /** The same case expecting {@code calls} (empty: no tool call at all). */
  public EvalCase withExpectedToolCalls(List<ExpectedToolCall> calls) {
    return toBuilder().expectedToolCalls(calls).build();
  }

  /** The same case with {@code values} as its labels (check name to the outcome people expect). */
  public EvalCase withLabels(Map<String, CheckResult.Outcome> values) {
    return toBuilder().labels(values).build();
  }

  /** The same case with {@code values} as its slice values (field to text). */
  public EvalCase withSlices(Map<String, String> values) {
    return toBuilder().slices(values).build();
  }

  /** The same case in the cluster {@code value} ({@code null}: a cluster of its own). */
  public EvalCase withCluster(@Nullable String value) {
    return toBuilder().cluster(value).build();
  }

  /** The variable's text, or {@code null} when the case has no such variable. */
  public @Nullable String variable(String name) {
    Object value = variables.get(name);
    return value == null ? null : value.toString();
  }

  /**
   * Builds an {@link EvalCase} one named value at a time, so that a case states only what it has
   * ({@code EvalCase.builder("q-1").context(text).references("Paris").build()}). Each setter
   * replaces the value it names; {@link #build()} copies the collections and checks the labels, as
   * the record's constructor does. Not thread-safe.
   */
  public static final class Builder {
    private final String id;
    private Map<String, Object> variables = Map.of();
    private List<ChatMessage> messages = List.of();
    private @Nullable String context;
    private List<String> references = List.of();
    private List<String> incorrectReferences = List.of();
    private @Nullable String expect;
    private @Nullable List<ExpectedToolCall> expectedToolCalls;
    private long line;
    private Map<String, CheckResult.Outcome> labels = Map.of();
    private Map<String, String> slices = Map.of();
    private @Nullable String cluster;

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /** The template variables, by name. */
    public Builder variables(Map<String, Object> values) {
      this.variables = values;
      return this;
    }

    /** The conversation turns the row gives itself. */
    public Builder messages(List<ChatMessage> values) {
      this.messages = values;
      return this;
    }

    /** The source material the answer must be grounded in; {@code null}: none. */
    public Builder context(@Nullable String value) {
      this.context = value;
      return this;
    }

    /** The answers known to be correct. */
    public Builder references(List<String> values) {
      this.references = values;
      return this;
    }

    /** The answers known to be correct. */
    public Builder references(String... values) {
      return references(List.of(values));
    }

    /** The answers known to be wrong. */
    public Builder incorrectReferences(List<String> values) {
      this.incorrectReferences = values;
      return this;
    }

    /** The answers known to be wrong. */
    public Builder incorrectReferences(String... values) {
      return incorrectReferences(List.of(values));
    }

    /** The expected behaviour, {@code refuse} or {@code comply}; {@code null}: not stated. */
    public Builder expect(@Nullable String value) {
      this.expect = value;
      return this;
    }

    /** The tool calls the answer should make (empty: none); {@code null}: not stated. */
    public Builder expectedToolCalls(@Nullable List<ExpectedToolCall> values) {
      this.expectedToolCalls = values;
      return this;
    }

    /** The 1-based line where the row starts in its dataset file; 0: unknown. */
    public Builder line(long value) {
      this.line = value;
      return this;
    }

    /** What people say each named check should conclude, by check name. */
    public Builder labels(Map<String, CheckResult.Outcome> values) {
      this.labels = values;
      return this;
    }

    /** The case's value of each field the suite slices by. */
    public Builder slices(Map<String, String> values) {
      this.slices = values;
      return this;
    }

    /** The case's cluster; {@code null}: a cluster of its own. */
    public Builder cluster(@Nullable String value) {
      this.cluster = value;
      return this;
    }

    /** The case. */
    public EvalCase build() {
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
          cluster);
    }
  }
}
