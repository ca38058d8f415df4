package dev.evalgate.engine.metrics;

import dev.evalgate.engine.stats.Interval;
import dev.evalgate.engine.stats.Proportions;
import java.util.ArrayList;
import java.util.List;

/** A paired 2x2 table for one binary outcome, with the first moved cases listed. */
final class PairTable {
  private final String name;
  private long bothPass;
  private long controlOnly;
  private long challengerOnly;
  private long bothFail;
  private final List<String> regressions = new ArrayList<>();
  private final List<String> improvements = new ArrayList<>();

  private final int listed;

  PairTable(String name) {
    this(name, RunAccumulator.LISTED);
  }

  /**
   * @param listed how many regressions and improvements to list
   */
  PairTable(String name, int listed) {
    this.name = name;
    this.listed = listed;
  }

  void add(String caseId, boolean control, boolean challenger) {
    if (control && challenger) {
      bothPass++;
    } else if (control) {
      controlOnly++;
      if (regressions.size() < listed) {
        regressions.add(caseId);
      }
    } else if (challenger) {
      challengerOnly++;
      if (improvements.size() < listed) {
        improvements.add(caseId);
      }
    } else {
      bothFail++;
    }
  }

  String name() {
    return name;
  }

  long n() {
    return bothPass + controlOnly + challengerOnly + bothFail;
  }

  CheckComparison finish(double confidence) {
    long n = n();
    double controlRate = n == 0 ? 0 : (double) (bothPass + controlOnly) / n;
    double challengerRate = n == 0 ? 0 : (double) (bothPass + challengerOnly) / n;
    Interval interval =
        Proportions.pairedDifference(bothPass, challengerOnly, controlOnly, bothFail, confidence);
    return new CheckComparison(
        name,
        bothPass,
        controlOnly,
        challengerOnly,
        bothFail,
        controlRate,
        challengerRate,
        challengerRate - controlRate,
        interval.low(),
        interval.high(),
        Proportions.mcNemarExact(controlOnly, challengerOnly),
        Proportions.mcNemarMidP(controlOnly, challengerOnly),
        List.copyOf(regressions),
        List.copyOf(improvements));
  }
}
