package dev.evalgate.engine.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Parameters;
import dev.evalgate.api.ToolCall;
import dev.evalgate.api.ToolChoice;
import dev.evalgate.api.ToolSpec;
import dev.evalgate.api.VariantSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The key is part of the recording format: users' committed recordings are found by it. */
class RequestKeyTest {
  private static final List<ChatMessage> MESSAGES =
      List.of(
          ChatMessage.system("You answer in JSON."),
          ChatMessage.user("Ticket 42: \"refund\" — naïve café ✓ 😀\nline\ttab \\ end"));

  static Stream<Arguments> requests() {
    VariantSpec plain = VariantSpec.http("control", "openai", "gpt-4.1-mini");
    return Stream.of(
        Arguments.of(plain, 0),
        Arguments.of(plain, 3),
        Arguments.of(
            plain.withParameters(
                new Parameters(0.0, 1.0, 300, 7L, List.of("\n\n", "END"), "json_object")),
            0),
        Arguments.of(
            plain.withParameters(new Parameters(0.7, null, null, null, List.of(), null)), 1),
        Arguments.of(
            VariantSpec.http("c", "anthropic", "claude-sonnet-4")
                .withParameters(new Parameters(1e-3, 0.95, 4096, -1L, List.of(), null)),
            0));
  }

  @ParameterizedTest
  @MethodSource("requests")
  void theStreamedKeyIsTheKeyRecordingsWereMadeWith(VariantSpec variant, int repeat)
      throws Exception {
    assertThat(RequestKey.of(variant, MESSAGES, repeat))
        .isEqualTo(treeKey(variant, MESSAGES, repeat));
  }

