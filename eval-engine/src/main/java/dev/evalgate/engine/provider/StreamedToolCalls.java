package dev.evalgate.engine.provider;

import dev.evalgate.api.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The tool calls of a streamed answer, which both providers send in pieces keyed by the call's
 * index: its id and name, then its arguments' JSON in fragments. Kept in index order.
 */
final class StreamedToolCalls {
  private final TreeMap<Integer, Call> calls = new TreeMap<>();

  private static final class Call {
    @Nullable String id;
    @Nullable String name;
    @Nullable String wholeArguments;
    final StringBuilder arguments = new StringBuilder();
  }

  /** How many calls have begun: the index of a piece that names none. */
  int size() {
    return calls.size();
  }

  boolean has(int index) {
    return calls.containsKey(index);
  }

  /**
   * A call that begins whole (Anthropic's {@code tool_use} block, with any input it already holds).
   */
  void begin(int index, @Nullable String id, String name, @Nullable String wholeArguments) {
    Call call = call(index);
    call.id = id;
    call.name = name;
    call.wholeArguments = wholeArguments;
  }

  /** A piece of the call at {@code index} begins it, even one that carries nothing yet. */
  void open(int index) {
    call(index);
  }

  void id(int index, String id) {
    call(index).id = id;
  }

  void appendName(int index, String piece) {
    Call call = call(index);
    call.name = (call.name == null ? "" : call.name) + piece;
  }

  void appendArguments(int index, String piece) {
    call(index).arguments.append(piece);
  }

  /**
   * The calls in index order; a call's arguments are its fragments, else the input it began with,
   * else {@code noArguments}.
   *
   * @throws IllegalArgumentException for a call that never got a name
   */
  List<ToolCall> finish(String noArguments) {
    List<ToolCall> result = new ArrayList<>();
    for (var entry : calls.entrySet()) {
      Call call = entry.getValue();
      if (call.name == null) {
        throw new IllegalArgumentException(
            "a streamed tool call (index " + entry.getKey() + ") has no name");
      }
      String arguments =
          !call.arguments.isEmpty()
              ? call.arguments.toString()
              : call.wholeArguments != null ? call.wholeArguments : noArguments;
      result.add(ToolCall.of(call.id, call.name, arguments));
    }
    return result;
  }

  private Call call(int index) {
    return calls.computeIfAbsent(index, i -> new Call());
  }
}
