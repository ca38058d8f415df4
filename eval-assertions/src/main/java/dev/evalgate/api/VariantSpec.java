package dev.evalgate.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named way to answer a case: provider, model, parameters and prompt version.
 *
 * @param name unique within the suite; the key of every per-variant metric
 * @param control true for the variant in production today; exactly one per suite
 * @param provider {@code openai} (any Chat Completions endpoint), {@code anthropic}, {@code
 *     in-process}, {@code app} or {@code dataset}
 * @param model the provider's model name; for in-process variants a label
 * @param baseUrl the endpoint, or {@code null} for the provider's default
 * @param apiKeyEnv the environment variable holding the key; never the key itself
 * @param headers extra request headers
 * @param parameters sampling parameters
 * @param prompt the prompt version
 * @param timeout per-call timeout, or {@code null} for the engine default
 * @param pricing the price used for cost, or {@code null} to look the model up in the pricing table
 * @param function the in-process implementation, for provider {@code in-process}; for {@code app}
 *     an {@link AppFunction.Bound}, for {@code dataset} a {@link DatasetAnswers}
 */
public record VariantSpec(
    String name,
    boolean control,
    String provider,
    @Nullable String model,
    @Nullable String baseUrl,
    @Nullable String apiKeyEnv,
    Map<String, String> headers,
    Parameters parameters,
    PromptTemplate prompt,
    @Nullable Duration timeout,
    @Nullable Pricing pricing,
    @Nullable ModelFunction function) {

  public static final String OPENAI = "openai";
  public static final String ANTHROPIC = "anthropic";
  public static final String IN_PROCESS = "in-process";

  /** The user's application answering through the recording endpoint ({@link #app}). */
  public static final String APP = "app";

  /** Answers read from a field of each case's row ({@link #fromDataset}). */
  public static final String DATASET = "dataset";

  public VariantSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(provider, "provider");
    headers = Map.copyOf(new LinkedHashMap<>(headers));
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(prompt, "prompt");
    if (IN_PROCESS.equals(provider) && function == null) {
      throw new IllegalArgumentException("in-process variant '" + name + "' needs a function");
    }
    if (APP.equals(provider) && !(function instanceof AppFunction.Bound)) {
      throw new IllegalArgumentException("app variant '" + name + "' needs an app function");
    }
    if (DATASET.equals(provider) && !(function instanceof DatasetAnswers)) {
      throw new IllegalArgumentException(
          "dataset variant '" + name + "' needs the field its answers are in");
    }
  }

  /**
   * Whether the engine answers this variant itself, without HTTP: an in-process function or a
   * dataset field.
   */
  public boolean answeredInProcess() {
    return IN_PROCESS.equals(provider) || DATASET.equals(provider);
  }

  /** An in-process variant (a challenger until marked {@link #asControl()}). */
  public static VariantSpec inProcess(String name, ModelFunction function) {
    return new VariantSpec(
        name,
        false,
        IN_PROCESS,
        name,
        null,
        null,
        Map.of(),
        Parameters.DEFAULTS,
        PromptTemplate.CASE_MESSAGES,
        null,
        null,
        function);
  }

  /**
   * The user's application as a variant (a challenger until marked {@link #asControl()}): EvalGate
   * starts a recording endpoint on loopback for it and hands its URLs to {@code app} for each case.
   * {@code model} names the variant in reports and prices its tokens ({@link #withPricing}); the
   * model each request names is recorded with it. When a request is forwarded, it goes to {@link
   * #baseUrl()} (default: the API's own) with the key in {@link #apiKeyEnv()} (default {@code
   * OPENAI_API_KEY} or {@code ANTHROPIC_API_KEY}, by the API the request speaks).
   */
  public static VariantSpec app(String name, String model, AppFunction app) {
    return new VariantSpec(
        name,
        false,
        APP,
        model,
        null,
        null,
        Map.of(),
        Parameters.DEFAULTS,
        PromptTemplate.CASE_MESSAGES,
        null,
        null,
        new AppFunction.Bound(app));
  }

  /**
   * A variant whose answer to each case is the text in {@code field} of the case's row (a
   * challenger until marked {@link #asControl()}): answers already given, such as the answers
   * production logged or the answers a team labelled to measure its checks. Nothing is called, so
   * such a variant has no latency or cost (a criterion on them cannot judge it) and its tokens are
   * counted with jtokkit. A row without the field is an errored case that names its line.
   */
  public static VariantSpec fromDataset(String name, String field) {
    return new VariantSpec(
        name,
        false,
        DATASET,
        DATASET,
        null,
        null,
        Map.of(),
        Parameters.DEFAULTS,
        PromptTemplate.CASE_MESSAGES,
        null,
        null,
        new DatasetAnswers(field));
  }

  /**
   * An HTTP variant of the given provider and model (a challenger until marked {@link
   * #asControl()}).
   */
  public static VariantSpec http(String name, String provider, String model) {
    return new VariantSpec(
        name,
        false,
        provider,
        model,
        null,
        null,
        Map.of(),
        Parameters.DEFAULTS,
        PromptTemplate.CASE_MESSAGES,
        null,
        null,
        null);
  }

  public VariantSpec asControl() {
    return new VariantSpec(
        name,
        true,
        provider,
        model,
        baseUrl,
        apiKeyEnv,
        headers,
        parameters,
        prompt,
        timeout,
        pricing,
        function);
  }

  public VariantSpec asChallenger() {
    return new VariantSpec(
        name,
        false,
        provider,
        model,
        baseUrl,
        apiKeyEnv,
        headers,
        parameters,
        prompt,
        timeout,
        pricing,
        function);
  }

  public VariantSpec withPrompt(PromptTemplate value) {
    return new VariantSpec(
        name,
        control,
        provider,
        model,
        baseUrl,
        apiKeyEnv,
        headers,
        parameters,
        value,
        timeout,
        pricing,
        function);
  }

  /**
   * The same variant offering {@code tools} with {@code choice} ({@code null}: the provider's
   * default).
   */
  public VariantSpec withTools(java.util.List<ToolSpec> tools, @Nullable ToolChoice choice) {
    return withPrompt(prompt.withTools(tools, choice));
  }

  public VariantSpec withParameters(Parameters value) {
    return new VariantSpec(
        name, control, provider, model, baseUrl, apiKeyEnv, headers, value, prompt, timeout,
        pricing, function);
  }

  public VariantSpec withBaseUrl(@Nullable String value) {
    return new VariantSpec(
        name,
        control,
        provider,
        model,
        value,
        apiKeyEnv,
        headers,
        parameters,
        prompt,
        timeout,
        pricing,
        function);
  }

  public VariantSpec withApiKeyEnv(@Nullable String value) {
    return new VariantSpec(
        name,
        control,
        provider,
        model,
        baseUrl,
        value,
        headers,
        parameters,
        prompt,
        timeout,
        pricing,
        function);
  }

  public VariantSpec withModel(@Nullable String value) {
    return new VariantSpec(
        name,
        control,
        provider,
        value,
        baseUrl,
        apiKeyEnv,
        headers,
        parameters,
        prompt,
        timeout,
        pricing,
        function);
  }

  public VariantSpec withHeaders(Map<String, String> value) {
    return new VariantSpec(
        name,
        control,
        provider,
        model,
        baseUrl,
        apiKeyEnv,
        value,
        parameters,
        prompt,
        timeout,
        pricing,
        function);
  }

  public VariantSpec withTimeout(@Nullable Duration value) {
    return new VariantSpec(
        name,
        control,
        provider,
        model,
        baseUrl,
        apiKeyEnv,
        headers,
        parameters,
        prompt,
        value,
        pricing,
        function);
  }

  public VariantSpec withPricing(@Nullable Pricing value) {
    return new VariantSpec(
        name,
        control,
        provider,
        model,
        baseUrl,
        apiKeyEnv,
        headers,
        parameters,
        prompt,
        timeout,
        value,
        function);
  }

  /** The prompt version reported with results: the template's version, else {@code default}. */
  public String promptVersion() {
    return prompt.version() == null ? "default" : prompt.version();
  }

  @Override
  public String toString() {
    return "VariantSpec["
        + name
        + (control ? ", control" : ", challenger")
        + ", "
        + provider
        + ", "
        + model
        + "]";
  }
}
