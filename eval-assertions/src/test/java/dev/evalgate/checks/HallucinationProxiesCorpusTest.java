package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Check;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ModelResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The four hallucination proxies measured against the hand-labelled QA set {@code
 * hallucination/labelled-qa.jsonl}: answers in the styles models write (paraphrases, extracts,
 * hedged answers, partial and subtle hallucinations, invented answers, citations, refusals), each
 * labelled by a person with {@code faithful} and the proxies that should fire. Batches A and B were
 * used to tune the proxies; batch H is held out (measured, never tuned on). The checks run with
 * their documented defaults.
 */
class HallucinationProxiesCorpusTest {
  /** Proxy name to the label that says it should fire. */
  static final Map<String, String> LABELS =
      Map.of(
          "grounded", "ungrounded",
          "unsupported-specifics", "unsupported_specifics",
          "citations", "bad_citation",
          "reference-agreement", "wrong_reference");

  record Answer(
      String contextId,
      String batch,
      String style,
      Exchange exchange,
      boolean faithful,
      Set<String> fires) {}

  /** Counts for one proxy (or the combined detector) on one slice. */
  static final class Counts {
    int tp;
    int fp;
    int fn;
    int tn;

    void add(boolean predicted, boolean actual) {
      if (predicted && actual) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (actual) {
        fn++;
      } else {
        tn++;
      }
    }

    int total() {
      return tp + fp + fn + tn;
    }

    double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }

    double agreement() {
      return total() == 0 ? 1.0 : (double) (tp + tn) / total();
    }

