package dev.evalgate.benchmarks.stats;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One table of the simulation: a title, what it measures, a header, and one scenario per row.
 *
 * @param name the name {@code --only} selects it by
 * @param title the table's heading
 * @param intro what it measures and how to read it
 * @param header the column names
 * @param scenarios the rows
 */
record Section(
    String name, String title, String intro, List<String> header, List<Scenario> scenarios) {

  /**
   * One row: its key (which also seeds it, so a row's figures do not depend on the others or on the
   * threads) and how to compute its cells from {@code runs} simulated runs.
   */
  record Scenario(String key, Run run) {}

  @FunctionalInterface
  interface Run {
    List<String> cells(SplittableRandom random, int runs);
  }
}
