package dev.evalgate.engine.metrics;

import java.util.List;

/**
 * One check compared case by case: the paired 2x2 table, McNemar's tests, the difference in pass
 * rates (challenger minus control) with Newcombe's paired 95 % interval, and the cases that moved.
 *
 * @param check the check's name
 * @param bothPass cases both variants pass
 * @param controlOnly cases only the control passes (regressions)
 * @param challengerOnly cases only the challenger passes (improvements)
 * @param bothFail cases both fail
 * @param controlRate control's pass rate over the paired cases
 * @param challengerRate challenger's pass rate over the paired cases
 * @param difference challenger minus control
 * @param low lower bound of the paired 95 % interval of the difference
 * @param high upper bound
 * @param pExact McNemar's exact two-sided p-value
 * @param pMid McNemar's mid-p value
 * @param regressions case ids of the first regressions, at most {@value RunAccumulator#LISTED}
 * @param improvements case ids of the first improvements, at most {@value RunAccumulator#LISTED}
 */
public record CheckComparison(
    String check,
    long bothPass,
    long controlOnly,
    long challengerOnly,
    long bothFail,
    double controlRate,
    double challengerRate,
    double difference,
    double low,
    double high,
    double pExact,
    double pMid,
    List<String> regressions,
    List<String> improvements) {

  public long n() {
    return bothPass + controlOnly + challengerOnly + bothFail;
  }
}
