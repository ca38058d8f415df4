package dev.evalgate.engine.run;

import dev.evalgate.api.ChatMessage;
import dev.evalgate.api.Check;
import dev.evalgate.api.CheckResult;
import dev.evalgate.api.EvalCase;
import dev.evalgate.api.Exchange;
import dev.evalgate.api.ModelResponse;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import dev.evalgate.engine.dataset.RowProblem;
import dev.evalgate.engine.model.CallRequest;
import dev.evalgate.engine.model.CaseResult;
import dev.evalgate.engine.model.CostModel;
import dev.evalgate.engine.model.Responder;
import dev.evalgate.engine.model.VariantOutcome;
import dev.evalgate.engine.prompt.MissingVariableException;
import dev.evalgate.engine.prompt.PromptRenderer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Streams cases through the variants: renders each variant's prompt, asks the responder, runs the
 * checks as answers arrive, and hands complete case results to the sink in dataset order. At most
 * {@code window} cases are in flight, and fewer when their text is large (see {@link Window}), so
 * memory grows neither with the dataset nor with the size of its prompts.
 */
public final class CasePipeline {
  private final SuiteSpec suite;
  private final List<VariantSpec> variants;
  private final List<PromptRenderer> renderers;
  private final Responder responder;
  private final CostModel costs;
  private final Window window;

  /**
   * Characters of the rows, prompts and answers of the cases in flight; answers are added on the
   * threads that complete them.
   */
  private final AtomicLong heldChars = new AtomicLong();

  private final Progress progress;

  /**
   * The run's worker threads, which check answers that were already there when asked for (replayed
   * recordings), so that checking uses every core while the pipeline's thread reads the dataset and
   * feeds the sinks. Live answers are checked on the caller thread that made the call. The run owns
   * them.
   */
  private final Executor workers;

  public CasePipeline(
      SuiteSpec suite,
      List<VariantSpec> variants,
      Responder responder,
      CostModel costs,
      Window window,
      Progress progress,
      Executor workers) {
    this.suite = suite;
    this.variants = List.copyOf(variants);
    this.renderers =
        variants.stream()
            .map(
                v ->
                    new PromptRenderer(
                        v.name(), v.prompt(), VariantSpec.DATASET.equals(v.provider())))
            .toList();
    this.responder = responder;
    this.costs = costs;
    this.window = window;
    this.progress = progress;
    this.workers = Objects.requireNonNull(workers, "workers");
  }

  /** Runs every case; returns how many were run. Rendering problems go to {@code problems}. */
  public long run(
      Iterator<EvalCase> cases,
      Consumer<CaseResult> sink,
      Consumer<RowProblem> problems,
      String datasetLocation) {
    return run(cases, Function.identity(), sink, problems, datasetLocation);
  }

  /**
   * Runs every case, applying {@code prepare} to each result on the thread that completed it and
   * handing what it returns to {@code sink} on this thread, in dataset order.
   */
  public <P> long run(
      Iterator<EvalCase> cases,
      Function<CaseResult, P> prepare,
      Consumer<P> sink,
      Consumer<RowProblem> problems,
      String datasetLocation) {
    return run(cases, () -> true, prepare, sink, problems, datasetLocation);
  }

  /**
   * As {@link #run(Iterator, Function, Consumer, Consumer, String)}, handing out the next case only
   * when {@code ready} says so, and else delivering the cases in flight first (a sequential run
   * answers exactly the cases of a look before it is taken, so that a look that decides leaves no
   * calls behind it).
   */
  public <P> long run(
      Iterator<EvalCase> cases,
      BooleanSupplier ready,
      Function<CaseResult, P> prepare,
      Consumer<P> sink,
      Consumer<RowProblem> problems,
      String datasetLocation) {
    ArrayDeque<Held<P>> inFlight = new ArrayDeque<>(Math.min(window.cases(), 1024));
    long count = 0;
    while (true) {
      while (!inFlight.isEmpty() && !ready.getAsBoolean()) {
        sink.accept(deliver(inFlight.poll()));
      }
      if (!cases.hasNext()) {
        break;
      }
      EvalCase evalCase = cases.next();
      Map<String, List<ChatMessage>> prompts;
      try {
        prompts = render(evalCase);
      } catch (MissingVariableException e) {
        problems.accept(new RowProblem(datasetLocation, evalCase.line(), e.getMessage()));
        continue;
      }
      Held<P> held = new Held<>(chars(evalCase) + chars(prompts));
      heldChars.addAndGet(held.caseChars);
      held.result =
          submit(evalCase, prompts)
              .thenApply(
                  result -> {
                    held.answerChars = answerChars(result);
                    heldChars.addAndGet(held.answerChars);
                    return prepare.apply(result);
                  });
      inFlight.add(held);
      count++;
      while (window.full(inFlight.size(), heldChars.get())) {
        sink.accept(deliver(inFlight.poll()));
      }
    }
    while (!inFlight.isEmpty()) {
      sink.accept(deliver(inFlight.poll()));
    }
    progress.finish();
    return count;
  }

