package dev.evalgate.engine.report.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.ErrorClass;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.redact.Redactor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A case's texts are redacted once for every report prepared from it. */
class CaseTextsTest {
  @Test
  void eachPromptAndAnswerIsRedactedOnceAndSharedByTheReports() {
    List<ChatMessage> prompt =
        List.of(ChatMessage.system("Be brief."), ChatMessage.user("Mail ana@example.com back"));
    VariantOutcome first =
        new VariantOutcome(
            "control", 0, ModelResponse.ofText("Sent to ana@example.com."), null, List.of());
    VariantOutcome repeat =
        new VariantOutcome(
            "control", 1, ModelResponse.ofText("Sent to ana@example.com."), null, List.of());
    VariantOutcome failed =
        new VariantOutcome(
            "control",
            2,
            ModelResponse.failure(ErrorClass.TIMEOUT, "no answer", Duration.ZERO, 0),
            null,
            List.of());
    CaseResult result =
        new CaseResult(
            EvalCase.of("c-1", Map.of()),
            Map.of("control", prompt),
            List.of(first, repeat, failed));
    CaseTexts texts = new CaseTexts(result, Redactor.parse("email"));

    String redacted = texts.prompt("control");
    assertThat(redacted).isEqualTo("[system] Be brief.\n\n[user] Mail [REDACTED:email] back");
    assertThat(texts.prompt("control"))
        .as("worked out once, for the results line, the page row and every repeat")
        .isSameAs(redacted);
    String answer = texts.output(first);
    assertThat(answer).isEqualTo("Sent to [REDACTED:email].");
    assertThat(texts.output(first)).isSameAs(answer);
    assertThat(texts.output(repeat))
        .as("another call's answer is its own")
        .isEqualTo(answer)
        .isNotSameAs(answer);
    assertThat(texts.output(failed)).isNull();
  }
}