    @Override
    public String toString() {
      return String.format(
          Locale.US,
          "P %.2f R %.2f agree %.2f (tp %d fp %d fn %d tn %d)",
          precision(),
          recall(),
          agreement(),
          tp,
          fp,
          fn,
          tn);
    }
  }

  static List<Answer> corpus() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<Answer> answers = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                HallucinationProxiesCorpusTest.class.getResourceAsStream(
                    "/hallucination/labelled-qa.jsonl"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = mapper.readTree(line);
        List<String> references = new ArrayList<>();
        row.path("references").forEach(r -> references.add(r.asText()));
        List<String> incorrect = new ArrayList<>();
        row.path("incorrect_references").forEach(r -> incorrect.add(r.asText()));
        EvalCase evalCase =
            EvalCase.builder(row.path("id").asText())
                .context(row.path("context").asText())
                .references(references)
                .incorrectReferences(incorrect)
                .build();
        List<ChatMessage> prompt =
            List.of(
                ChatMessage.system("Answer the question from the passage."),
                ChatMessage.user(row.path("question").asText()));
        for (JsonNode a : row.path("answers")) {
          Set<String> fires = new TreeSet<>();
          a.path("fires").forEach(f -> fires.add(f.asText()));
          Exchange exchange =
              new Exchange(
                  evalCase,
                  "v",
                  "gpt-4.1-mini",
                  prompt,
                  ModelResponse.ofText(a.path("text").asText()),
                  null,
                  0);
          answers.add(
              new Answer(
                  evalCase.id(),
                  a.path("batch").asText(),
                  a.path("style").asText(),
                  exchange,
                  a.path("faithful").asBoolean(),
                  fires));
        }
      }
    }
    return answers;
  }

  static Map<String, Check> proxies() {
    Map<String, Check> proxies = new LinkedHashMap<>();
    proxies.put("grounded", Checks.grounded());
    proxies.put("unsupported-specifics", Checks.unsupportedSpecifics(0));
    proxies.put("citations", Checks.citations());
    proxies.put("reference-agreement", Checks.referenceAgreement(0.5));
    return proxies;
  }

  /** Slice name ("all", "tuning", "A", "B", "H") to proxy name (or "any") to counts. */
  static Map<String, Map<String, Counts>> measure(List<Answer> answers, List<String> misses) {
    Map<String, Check> proxies = proxies();
    Map<String, Map<String, Counts>> slices = new LinkedHashMap<>();
    for (Answer answer : answers) {
      List<String> keys =
          List.of("all", answer.batch().equals("H") ? "held-out" : "tuning", answer.batch());
      boolean any = false;
      StringBuilder wrong = new StringBuilder();
      for (Map.Entry<String, Check> proxy : proxies.entrySet()) {
        var result = proxy.getValue().evaluate(answer.exchange());
        boolean fired = !result.passed();
        boolean expected = answer.fires().contains(LABELS.get(proxy.getKey()));
        any |= fired;
        for (String key : keys) {
          slices
              .computeIfAbsent(key, k -> new LinkedHashMap<>())
              .computeIfAbsent(proxy.getKey(), k -> new Counts())
              .add(fired, expected);
        }
        if (fired != expected) {
          wrong.append(
              String.format(
                  "%n      %s %s: %s",
                  proxy.getKey(), fired ? "fired (FP)" : "silent (FN)", result.reason()));
        }
      }
      for (String key : keys) {
        slices
            .computeIfAbsent(key, k -> new LinkedHashMap<>())
            .computeIfAbsent("any", k -> new Counts())
            .add(any, !answer.faithful());
      }
      slices
          .computeIfAbsent("style", k -> new java.util.TreeMap<>())
          .computeIfAbsent(answer.style(), k -> new Counts())
          .add(any, !answer.faithful());
      if (wrong.length() > 0 || any == answer.faithful()) {
        misses.add(
            String.format(
                "[%s %s %s] %s%s",
                answer.batch(),
                answer.contextId(),
                answer.style(),
                answer.exchange().output(),
                wrong));
      }
    }
    return slices;
  }

  @Test
  void theProxiesAgreeWithHumanLabelsOnTheTuningAndHeldOutBatches() throws IOException {
    List<Answer> answers = corpus();
    List<String> misses = new ArrayList<>();
    Map<String, Map<String, Counts>> slices = measure(answers, misses);
    StringBuilder report =
        new StringBuilder(
            "Hallucination proxies on "
                + answers.size()
                + " hand-labelled answers ("
                + answers.stream().map(Answer::contextId).distinct().count()
                + " contexts)\n");
    // -Devalgate.tuning=true hides everything about the held-out batch (used while tuning the
    // proxies).
    boolean tuning = Boolean.getBoolean("evalgate.tuning");
    slices.forEach(
        (slice, byProxy) -> {
          if (slice.equals("style")) {
            return;
          }
          if (tuning && (slice.equals("all") || slice.equals("held-out") || slice.equals("H"))) {
            return;
          }
          report.append(String.format("  %s (%d answers)%n", slice, byProxy.get("any").total()));
          byProxy.forEach(
              (proxy, counts) ->
                  report.append(
                      String.format(
                          "    %-22s %s%n",
                          proxy.equals("any") ? "any fires => unfaithful" : proxy, counts)));
        });
    if (!tuning) {
      report.append("  any fires => unfaithful, by answer style (all batches):\n");
      slices
          .get("style")
          .forEach(
              (style, counts) -> report.append(String.format("    %-22s %s%n", style, counts)));
    }
    System.out.println(report);
    // Disagreements on the held-out batch are printed only on request, so that tuning does not look
    // at them.
    boolean showHeldOut = !tuning;
    misses.stream()
        .filter(m -> showHeldOut || !m.startsWith("[H "))
        .forEach(m -> System.out.println("  disagreement: " + m));

    assertThat(answers).hasSizeGreaterThanOrEqualTo(150);
    assertThat(answers.stream().map(Answer::contextId).distinct().count())
        .isGreaterThanOrEqualTo(40);
    Map<String, Counts> heldOut = slices.get("held-out");
    Map<String, Counts> tuned = slices.get("tuning");
    assertThat(heldOut.get("any").total()).isGreaterThanOrEqualTo(60);
    // bars a little below the figures measured with the learned grounding and reference-agreement
    // models
    // (trained on the human-labelled corpora, not on these texts; see CHECKS.md): held-out combined
    // 0.91
    // agreement, 0.88 recall; tuning batches 0.90 (the rule-based proxies these batches were tuned
    // for
    // reached 0.86 / 0.94 held out and 0.96 on the tuning batches)
    assertThat(heldOut.get("any").agreement())
        .as("held-out combined agreement\n" + report)
        .isGreaterThanOrEqualTo(0.88);
    assertThat(heldOut.get("any").recall())
        .as("held-out combined recall\n" + report)
        .isGreaterThanOrEqualTo(0.85);
    assertThat(tuned.get("any").agreement())
        .as("tuning combined agreement\n" + report)
        .isGreaterThanOrEqualTo(0.87);
    assertThat(heldOut.get("unsupported-specifics").precision())
        .as("held-out specifics precision")
        .isGreaterThanOrEqualTo(0.90);
    assertThat(heldOut.get("unsupported-specifics").recall())
        .as("held-out specifics recall")
        .isGreaterThanOrEqualTo(0.90);
    assertThat(heldOut.get("citations").agreement())
        .as("held-out citations agreement")
        .isGreaterThanOrEqualTo(0.98);
    // 12 of 18 at the default min-support 0.2 (12 of 14 at 0.1): the threshold was raised for the
    // human-labelled corpora's balanced accuracy, and these short hand-written paraphrases are
    // where
    // it costs false alarms (CHECKS.md)
    assertThat(heldOut.get("grounded").precision())
        .as("held-out grounding precision")
        .isGreaterThanOrEqualTo(0.65);
    assertThat(heldOut.get("grounded").recall())
        .as("held-out grounding recall")
        .isGreaterThanOrEqualTo(0.80);
    // 15 of 17: an answer that supports neither the correct nor an incorrect reference ties and
    // passes
    // ("The passage does not mention a dividend": truthful in a truthfulness set, wrong in this
    // grounded one)
    assertThat(heldOut.get("reference-agreement").recall())
        .as("held-out reference-agreement recall")
        .isGreaterThanOrEqualTo(0.85);
    assertThat(heldOut.get("reference-agreement").agreement())
        .as("held-out reference-agreement agreement")
        .isGreaterThanOrEqualTo(0.90);
  }
}