  /** A case in flight: its prepared result to come, and the characters it holds. */
  private static final class Held<P> {
    /** The row's and the prompts' characters, known when the case is handed out. */
    final long caseChars;

    /** Set by the thread that completes the case, before {@link #result} completes. */
    long answerChars;

    /** Set as soon as the case is handed out, which needs this holder first. */
    @Nullable CompletableFuture<P> result;

    Held(long caseChars) {
      this.caseChars = caseChars;
    }
  }

  /** Waits for the held case's result and stops counting its characters. */
  private <P> P deliver(Held<P> held) {
    P result = take(Objects.requireNonNull(held.result, "a held case was handed out"));
    heldChars.addAndGet(-held.caseChars - held.answerChars);
    return result;
  }

  /** The text of the dataset row: its context, references, messages and string variables. */
  private static long chars(EvalCase evalCase) {
    long chars = evalCase.context() == null ? 0 : evalCase.context().length();
    for (String reference : evalCase.references()) {
      chars += reference.length();
    }
    for (String reference : evalCase.incorrectReferences()) {
      chars += reference.length();
    }
    for (ChatMessage message : evalCase.messages()) {
      chars += message.content().length();
    }
    for (Object value : evalCase.variables().values()) {
      if (value instanceof CharSequence text) {
        chars += text.length();
      }
    }
    return chars;
  }

  private static long chars(Map<String, List<ChatMessage>> prompts) {
    long chars = 0;
    for (List<ChatMessage> messages : prompts.values()) {
      for (ChatMessage message : messages) {
        chars += message.content().length();
      }
    }
    return chars;
  }

  private static long answerChars(CaseResult result) {
    long chars = 0;
    for (VariantOutcome outcome : result.outcomes()) {
      chars += outcome.response().text().length();
    }
    return chars;
  }

  /** The future's value; what went wrong while preparing it is rethrown as it was thrown. */
  private static <P> P take(CompletableFuture<P> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  private Map<String, List<ChatMessage>> render(EvalCase evalCase) {
    Map<String, List<ChatMessage>> prompts = new LinkedHashMap<>();
    for (int i = 0; i < variants.size(); i++) {
      prompts.put(variants.get(i).name(), renderers.get(i).render(evalCase));
    }
    return prompts;
  }

  private CompletableFuture<CaseResult> submit(
      EvalCase evalCase, Map<String, List<ChatMessage>> prompts) {
    List<CompletableFuture<VariantOutcome>> outcomes =
        new ArrayList<>(variants.size() * suite.repeats());
    for (VariantSpec variant : variants) {
      List<ChatMessage> prompt =
          Objects.requireNonNull(prompts.get(variant.name()), "every variant's prompt is rendered");
      for (int repeat = 0; repeat < suite.repeats(); repeat++) {
        int r = repeat;
        CompletableFuture<ModelResponse> answer =
            responder.answer(new CallRequest(suite.name(), variant, evalCase, r, prompt));
        Function<ModelResponse, VariantOutcome> checking =
            response -> check(evalCase, variant, prompt, r, response);
        outcomes.add(
            answer.isDone()
                ? answer.thenApplyAsync(checking, workers)
                : answer.thenApply(checking));
      }
    }
    return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
        .thenApply(
            done ->
                new CaseResult(
                    evalCase, prompts, outcomes.stream().map(CompletableFuture::join).toList()));
  }

  private VariantOutcome check(
      EvalCase evalCase,
      VariantSpec variant,
      List<ChatMessage> prompt,
      int repeat,
      ModelResponse response) {
    progress.record(variant.name(), response.isError());
    Double cost = response.isError() ? null : costs.cost(variant, response);
    if (response.isError()) {
      return new VariantOutcome(variant.name(), repeat, response, cost, List.of());
    }
    Exchange exchange =
        new Exchange(evalCase, variant.name(), variant.model(), prompt, response, cost, repeat);
    List<CheckResult> results = new ArrayList<>(suite.checks().size());
    for (Check check : suite.checks()) {
      results.add(evaluate(check, exchange));
    }
    return new VariantOutcome(variant.name(), repeat, response, cost, results);
  }

  /** A check that throws is a failed check with the exception as its reason, never a lost case. */
  private static CheckResult evaluate(Check check, Exchange exchange) {
    try {
      return check.evaluate(exchange);
    } catch (RuntimeException e) {
      return CheckResult.fail(
          check.name(),
          "the check threw "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }
}
