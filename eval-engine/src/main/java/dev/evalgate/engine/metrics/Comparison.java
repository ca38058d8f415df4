package dev.evalgate.engine.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A challenger compared with the control on the same cases. Cases errored in either variant are
 * left out of the paired statistics and counted in {@code excluded}.
 *
 * @param challenger the challenger's name
 * @param control the control's name
 * @param pairs cases both variants answered
 * @param excluded cases left out because either variant errored
 * @param checks each check's paired comparison, plus {@code *} for "passes every check"
 * @param refusal the paired comparison of "not a refusal", when the suite classifies refusals
 * @param latencyMs latency difference
 * @param outputTokens completion-token difference
 * @param costUsd cost difference per call, {@code null} when any price is unknown
 * @param callsPerCase difference in model calls per case (an agent's rounds); {@code null} in a
 *     report written before it was measured
 * @param tokensPerCase difference in prompt plus completion tokens per case over every step; {@code
 *     null} in a report written before it was measured
 * @param stability with {@code repeats: k}, each check's (and {@code *}'s) paired comparison of
 *     "stable over the k repeats" (passed all or none of them; flaky is the failure), on the cases
 *     every repeat of both variants answered; {@code null} without repeats or in a report written
 *     before it was measured
 * @param clustered with {@code dataset.cluster}, each check's (and {@code *}'s) comparison over the
 *     clusters, whose design effect and interval the gate's pass-rate criteria use; {@code null}
 *     (and left out of report.json) without clusters
 * @param refusalClustered with {@code dataset.cluster}, {@code refusal}'s comparison over the
 *     clusters, which {@code non-inferior} on the refusal rate is judged on; {@code null} (and left
 *     out of report.json) without clusters or refusals, and in a report written before it was kept
 * @param stabilityClustered with {@code dataset.cluster} and repeats, each of {@code stability}'s
 *     comparisons over the clusters, which {@code non-inferior} on a flaky rate is judged on;
 *     {@code null} (and left out of report.json) otherwise, and in a report written before it was
 *     kept
 */
public record Comparison(
    String challenger,
    String control,
    long pairs,
    long excluded,
    Map<String, CheckComparison> checks,
    @Nullable CheckComparison refusal,
    Difference latencyMs,
    Difference outputTokens,
    @Nullable Difference costUsd,
    @Nullable Difference callsPerCase,
    @Nullable Difference tokensPerCase,
    @Nullable Map<String, CheckComparison> stability,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, Clustered> clustered,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Clustered refusalClustered,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable Map<String, Clustered> stabilityClustered) {}