  @Test
  void anApplicationsRequestKeysTheSameWhateverOrderItListsItsToolsInButNotWhateverTools()
      throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    String lookup =
        "{\"type\":\"function\",\"function\":{\"name\":\"lookup_order\",\"parameters\":{\"type\":\"object\"}}}";
    String refund =
        "{\"type\":\"function\",\"function\":{\"name\":\"request_refund\",\"parameters\":{\"type\":\"object\"}}}";
    String body =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[%s]}";

    String inOrder =
        RequestKey.ofBody("openai", json.readTree(body.formatted(lookup + "," + refund)), 0);
    String reflected =
        RequestKey.ofBody("openai", json.readTree(body.formatted(refund + "," + lookup)), 0);
    String fewer = RequestKey.ofBody("openai", json.readTree(body.formatted(refund)), 0);
    String anthropic =
        RequestKey.ofBody(
            "anthropic",
            json.readTree(
                "{\"tools\":[{\"name\":\"b\",\"input_schema\":{}},{\"name\":\"a\",\"input_schema\":{}}]}"),
            0);

    assertThat(reflected).isEqualTo(inOrder);
    assertThat(fewer).isNotEqualTo(inOrder);
    assertThat(anthropic)
        .isEqualTo(
            RequestKey.ofBody(
                "anthropic",
                json.readTree(
                    "{\"tools\":[{\"name\":\"a\",\"input_schema\":{}},{\"name\":\"b\",\"input_schema\":{}}]}"),
                0));
    // a message's content list keeps its order: only the request's tools are a set
    assertThat(
            RequestKey.ofBody(
                "openai",
                json.readTree("{\"messages\":[{\"content\":\"a\"},{\"content\":\"b\"}]}"),
                0))
        .isNotEqualTo(
            RequestKey.ofBody(
                "openai",
                json.readTree("{\"messages\":[{\"content\":\"b\"},{\"content\":\"a\"}]}"),
                0));
  }

  @Test
  void aKnownRequestHasItsKnownKey() {
    VariantSpec variant = VariantSpec.http("control", "openai", "gpt-4.1-mini");
    assertThat(RequestKey.of(variant, List.of(ChatMessage.user("hello")), 0)).isEqualTo(GOLDEN);
    assertThat(RequestKey.of(variant, List.of(ChatMessage.user("hello")), 1)).isNotEqualTo(GOLDEN);
    assertThat(RequestKey.of(variant.withModel("gpt-4.1"), List.of(ChatMessage.user("hello")), 0))
        .isNotEqualTo(GOLDEN);
    assertThat(
            RequestKey.of(
                variant.withBaseUrl("http://gateway/v1"), List.of(ChatMessage.user("hello")), 0))
        .as("the base URL is not part of the key")
        .isEqualTo(GOLDEN);
  }

  @Test
  void toolsAndAConversationsToolCallsAreInTheKeyInTheDocumentedShapeAndAStreamIsNot()
      throws Exception {
    VariantSpec variant =
        VariantSpec.http("control", "openai", "gpt-4.1-mini")
            .withTools(
                List.of(ToolSpec.of("lookup_order", "Looks an order up", "{\"type\":\"object\"}")),
                ToolChoice.REQUIRED);
    List<ChatMessage> conversation =
        List.of(
            ChatMessage.user("hello"),
            ChatMessage.assistant(
                "", List.of(ToolCall.of("call_1", "lookup_order", "{\"order_id\":\"A-1\"}"))),
            ChatMessage.toolResult("call_1", "shipped"));
    String expected =
        sha(
            "{\"provider\":\"openai\",\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"},"
                + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_1\",\"name\":\"lookup_order\","
                + "\"arguments\":\"{\\\"order_id\\\":\\\"A-1\\\"}\"}]},{\"role\":\"tool\",\"content\":\"shipped\",\"tool_call_id\":\"call_1\"}],\"parameters\":{},\"tools\":[{\"name\":\"lookup_order\",\"description\":\"Looks"
                + " an order up\","
                + "\"parameters\":\"{\\\"type\\\":\\\"object\\\"}\"}],\"tool_choice\":\"required\"}");

    assertThat(RequestKey.of(variant, conversation, 0)).isEqualTo(expected);
    assertThat(
            RequestKey.of(
                variant.withParameters(Parameters.DEFAULTS.withStream(true)), conversation, 0))
        .as("a streamed answer is the same answer")
        .isEqualTo(expected);
    assertThat(
            RequestKey.of(
                variant.withTools(List.of(), null), List.of(ChatMessage.user("hello")), 0))
        .as("without tools, the key of the first format")
        .isEqualTo(GOLDEN);
    assertThat(
            RequestKey.of(
                variant.withTools(variant.prompt().tools(), ToolChoice.AUTO), conversation, 0))
        .isNotEqualTo(expected);
  }

  private static String sha(String json) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)),
            0,
            16);
  }

  /**
   * SHA-256 of
   * {"provider":"openai","model":"gpt-4.1-mini","messages":[{"role":"user","content":"hello"}],"parameters":{}}.
   */
  private static final String GOLDEN = golden();

  private static String golden() {
    try {
      byte[] json =
          "{\"provider\":\"openai\",\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"parameters\":{}}"
              .getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 16);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key as the first releases computed it: a Jackson tree, printed, hashed. */
  private static String treeKey(VariantSpec variant, List<ChatMessage> messages, int repeat)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode canonical = json.createObjectNode();
    canonical.put("provider", variant.provider());
    canonical.put("model", variant.model());
    ArrayNode list = canonical.putArray("messages");
    for (ChatMessage message : messages) {
      list.addObject().put("role", message.role().wireName()).put("content", message.content());
    }
    Parameters p = variant.parameters();
    ObjectNode params = canonical.putObject("parameters");
    if (p.temperature() != null) {
      params.put("temperature", p.temperature());
    }
    if (p.topP() != null) {
      params.put("top_p", p.topP());
    }
    if (p.maxTokens() != null) {
      params.put("max_tokens", p.maxTokens());
    }
    if (p.seed() != null) {
      params.put("seed", p.seed());
    }
    if (!p.stop().isEmpty()) {
      ArrayNode stop = params.putArray("stop");
      p.stop().forEach(stop::add);
    }
    if (p.responseFormat() != null) {
      params.put("response_format", p.responseFormat());
    }
    if (repeat > 0) {
      canonical.put("repeat", repeat);
    }
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }
}
