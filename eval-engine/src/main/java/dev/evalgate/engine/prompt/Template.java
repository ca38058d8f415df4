package dev.evalgate.engine.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.EvalCase;
import dev.evalgate.engine.dataset.EmptyCell;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A text with {@code {{variable}}} placeholders, parsed once and rendered per case. Dotted names
 * reach into JSON fields ({@code {{order.id}}}, {@code {{items.0.sku}}}); objects and arrays render
 * as compact JSON. A backslash escapes a placeholder: {@code \\{{name}}} stays literal.
 *
 * <pre>{@code
 * Template t = Template.parse("Answer the ticket: {{ticket}}");
 * String text = t.render(evalCase); // "Answer the ticket: My parcel never arrived"
 * }</pre>
 */
public final class Template {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("(\\\\?)\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}");

  private final String source;
  private final List<String> literals;
  private final List<String> names;

  private Template(String source, List<String> literals, List<String> names) {
    this.source = source;
    this.literals = literals;
    this.names = names;
  }

  public static Template parse(String text) {
    Objects.requireNonNull(text, "text");
    List<String> literals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder literal = new StringBuilder();
    int last = 0;
    while (m.find()) {
      literal.append(text, last, m.start());
      if (!m.group(1).isEmpty()) {
        literal.append(m.group().substring(1));
      } else {
        literals.add(literal.toString());
        literal.setLength(0);
        names.add(m.group(2));
      }
      last = m.end();
    }
    literal.append(text.substring(last));
    literals.add(literal.toString());
    return new Template(text, List.copyOf(literals), List.copyOf(names));
  }

  /**
   * The first {@code {{} that no {@code }}} closes before the next {@code {{} or the end, as the text
   * shows it (up to 20 characters), or null when every placeholder is closed. Such a text renders
   * literally, so a prompt would reach the model with "{{question" in it.
   */
  public static @Nullable String unclosedPlaceholder(String text) {
    int open = text.indexOf("{{");
    while (open >= 0) {
      int next = text.indexOf("{{", open + 2);
      int close = text.indexOf("}}", open + 2);
      boolean escaped = open > 0 && text.charAt(open - 1) == '\\';
      if (!escaped && (close < 0 || next >= 0 && next < close)) {
        int end = Math.min(text.length(), open + 20);
        int lineEnd = text.indexOf('\n', open);
        return text.substring(open, lineEnd >= 0 && lineEnd < end ? lineEnd : end);
      }
      open = next;
    }
    return null;
  }

  /** The variable names used, in order of appearance. */
  public List<String> variables() {
    return names;
  }

  /**
   * Renders the template for a case.
   *
   * @throws MissingVariableException naming the case and the variable when the case lacks it
   */
  public String render(EvalCase evalCase) {
    if (names.isEmpty()) {
      return literals.get(0);
    }
    StringBuilder out = new StringBuilder(source.length() + 64);
    for (int i = 0; i < names.size(); i++) {
      out.append(literals.get(i)).append(lookup(evalCase, names.get(i)));
    }
    return out.append(literals.get(names.size())).toString();
  }

  private static String lookup(EvalCase evalCase, String name) {
    Object value = evalCase.variables().get(name);
    if (value == null && name.contains(".")) {
      String[] path = name.split("\\.");
      Object root = evalCase.variables().get(path[0]);
      if (root instanceof JsonNode node) {
        for (int i = 1; i < path.length && node != null; i++) {
          node =
              node.isArray() && path[i].chars().allMatch(Character::isDigit)
                  ? node.get(Integer.parseInt(path[i]))
                  : node.get(path[i]);
        }
        value = node == null || node.isNull() ? null : node;
      }
    }
    if (value == null) {
      throw new MissingVariableException(
          "case '"
              + evalCase.id()
              + "' has no variable '"
              + name
              + "' used by the prompt template; expected one of: "
              + String.join(", ", evalCase.variables().keySet().stream().sorted().toList()));
    }
    if (value == EmptyCell.VALUE) {
      // rendered, it would send the model an empty text without a word, where a JSON row's null is
      // refused
      throw new MissingVariableException(
          "case '"
              + evalCase.id()
              + "' has an empty cell in column '"
              + name
              + "', which the prompt template uses; expected a text or a number (a cell holding"
              + " \"\" sends an empty text)");
    }
    if (value instanceof JsonNode node) {
      if (node.isNull()) {
        // rendered, it would send the model the word "null" in place of the text
        throw new MissingVariableException(
            "case '"
                + evalCase.id()
                + "' has null for variable '"
                + name
                + "' used by the prompt template; expected a text, a number or an object");
      }
      return node.isValueNode() ? node.asText() : node.toString();
    }
    return value.toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
