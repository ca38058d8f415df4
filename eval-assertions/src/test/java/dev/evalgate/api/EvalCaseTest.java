package dev.evalgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalCaseTest {

  @Test
  void aBuiltCaseHoldsOnlyWhatWasSetAndTheRestIsEmpty() {
    EvalCase c = EvalCase.builder("q-1").context("Paris is in France.").references("Paris").build();

    assertThat(c.id()).isEqualTo("q-1");
    assertThat(c.context()).isEqualTo("Paris is in France.");
    assertThat(c.references()).containsExactly("Paris");
    assertThat(c.variables()).isEmpty();
    assertThat(c.messages()).isEmpty();
    assertThat(c.incorrectReferences()).isEmpty();
    assertThat(c.expect()).isNull();
    assertThat(c.expectedToolCalls()).as("unstated, not 'no calls'").isNull();
    assertThat(c.line()).isZero();
    assertThat(c.labels()).isEmpty();
    assertThat(c.slices()).isEmpty();
    assertThat(c.cluster()).isNull();
  }

  @Test
  void everyValueSetReachesTheCase() {
    ExpectedToolCall call = new ExpectedToolCall("lookup", null);
    EvalCase c =
        EvalCase.builder("q-2")
            .variables(Map.of("question", "Capital of France?"))
            .messages(List.of(ChatMessage.user("Capital of France?")))
            .context("ctx")
            .references(List.of("Paris"))
            .incorrectReferences("Lyon", "Nice")
            .expect("comply")
            .expectedToolCalls(List.of(call))
            .line(7)
            .labels(Map.of("refusal", CheckResult.Outcome.PASSED))
            .slices(Map.of("topic", "geography"))
            .cluster("doc-3")
            .build();

    assertThat(c)
        .isEqualTo(
            new EvalCase(
                "q-2",
                Map.of("question", "Capital of France?"),
                List.of(ChatMessage.user("Capital of France?")),
                "ctx",
                List.of("Paris"),
                List.of("Lyon", "Nice"),
                "comply",
                List.of(call),
                7,
                Map.of("refusal", CheckResult.Outcome.PASSED),
                Map.of("topic", "geography"),
                "doc-3"));
  }

  @Test
  void toBuilderStartsFromTheCaseAndChangesOnlyWhatIsSet() {
    EvalCase c =
        EvalCase.builder("q-3")
            .references("a")
            .expect("refuse")
            .line(4)
            .cluster("k")
            .expectedToolCalls(List.of())
            .build();

    assertThat(c.toBuilder().build()).isEqualTo(c);
    EvalCase moved = c.toBuilder().line(9).cluster(null).build();
    assertThat(moved.line()).isEqualTo(9);
    assertThat(moved.cluster()).isNull();
    assertThat(moved.references()).containsExactly("a");
    assertThat(moved.expect()).isEqualTo("refuse");
    assertThat(moved.expectedToolCalls()).isEmpty();
    assertThat(c.line()).as("the original is untouched").isEqualTo(4);
  }

  @Test
  void withersChangeOneValue() {
    EvalCase c = EvalCase.builder("q-4").references("a").line(2).build();

    assertThat(c.withCluster("k").cluster()).isEqualTo("k");
    assertThat(c.withSlices(Map.of("f", "v")).slices()).containsEntry("f", "v");
    assertThat(c.withLabels(Map.of("grounded", CheckResult.Outcome.FAILED)).labels())
        .containsEntry("grounded", CheckResult.Outcome.FAILED);
    assertThat(c.withExpectedToolCalls(List.of()).expectedToolCalls()).isEmpty();
    assertThat(c.withCluster("k").references()).containsExactly("a");
    assertThat(c.withCluster("k").line()).isEqualTo(2);
  }

  @Test
  void theCaseKeepsNoReferenceToTheBuildersCollections() {
    List<String> references = new ArrayList<>(List.of("a"));
    EvalCase c = EvalCase.builder("q-5").references(references).build();
    references.add("b");

    assertThat(c.references()).containsExactly("a");
  }

  @Test
  void aLabelIsPassedOrFailedWhicheverWayTheCaseIsMade() {
    EvalCase.Builder builder =
        EvalCase.builder("q-6").labels(Map.of("refusal", CheckResult.Outcome.NOT_APPLICABLE));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a label is passed or failed, never not applicable");
    assertThatThrownBy(() -> EvalCase.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id");
  }
}
