package dev.evalgate.engine.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdicts of one gate: every challenger's criteria judged together so that the error rates the
 * gate states hold for the whole verdict, not for each criterion alone.
 *
 * <p><b>Promotion.</b> A challenger is promoted when every one of its criteria holds. That is an
 * intersection-union test (Berger 1982): if any criterion is truly false, the chance of promoting
 * is at most the chance that this one criterion is found to hold, so the criteria of one challenger
 * need no adjustment between them, and adding criteria never raises the chance of a false PROMOTE.
 * Across challengers, promotions are Holm's step-down procedure: with k challengers each is first
 * judged at alpha/k, and each promotion lets the rest be judged at alpha over the challengers left.
 * So a challenger truly at a margin is promoted at most alpha of the time, and the chance that any
 * challenger is falsely promoted is at most alpha.
 *
 * <p><b>Rejection.</b> A challenger is rejected when any of its criteria is violated, so every
 * criterion is a chance of a false REJECT; the violations of all criteria of all challengers are
 * one Holm family at alpha. So the chance that any true criterion is found violated (and its
 * challenger falsely rejected) is at most alpha, however many criteria and challengers there are.
 *
 * <p>Why Holm and not simultaneous (Bonferroni) intervals: Holm rejects everything Bonferroni
 * rejects and more, under any dependence between the criteria (they share cases); its intervals are
 * Bonferroni's for the criteria it does not decide and narrower for the ones it does. Each
 * criterion's {@link Judgement} carries the levels it was judged at, and its interval is read at
 * them, so the limit is outside the interval exactly when the criterion is decided.
 *
 * <p><b>Looks.</b> {@link #decide(List, double, Levels, State)} judges one look of a run that stops
 * when decided ({@link SequentialPlan}): each test's level at this look comes from its alpha
 * spending boundary ({@code levels}), findings established at earlier looks stand, and Holm's
 * reallocation works across looks as Maurer and Bretz (2013) show for group-sequential designs.
 * {@link #decide(List, double)} is the single look of a fixed run.
 *
 * <pre>{@code
 * List<Outcome> verdicts = Family.decide(List.of(claimsOfChallengerA, claimsOfChallengerB), 0.025).outcomes();
 * verdicts.get(0).ruling(); // PROMOTE, REJECT or INCONCLUSIVE
 * }</pre>
 */
public final class Family {
  private Family() {}

  /** A challenger's verdict. */
  public enum Ruling {
    PROMOTE,
    REJECT,
    INCONCLUSIVE
  }

  /**
   * The one-sided level at the current look of a test whose level over every look is {@code alpha}.
   */
  @FunctionalInterface
  public interface Levels {
    double at(double alpha);

    /** One look: the level is alpha. */
    static Levels fixed() {
      return alpha -> alpha;
    }
  }

  /**
   * A challenger's ruling with its criteria judged, in the order given.
   *
   * @param ruling PROMOTE, REJECT or INCONCLUSIVE
   * @param criteria each criterion's judgement
   */
  public record Outcome(Ruling ruling, List<Judgement> criteria) {}

  /**
   * What the looks so far established: per challenger, per criterion, the judgement that decided
   * it, or the latest one when it is still open.
   */
  public record State(List<List<Judgement>> judgements) {
    /** Nothing established yet. */
    public static State none() {
      return new State(List.of());
    }

    boolean established(int challenger, int criterion) {
      return challenger < judgements.size()
          && judgements.get(challenger).get(criterion).finding() != Finding.INCONCLUSIVE;
    }

    Judgement get(int challenger, int criterion) {
      return judgements.get(challenger).get(criterion);
    }
  }

  /**
   * The verdicts of one look.
   *
   * @param outcomes each challenger's verdict, in the order given
   * @param state what is established, for the next look
   */
  public record Result(List<Outcome> outcomes, State state) {
    /** Whether every challenger is promoted or rejected: a run may stop calling. */
    public boolean decided() {
      return outcomes.stream().allMatch(o -> o.ruling() != Ruling.INCONCLUSIVE);
    }
  }

  /**
   * The verdicts of a fixed run at one-sided level {@code alpha} per side (0.025 for a gate at 95
   * %).
   */
  public static Result decide(List<List<Claim>> claims, double alpha) {
    return decide(claims, alpha, Levels.fixed(), State.none());
  }

  /**
   * The verdicts at one look.
   *
   * @param claims each challenger's criteria
   * @param alpha the one-sided level per side over the whole run
   * @param levels the nominal level at this look of a test at a given overall level
   * @param earlier what earlier looks established ({@link State#none()} at the first)
   */
  public static Result decide(
      List<List<Claim>> claims, double alpha, Levels levels, State earlier) {
    return decide(claims, alpha, levels, earlier, new boolean[claims.size()]);
  }

  /**
   * The verdicts of a fixed run when some challengers cannot be promoted whatever their claims show
   * (a criterion decided without statistics, such as a minimum number of cases, is open or
   * violated): they stay among Holm's candidates for promotion, so they never release their share
   * of alpha to the others.
   *
   * @param blocked per challenger, whether it cannot be promoted
   */
  public static Result decide(List<List<Claim>> claims, double alpha, boolean[] blocked) {
    return decide(claims, alpha, Levels.fixed(), State.none(), blocked);
  }

  /**
   * The verdicts at one look when some challengers cannot be promoted whatever their claims show
   * ({@code blocked}: a criterion decided outside the family is open or violated).
   */
  public static Result decide(
      List<List<Claim>> claims, double alpha, Levels levels, State earlier, boolean[] blocked) {
    if (blocked.length != claims.size()) {
      throw new IllegalArgumentException(
          "blocked has " + blocked.length + " entries for " + claims.size() + " challengers");
    }
    int challengers = claims.size();
    Finding[][] findings = new Finding[challengers][];
    double[][] violationLevel = new double[challengers][];
    double[][] holdsLevel = new double[challengers][];
    List<int[]> open = new ArrayList<>();
    int criteria = 0;
    for (int c = 0; c < challengers; c++) {
      int m = claims.get(c).size();
      criteria += m;
      findings[c] = new Finding[m];
      violationLevel[c] = new double[m];
      holdsLevel[c] = new double[m];
      for (int j = 0; j < m; j++) {
        findings[c][j] =
            earlier.established(c, j) ? earlier.get(c, j).finding() : Finding.INCONCLUSIVE;
        if (findings[c][j] != Finding.VIOLATED) {
          open.add(new int[] {c, j});
        }
      }
    }
    // violations: one Holm family over every criterion of every challenger
    while (!open.isEmpty()) {
      double level = levels.at(alpha / open.size());
      List<int[]> still = new ArrayList<>();
      for (int[] cj : open) {
        violationLevel[cj[0]][cj[1]] = level;
        if (findings[cj[0]][cj[1]] == Finding.INCONCLUSIVE
            && claims.get(cj[0]).get(cj[1]).violatedAt(level)) {
          findings[cj[0]][cj[1]] = Finding.VIOLATED;
        } else {
          still.add(cj);
        }
      }
      if (still.size() == open.size()) {
        break;
      }
      open = still;
    }
    // promotions: intersection-union per challenger, Holm across challengers
    boolean[] promoted = new boolean[challengers];
    List<Integer> candidates = new ArrayList<>();
    for (int c = 0; c < challengers; c++) {
      if (allHold(findings[c]) && !blocked[c]) {
        promoted[c] = true;
      } else {
        candidates.add(c);
      }
    }
    while (!candidates.isEmpty()) {
      double level = levels.at(alpha / candidates.size());
      List<Integer> still = new ArrayList<>();
      for (int c : candidates) {
        for (int j = 0; j < findings[c].length; j++) {
          if (findings[c][j] == Finding.INCONCLUSIVE) {
            holdsLevel[c][j] = level;
            if (claims.get(c).get(j).holdsAt(level)) {
              findings[c][j] = Finding.HOLDS;
            }
          }
        }
        if (allHold(findings[c]) && !blocked[c]) {
          promoted[c] = true;
        } else {
          still.add(c);
        }
      }
      if (still.size() == candidates.size()) {
        break;
      }
      candidates = still;
    }
    List<Outcome> outcomes = new ArrayList<>();
    List<List<Judgement>> judgements = new ArrayList<>();
    for (int c = 0; c < challengers; c++) {
      List<Judgement> judged = new ArrayList<>();
      boolean violated = false;
      for (int j = 0; j < findings[c].length; j++) {
        Judgement judgement;
        if (earlier.established(c, j)) {
          judgement = earlier.get(c, j);
        } else {
          // an open criterion of a promoted challenger cannot exist; a rejected one keeps its last
          // holds level
          judgement =
              claims
                  .get(c)
                  .get(j)
                  .judge(
                      holdsLevel[c][j] > 0 ? holdsLevel[c][j] : levels.at(alpha / challengers),
                      violationLevel[c][j]);
        }
        violated |= judgement.finding() == Finding.VIOLATED;
        judged.add(judgement);
      }
      Ruling ruling =
          violated
              ? Ruling.REJECT
              : promoted[c] && !judged.isEmpty() ? Ruling.PROMOTE : Ruling.INCONCLUSIVE;
      outcomes.add(new Outcome(ruling, List.copyOf(judged)));
      judgements.add(List.copyOf(judged));
    }
    return new Result(List.copyOf(outcomes), new State(List.copyOf(judgements)));
  }

  private static boolean allHold(Finding[] findings) {
    if (findings.length == 0) {
      return false;
    }
    for (Finding finding : findings) {
      if (finding != Finding.HOLDS) {
        return false;
      }
    }
    return true;
  }
}
