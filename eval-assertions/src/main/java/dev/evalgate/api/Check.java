package dev.evalgate.api;

/**
 * A per-case assertion: a pure function of one exchange.
 *
 * <p>Implementations are immutable and thread-safe; expensive set-up (compiling a schema, loading
 * phrase lists) happens once, when the check is built, never per case.
 *
 * <pre>{@code
 * Check polite = Check.of("polite", x -> x.output().contains("please")
 *     ? CheckResult.pass("polite", "says please")
 *     : CheckResult.fail("polite", "never says please"));
 * }</pre>
 */
public interface Check {

  /** The name results and metrics are filed under; unique within a suite. */
  String name();

  /**
   * The family used to group results in reports (json, refusal, length, hallucination, string,
   * limit, custom).
   */
  default String family() {
    return "custom";
  }

  CheckResult evaluate(Exchange exchange);

  /** A check built from a function, in family {@code custom}. */
  static Check of(String name, java.util.function.Function<Exchange, CheckResult> function) {
    java.util.Objects.requireNonNull(name, "name");
    java.util.Objects.requireNonNull(function, "function");
    return new Check() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public CheckResult evaluate(Exchange exchange) {
        return function.apply(exchange);
      }

      @Override
      public String toString() {
        return "Check[" + name + "]";
      }
    };
  }
}
