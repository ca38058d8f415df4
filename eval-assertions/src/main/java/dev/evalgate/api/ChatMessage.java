package dev.evalgate.api;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One turn of a conversation sent to a model. Besides text, an assistant turn may hold the tool
 * calls the model made, and a {@link Role#TOOL tool} turn is the result of one of them, naming the
 * call it answers.
 *
 * <pre>{@code
 * List<ChatMessage> conversation = List.of(
 *     ChatMessage.user("Where is order A-100037?"),
 *     ChatMessage.assistant("", List.of(ToolCall.of("call_1", "lookup_order", "{\"order_id\":\"A-100037\"}"))),
 *     ChatMessage.toolResult("call_1", "{\"status\":\"shipped\"}"),
 *     ChatMessage.user("And when will it arrive?"));
 * }</pre>
 *
 * @param role who speaks
 * @param content the text; empty for an assistant turn that only calls tools
 * @param toolCalls the tool calls of an assistant turn; empty for every other turn
 * @param toolCallId the id of the call a tool turn answers; {@code null} for every other turn
 */
public record ChatMessage(
    Role role, String content, List<ToolCall> toolCalls, @Nullable String toolCallId) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    toolCalls = List.copyOf(toolCalls);
    if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new IllegalArgumentException(
          "only an assistant message holds tool calls, not a " + role.wireName() + " message");
    }
    if ((role == Role.TOOL) != (toolCallId != null)) {
      throw new IllegalArgumentException(
          role == Role.TOOL
              ? "a tool message needs the id of the tool call it answers"
              : "only a tool message answers a tool call, not a " + role.wireName() + " message");
    }
  }

  /** A turn of text alone. */
  public ChatMessage(Role role, String content) {
    this(role, content, List.of(), null);
  }

  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }

  /** An assistant turn that called tools, with any text it said beside them. */
  public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
    return new ChatMessage(Role.ASSISTANT, content, toolCalls, null);
  }

  /**
   * The result of the tool call {@code toolCallId}, as the application returned it to the model.
   */
  public static ChatMessage toolResult(String toolCallId, String content) {
    return new ChatMessage(
        Role.TOOL, content, List.of(), Objects.requireNonNull(toolCallId, "toolCallId"));
  }

  /** The same turn with other text (a rendered template), its tool calls and call id kept. */
  public ChatMessage withContent(String value) {
    return new ChatMessage(role, value, toolCalls, toolCallId);
  }
}
