package dev.evalgate.engine.prompt;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.PromptTemplate;
import dev.evalgate.api.Role;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders one variant's prompt version for a case. Templates are parsed once, when the renderer is
 * built. Without a user template the case's own messages are sent (each rendered as a template, but
 * for tool results, which are sent as they are, and with any tool calls kept); a system template
 * replaces the case's system messages. A variant whose answers are read from the rows sends
 * nothing, so its prompt only describes what was asked, and may be empty.
 */
public final class PromptRenderer {
  private final String variant;
  private final @Nullable Template system;
  private final @Nullable Template user;
  private final boolean promptOptional;

  public PromptRenderer(String variant, PromptTemplate prompt) {
    this(variant, prompt, false);
  }

  /**
   * @param promptOptional whether a case may have neither messages nor a user template (a variant
   *     whose answers are read from the rows: its prompt is not sent)
   */
  public PromptRenderer(String variant, PromptTemplate prompt, boolean promptOptional) {
    this.variant = variant;
    this.system = prompt.system() == null ? null : Template.parse(prompt.system());
    this.user = prompt.user() == null ? null : Template.parse(prompt.user());
    this.promptOptional = promptOptional;
  }

  /**
   * The messages to send.
   *
   * @throws MissingVariableException when a template names a variable the case lacks, or the case
   *     has neither messages nor a user template to render
   */
  public List<ChatMessage> render(EvalCase evalCase) {
    List<ChatMessage> messages = new ArrayList<>(4);
    if (system != null) {
      messages.add(ChatMessage.system(system.render(evalCase)));
    }
    if (user != null) {
      messages.add(ChatMessage.user(user.render(evalCase)));
      return messages;
    }
    if (evalCase.messages().isEmpty()) {
      if (promptOptional) {
        return messages;
      }
      throw new MissingVariableException(
          "case '"
              + evalCase.id()
              + "' has no 'messages' and variant '"
              + variant
              + "' has no user prompt template, so there is nothing to send; expected a 'messages'"
              + " field in the row, or a user template for the variant (prompt: in a suite file;"
              + " withPrompt(PromptTemplate.of(version, system, user)) in a Java suite)");
    }
    for (ChatMessage message : evalCase.messages()) {
      if (system != null && message.role() == Role.SYSTEM) {
        continue;
      }
      // a tool result is data the application returned, not a template; tool calls are kept as the
      // row gives them
      messages.add(
          message.role() == Role.TOOL
              ? message
              : message.withContent(Template.parse(message.content()).render(evalCase)));
    }
    return messages;
  }
}
