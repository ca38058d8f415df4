package dev.evalgate.engine.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.ToolCall;
import dev.evalgate.engine.dataset.DatasetReader;
import dev.evalgate.engine.dataset.DatasetSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateTest {
  @Test
  void substitutesVariablesIncludingDottedJsonPaths() throws Exception {
    Object order = new ObjectMapper().readTree("{\"id\": \"o-9\", \"items\": [{\"sku\": \"A1\"}]}");
    EvalCase c = EvalCase.of("c-1", Map.of("name", "Ada", "order", order));

    String text =
        Template.parse(
                "Hi {{ name }}, order {{order.id}} has {{order.items.0.sku}}; raw \\{{name}}")
            .render(c);

    assertThat(text).isEqualTo("Hi Ada, order o-9 has A1; raw {{name}}");
  }

  @Test
  void aMissingVariableNamesTheCaseAndTheVariable() {
    EvalCase c = EvalCase.of("t-17", Map.of("question", "q", "id", "t-17"));

    assertThatThrownBy(() -> Template.parse("Answer {{ticket}}").render(c))
        .isInstanceOf(MissingVariableException.class)
        .hasMessage(
            "case 't-17' has no variable 'ticket' used by the prompt template; expected one of: id,"
                + " question");
  }

  @Test
  void aNullInADatasetRowIsNotSentAsTheWordNull(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("q.jsonl");
    Files.writeString(file, "{\"id\": \"q-1\", \"question\": null}\n");
    EvalCase c;
    try (DatasetReader reader =
        DatasetReader.open(new DatasetSource("q.jsonl", file.toUri(), file), "id", p -> {})) {
      c = reader.next();
    }

    assertThatThrownBy(() -> Template.parse("Answer {{question}}").render(c))
        .isInstanceOf(MissingVariableException.class)
        .hasMessage(
            "case 'q-1' has null for variable 'question' used by the prompt template; expected a"
                + " text, a number or an object");
  }

  @Test
  void aSystemTemplateReplacesTheCaseSystemMessage() {
    EvalCase c =
        EvalCase.builder("c")
            .variables(Map.of("who", "Ada"))
            .messages(List.of(ChatMessage.system("old"), ChatMessage.user("hello {{who}}")))
            .line(1)
            .build();

    List<ChatMessage> prompt =
        new PromptRenderer("v", new PromptTemplate("p1", "new system", null)).render(c);

    assertThat(prompt)
        .containsExactly(ChatMessage.system("new system"), ChatMessage.user("hello Ada"));
  }

  @Test
  void withoutUserTemplateTheCaseMustHaveMessages() {
    EvalCase c = EvalCase.of("c-2", Map.of("q", "x"));

    assertThatThrownBy(
            () -> new PromptRenderer("challenger", PromptTemplate.CASE_MESSAGES).render(c))
        .hasMessage(
            "case 'c-2' has no 'messages' and variant 'challenger' has no user prompt template, so"
                + " there is nothing to send; expected a 'messages' field in the row, or a user"
                + " template for the variant (prompt: in a suite file;"
                + " withPrompt(PromptTemplate.of(version, system, user)) in a Java suite)");
  }

  @Test
  void caseMessagesKeepTheirToolCallsAndToolResultsAreSentAsTheyAre() {
    ToolCall lookup = ToolCall.of("call_1", "lookup_order", "{\"order_id\":\"{{id}}\"}");
    EvalCase c =
        EvalCase.builder("c-1")
            .variables(Map.of("id", "A-1"))
            .messages(
                List.of(
                    ChatMessage.user("Where is {{id}}?"),
                    ChatMessage.assistant("Looking {{id}} up", List.of(lookup)),
                    ChatMessage.toolResult("call_1", "{\"note\": \"{{not a variable}}\"}")))
            .build();

    List<ChatMessage> prompt = new PromptRenderer("v", PromptTemplate.CASE_MESSAGES).render(c);

    assertThat(prompt)
        .containsExactly(
            ChatMessage.user("Where is A-1?"),
            ChatMessage.assistant("Looking A-1 up", List.of(lookup)),
            ChatMessage.toolResult("call_1", "{\"note\": \"{{not a variable}}\"}"));
  }
}
