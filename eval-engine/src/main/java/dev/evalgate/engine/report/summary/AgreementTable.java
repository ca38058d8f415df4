package dev.evalgate.engine.report.summary;

import dev.evalgate.engine.metrics.CheckAgreement;
import dev.evalgate.engine.metrics.Rate;
import dev.evalgate.engine.metrics.ScoreThreshold;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well each labelled check agrees with people, as every report shows it (console, Markdown,
 * page): per check, the labelled answers it judged, its accuracy with the 95 % Wilson interval, its
 * precision and recall for failures (the positive class: the check fires), and, for a check with a
 * score, its threshold beside the one the labels suggest.
 */
public final class AgreementTable {
  /** The table's header row. */
  public static final List<String> HEADER =
      List.of(
          "check",
          "answers of",
          "labelled",
          "accuracy",
          "precision (failures)",
          "recall (failures)",
          "threshold",
          "suggested threshold");

  private AgreementTable() {}

  /** The header and one row per labelled check; empty when no case has labels. */
  public static List<List<String>> rows(RunReport report) {
    List<CheckAgreement> agreements = report.evaluation().agreement();
    if (agreements.isEmpty()) {
      return List.of();
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (CheckAgreement a : agreements) {
      rows.add(
          List.of(
              a.check(),
              a.variant(),
              a.n() + (a.unjudged() == 0 ? "" : " (" + a.unjudged() + " not judged)"),
              a.n() == 0 ? "-" : Summary.rate(a.accuracy()).replaceFirst(" n=\\d+$", ""),
              share(a.precision()),
              share(a.recall()),
              threshold(a),
              suggested(a)));
    }
    return rows;
  }

  /**
   * One line per labelled check for the build log: {@code agreement of scored with people on
   * recorded's answers: accuracy 80.0% [37.6, 96.4] n=5, precision 100.0% (2 of 2), recall 66.7% (2
   * of 3) for failures; min-score 0.50, suggested 0.70 (accuracy 100.0%)}.
   */
  public static List<String> lines(RunReport report) {
    List<String> lines = new ArrayList<>();
    for (CheckAgreement a : report.evaluation().agreement()) {
      StringBuilder line =
          new StringBuilder("agreement of ")
              .append(a.check())
              .append(" with people on ")
              .append(a.variant())
              .append("'s answers: ");
      if (a.n() == 0) {
        line.append("no labelled answer judged");
      } else {
        line.append("accuracy ")
            .append(Summary.rate(a.accuracy()))
            .append(", precision ")
            .append(share(a.precision()))
            .append(", recall ")
            .append(share(a.recall()))
            .append(" for failures");
      }
      if (a.unjudged() > 0) {
        line.append("; ")
            .append(a.unjudged())
            .append(" labelled not judged (errored or not applicable)");
      }
      ScoreThreshold threshold = a.threshold();
      if (threshold != null) {
        line.append("; ")
            .append(threshold.option())
            .append(' ')
            .append(number(threshold.value()))
            .append(", suggested ")
            .append(suggested(a));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static String share(Rate rate) {
    return rate.n() == 0
        ? "-"
        : String.format(Locale.US, "%.1f%% (%d of %d)", rate.rate() * 100, rate.count(), rate.n());
  }

  private static String threshold(CheckAgreement a) {
    ScoreThreshold threshold = a.threshold();
    return threshold == null ? "-" : threshold.option() + " " + number(threshold.value());
  }

  private static String suggested(CheckAgreement a) {
    Double suggested = a.suggested();
    Double accuracy = a.suggestedAccuracy();
    if (a.threshold() == null) {
      return "-";
    }
    if (suggested == null || accuracy == null) {
      return "none (needs scored answers labelled both pass and fail)";
    }
    return number(suggested) + String.format(Locale.US, " (accuracy %.1f%%)", accuracy * 100);
  }

  private static String number(double value) {
    return String.format(Locale.US, "%.2f", value);
  }
}
