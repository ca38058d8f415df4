package dev.evalgate.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Check;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.checks.Checks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hallucination proxies measured on labelled answers built from every grounded-QA row: a
 * grounded answer (the reference, phrased from the document), a wrong answer (a known-incorrect
 * reference, usually a distractor from the document) and an embellished answer (the reference plus
 * an invented figure, date and organisation). Labels are by construction.
 */
class HallucinationProxiesTest {

  record Labelled(Exchange exchange, boolean hallucinated, String kind) {}

  static List<Labelled> corpus() throws Exception {
    List<Labelled> corpus = new ArrayList<>();
    DatasetCatalog.Entry qa = DatasetCatalog.load().find("grounded-qa").orElseThrow();
    int i = 0;
    for (JsonNode row : DatasetCatalogTest.rows(qa.path())) {
      List<String> refs = new ArrayList<>();
      row.path("references").forEach(r -> refs.add(r.asText()));
      List<String> wrong = new ArrayList<>();
      row.path("incorrect_references").forEach(r -> wrong.add(r.asText()));
      EvalCase c =
          EvalCase.builder(row.path("id").asText())
              .context(row.path("context").asText())
              .references(refs)
              .incorrectReferences(wrong)
              .build();
      List<ChatMessage> prompt = List.of(ChatMessage.user(row.path("question").asText()));
      String ref = refs.get(0);
      String[] openers = {"According to the document, ", "The document says ", "Answer: ", ""};
      String opener = openers[i++ % openers.length];
      corpus.add(new Labelled(exchange(c, prompt, opener + ref + "."), false, "grounded"));
      corpus.add(new Labelled(exchange(c, prompt, opener + wrong.get(0) + "."), true, "wrong"));
      corpus.add(
          new Labelled(
              exchange(
                  c,
                  prompt,
                  opener
                      + ref
                      + ". This was confirmed by Meridian Audit Group in March 2031, "
                      + "with an error margin of 4.7%."),
              true,
              "embellished"));
    }
    return corpus;
  }

  static Exchange exchange(EvalCase c, List<ChatMessage> prompt, String answer) {
    return new Exchange(c, "v", "gpt-4.1-mini", prompt, ModelResponse.ofText(answer), null, 0);
  }

  @Test
  void theProxiesTogetherCatchWrongAndEmbellishedAnswersWithoutFlaggingGroundedOnes()
      throws Exception {
    List<Labelled> corpus = corpus();
    Check agreement = Checks.referenceAgreement(0.6);
    Check specifics = Checks.unsupportedSpecifics(0);
    Check grounded = Checks.grounded();
    int[] correct = new int[4];
    int[] byKindTotal = new int[3];
    int[] byKindCaught = new int[3];
    for (Labelled l : corpus) {
      boolean a = !agreement.evaluate(l.exchange()).passed();
      boolean s = !specifics.evaluate(l.exchange()).passed();
      boolean g = !grounded.evaluate(l.exchange()).passed();
      boolean flagged = a || s || g;
      if (a == l.hallucinated()) {
        correct[0]++;
      }
      if (s == l.hallucinated()) {
        correct[1]++;
      }
      if (g == l.hallucinated()) {
        correct[2]++;
      }
      if (flagged == l.hallucinated()) {
        correct[3]++;
      }
      int kind =
          switch (l.kind()) {
            case "grounded" -> 0;
            case "wrong" -> 1;
            default -> 2;
          };
      byKindTotal[kind]++;
      if (flagged == l.hallucinated()) {
        byKindCaught[kind]++;
      }
    }
    int n = corpus.size();
    System.out.printf(
        "Hallucination proxies on %d labelled answers: reference-agreement %.1f%%,"
            + " unsupported-specifics %.1f%%, grounded %.1f%%, any of the three %.1f%% (grounded"
            + " answers passed %d/%d, wrong caught %d/%d, embellished caught %d/%d)%n",
        n,
        100.0 * correct[0] / n,
        100.0 * correct[1] / n,
        100.0 * correct[2] / n,
        100.0 * correct[3] / n,
        byKindCaught[0],
        byKindTotal[0],
        byKindCaught[1],
        byKindTotal[1],
        byKindCaught[2],
        byKindTotal[2]);

    assertThat(n).isGreaterThanOrEqualTo(600);
    assertThat((double) correct[3] / n)
        .as("combined agreement with the labels")
        .isGreaterThanOrEqualTo(0.90);
    assertThat((double) byKindCaught[0] / byKindTotal[0])
        .as("grounded answers left alone")
        .isGreaterThanOrEqualTo(0.90);
    assertThat((double) byKindCaught[2] / byKindTotal[2])
        .as("embellishments caught")
        .isGreaterThanOrEqualTo(0.95);
  }
}
