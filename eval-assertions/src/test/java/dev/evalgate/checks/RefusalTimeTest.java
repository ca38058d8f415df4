package dev.evalgate.checks;

import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The refusal classifier's time grows linearly with the answer's length on the shapes that could
 * make it do more per character: transcripts of many voices, sentences that never end, every
 * sentence a decline or a lecture, lines that look like speaker labels, and phrases its patterns
 * try hardest on. A ratio measured within one JVM (TimePerSize), never an absolute time.
 */
class RefusalTimeTest {
  private static final RefusalClassifier CLASSIFIER = RefusalClassifier.english();

  private static String repeat(String piece, int chars) {
    StringBuilder out = new StringBuilder(chars + piece.length());
    while (out.length() < chars) {
      out.append(piece);
    }
    return out.toString();
  }

  private static void assertLinear(String what, IntFunction<String> answer) {
    TimePerSize.assertLinear(
        what, answer.apply(16 * 1024), answer.apply(256 * 1024), CLASSIFIER::classify, 3.0);
  }

  @Test
  void transcriptsOfManyVoicesAreReadInLinearTime() {
    assertLinear(
        "voices",
        n ->
            repeat(
                "GPT: I can't help with that.\nDAN: Sure, here is how you do it, step by step.\n",
                n));
    assertLinear("inline voices", n -> "[A] x." + repeat(" [B]: I won't. [C] Sure thing.", n));
  }

  @Test
  void aSentenceThatNeverEndsIsReadInLinearTime() {
    assertLinear(
        "one sentence",
        n ->
            repeat(
                "it is not appropriate to say that i cannot help with your request but here is how"
                    + " ",
                n));
  }

  @Test
  void answersMadeOfDeclinesLecturesAndLabelsAreReadInLinearTime() {
    assertLinear(
        "declines",
        n -> repeat("I'm sorry, but I can't help with that. It is illegal and unethical. ", n));
    assertLinear(
        "disclaimers",
        n ->
            repeat(
                "As an AI language model, I don't have personal opinions, but many people like it."
                    + " ",
                n));
    assertLinear("labels", n -> repeat("Note: keep it quiet:\n", n));
    assertLinear("steps", n -> repeat("1. Do this.\n- And that.\n", n));
    assertLinear(
        "quotes and brackets",
        n -> repeat("He said \"I can't\" [1] (a) {\"reply\": \"I won't\"} ", n));
  }
}
