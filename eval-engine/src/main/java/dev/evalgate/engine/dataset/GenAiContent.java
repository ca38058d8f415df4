package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The prompt and the answer of a GenAI span, in whichever of the OpenTelemetry GenAI semantic
 * conventions' forms the instrumentation captured them (first found wins):
 *
 * <ol>
 *   <li>{@code gen_ai.system_instructions}, {@code gen_ai.input.messages} and {@code
 *       gen_ai.output.messages}: JSON messages whose text is in {@code parts} of type {@code text};
 *   <li>{@code gen_ai.prompt} and {@code gen_ai.completion}: text, or JSON messages with {@code
 *       content}; or indexed, {@code gen_ai.prompt.0.role} and {@code gen_ai.prompt.0.content};
 *   <li>span events {@code gen_ai.system.message}, {@code gen_ai.user.message}, {@code
 *       gen_ai.assistant.message} (attribute {@code content}) and {@code gen_ai.choice} (attribute
 *       {@code message} or {@code content}), or {@code gen_ai.content.prompt} / {@code
 *       gen_ai.content.completion} holding {@code gen_ai.prompt} / {@code gen_ai.completion}.
 * </ol>
 *
 * Only text is kept: tool calls and their results in the captured history are not replayed.
 */
final class GenAiContent {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern INDEXED =
      Pattern.compile("gen_ai\\.prompt\\.(\\d+)\\.(role|content)");

  private GenAiContent() {}

  /** One event of a span: its name and attributes. */
  record Event(String name, Map<String, JsonNode> attributes) {}

  /** The conversation sent, as {@code [{"role", "content"}]}; empty when the span captured none. */
  static ArrayNode messages(Map<String, JsonNode> attributes, List<Event> events) {
    ArrayNode messages = NODES.arrayNode();
    JsonNode input = attributes.get("gen_ai.input.messages");
    if (input != null) {
      JsonNode system = attributes.get("gen_ai.system_instructions");
      if (system != null) {
        String text = partsText(parsed(system));
        if (!text.isEmpty()) {
          messages.add(message("system", text));
        }
      }
      addMessages(messages, parsed(input));
      return messages;
    }
    JsonNode prompt = attributes.get("gen_ai.prompt");
    if (prompt != null) {
      addPrompt(messages, prompt);
      return messages;
    }
    java.util.TreeMap<Integer, String[]> indexed = new java.util.TreeMap<>();
    attributes.forEach(
        (name, value) -> {
          Matcher m = INDEXED.matcher(name);
          if (m.matches()) {
            String[] turn =
                indexed.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new String[2]);
            turn[m.group(2).equals("role") ? 0 : 1] = value.asText();
          }
        });
    if (!indexed.isEmpty()) {
      indexed.values().stream()
          .filter(turn -> turn[1] != null)
          .forEach(turn -> messages.add(message(turn[0] == null ? "user" : turn[0], turn[1])));
      return messages;
    }
    for (Event event : events) {
      switch (event.name()) {
        case "gen_ai.system.message" -> addEventMessage(messages, "system", event);
        case "gen_ai.user.message" -> addEventMessage(messages, "user", event);
        case "gen_ai.assistant.message" -> addEventMessage(messages, "assistant", event);
        case "gen_ai.content.prompt" -> {
          JsonNode value = event.attributes().get("gen_ai.prompt");
          if (value != null) {
            addPrompt(messages, value);
          }
        }
        default -> {
          // tool messages and choices are not part of the prompt
        }
      }
    }
    return messages;
  }

  /** The answer's text, or {@code null} when the span captured none. */
  static @Nullable String answer(Map<String, JsonNode> attributes, List<Event> events) {
    JsonNode output = attributes.get("gen_ai.output.messages");
    if (output != null) {
      JsonNode parsed = parsed(output);
      JsonNode first = parsed.isArray() && !parsed.isEmpty() ? parsed.get(0) : parsed;
      return textOf(first);
    }
    JsonNode completion = attributes.get("gen_ai.completion");
    if (completion == null) {
      completion = attributes.get("gen_ai.completion.0.content");
    }
    if (completion != null) {
      return completionText(completion);
    }
    for (Event event : events) {
      if (event.name().equals("gen_ai.choice")) {
        JsonNode message = event.attributes().get("message");
        if (message != null) {
          return textOf(parsed(message));
        }
        JsonNode content = event.attributes().get("content");
        if (content != null) {
          return content.asText();
        }
      }
      if (event.name().equals("gen_ai.content.completion")) {
        JsonNode value = event.attributes().get("gen_ai.completion");
        if (value != null) {
          return completionText(value);
        }
      }
    }
    return null;
  }

  private static @Nullable String completionText(JsonNode completion) {
    JsonNode parsed = parsed(completion);
    if (parsed.isArray()) {
      return parsed.isEmpty() ? null : textOf(parsed.get(0));
    }
    return parsed.isObject() ? textOf(parsed) : completion.asText();
  }

  private static void addPrompt(ArrayNode messages, JsonNode prompt) {
    JsonNode parsed = parsed(prompt);
    if (parsed.isArray()) {
      addMessages(messages, parsed);
    } else {
      messages.add(message("user", prompt.asText()));
    }
  }

  private static void addMessages(ArrayNode messages, JsonNode list) {
    if (!list.isArray()) {
      throw new IllegalArgumentException(
          "the captured messages must be a JSON array of {\"role\": ..., \"parts\" or \"content\":"
              + " ...}, but were "
              + OtlpAttributes.kind(list));
    }
    for (JsonNode turn : list) {
      String role = turn.path("role").asText("user");
      String text = textOf(turn);
      if (text != null && !role.equals("tool")) {
        messages.add(message(role, text));
      }
    }
  }

  private static void addEventMessage(ArrayNode messages, String role, Event event) {
    JsonNode content = event.attributes().get("content");
    if (content != null) {
      messages.add(message(role, content.asText()));
    }
  }

  /** A message's text: its {@code content}, or the joined text of its {@code parts}. */
  private static @Nullable String textOf(JsonNode message) {
    if (message.isTextual()) {
      return message.textValue();
    }
    JsonNode nested = message.get("message");
    if (nested != null && nested.isObject()) {
      return textOf(nested);
    }
    JsonNode content = message.get("content");
    if (content != null && content.isTextual()) {
      return content.textValue();
    }
    JsonNode parts = message.get("parts");
    if (parts != null) {
      String text = partsText(parts);
      return text.isEmpty() ? null : text;
    }
    return null;
  }

  private static String partsText(JsonNode parts) {
    if (parts.isTextual()) {
      return parts.textValue();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : parts) {
      if (part.path("type").asText("text").equals("text") && part.has("content")) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append(part.get("content").asText());
      }
    }
    return text.toString();
  }

  /** JSON text parsed; a value that is not JSON text stays as it is. */
  private static JsonNode parsed(JsonNode value) {
    if (value.isTextual()) {
      String text = value.textValue().strip();
      if (text.startsWith("[") || text.startsWith("{")) {
        try {
          return JSON.readTree(text);
        } catch (JsonProcessingException e) {
          return value;
        }
      }
    }
    return value;
  }

  private static ObjectNode message(String role, String content) {
    ObjectNode message = NODES.objectNode();
    message.put("role", role);
    message.put("content", content);
    return message;
  }
}
