package dev.evalgate.engine.execution;

import dev.evalgate.api.EvalCase;
import dev.evalgate.engine.evaluation.Evaluator;
import dev.evalgate.engine.report.summary.RunReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * The cases of a run that looks at its evidence several times ({@code gate.sequential}): handed out
 * in an order shuffled with the run's seed (so that the cases answered by any look are a random
 * share of the dataset, whatever order its rows are in), judged after each {@code 1/looks} of them,
 * and no more handed out once every verdict is decided. The dataset's (sampled) cases are held in
 * memory for the shuffle.
 */
final class SequentialCases implements Iterator<EvalCase> {
  private final List<EvalCase> cases;
  private final int looks;
  private final Evaluator evaluator;
  private int next;
  private long delivered;
  private int decidedAt;

  private SequentialCases(List<EvalCase> cases, int looks, Evaluator evaluator) {
    this.cases = cases;
    this.looks = looks;
    this.evaluator = evaluator;
  }

  /** The run's cases in a seeded random order, judged {@code looks} times. */
  static SequentialCases shuffled(
      Iterator<EvalCase> cases, long seed, int looks, Evaluator evaluator) {
    List<EvalCase> all = new ArrayList<>();
    cases.forEachRemaining(all::add);
    Collections.shuffle(all, new Random(seed));
    return new SequentialCases(all, looks, evaluator);
  }

  @Override
  public boolean hasNext() {
    return decidedAt == 0 && next < cases.size();
  }

  @Override
  public EvalCase next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return cases.get(next++);
  }

  /**
   * Whether the next case may be handed out: not before the look its predecessors lead to is taken,
   * so that the cases of a deciding look are all there is to answer.
   */
  boolean ready() {
    int look = evaluator.looks() + 1;
    return look >= looks || next < planned(look);
  }

  /**
   * A case's result reached the evaluator: at the end of each share of the cases but the last, the
   * gate is judged, and a decided one stops the handing out.
   */
  void delivered() {
    delivered++;
    int look = evaluator.looks() + 1;
    if (decidedAt == 0 && look < looks && delivered >= planned(look)) {
      if (evaluator.look((double) delivered / cases.size())) {
        decidedAt = look;
      }
    }
  }

  /** The cases answered by look {@code look} (1-based) of a run that answers them all. */
  private long planned(int look) {
    return (long) Math.ceil((double) cases.size() * look / looks);
  }

  /** The share of the planned cases the run answered: 1 unless it stopped early. */
  double fraction() {
    return decidedAt == 0 || cases.isEmpty() ? 1 : (double) delivered / cases.size();
  }

  /**
   * What the looks did, for the reports.
   *
   * @param callsPerCase model calls per case (variants times repeats)
   */
  RunReport.Sequential outcome(int callsPerCase) {
    long answered = decidedAt == 0 ? cases.size() : next;
    return new RunReport.Sequential(
        looks,
        decidedAt,
        answered,
        cases.size(),
        answered * callsPerCase,
        (long) cases.size() * callsPerCase);
  }
}
