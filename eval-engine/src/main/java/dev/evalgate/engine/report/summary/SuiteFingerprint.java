package dev.evalgate.engine.report.summary;

import dev.evalgate.api.Check;
import dev.evalgate.api.CriterionSpec;
import dev.evalgate.api.GateSpec;
import dev.evalgate.api.SuiteSpec;
import dev.evalgate.api.VariantSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hashes of a suite definition and of its gate policy, for reproducibility and baseline matching.
 */
public final class SuiteFingerprint {
  private SuiteFingerprint() {}

  public static String suite(SuiteSpec suite) {
    StringBuilder text =
        new StringBuilder("suite=")
            .append(suite.name())
            .append('\n')
            .append("dataset=")
            // a suite without slices or clusters hashes as it did before they existed, so its
            // stored reports and baselines still match it
            .append(suite.dataset().toString().replace(", slices=[], cluster=null]", "]"))
            .append('\n')
            .append("repeats=")
            .append(suite.repeats())
            .append('\n');
    for (VariantSpec v : suite.variants()) {
      text.append("variant=")
          .append(v.name())
          .append('|')
          .append(v.control())
          .append('|')
          .append(v.provider())
          .append('|')
          .append(v.model())
          .append('|')
          .append(v.parameters())
          .append('|')
          .append(v.prompt())
          .append('|')
          .append(v.pricing())
          .append('\n');
    }
    for (Check c : suite.checks()) {
      text.append("check=").append(c.name()).append('|').append(c.family()).append('\n');
    }
    return sha256(text.append(gateText(suite.gate())).toString());
  }

  public static String gate(GateSpec gate) {
    return sha256(gateText(gate));
  }

  private static String gateText(GateSpec gate) {
    StringBuilder text =
        new StringBuilder("min-cases=")
            .append(gate.minCases())
            .append("\nconfidence=")
            .append(gate.confidence());
    for (CriterionSpec c : gate.criteria()) {
      text.append("\ncriterion=")
          .append(c.kind().id())
          .append('|')
          .append(c.metric())
          .append('|')
          .append(c.limit())
          .append('|')
          .append(c.variant())
          .append('|')
          .append(c.confidence());
      if (c.kind() == CriterionSpec.Kind.NO_SLICE_REGRESSES) {
        text.append("|min-cases=").append(c.minCases());
      }
    }
    if (gate.sequential()) {
      // a gate judged at several looks decides differently; a gate judged once keeps its old hash
      text.append("\nsequential-looks=").append(gate.looks());
    }
    return text.toString();
  }

  /** The parameters worth reporting, without nulls. */
  public static Map<String, Object> parameters(VariantSpec v) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (v.parameters().temperature() != null) {
      map.put("temperature", v.parameters().temperature());
    }
    if (v.parameters().topP() != null) {
      map.put("top_p", v.parameters().topP());
    }
    if (v.parameters().maxTokens() != null) {
      map.put("max_tokens", v.parameters().maxTokens());
    }
    if (v.parameters().seed() != null) {
      map.put("seed", v.parameters().seed());
    }
    if (!v.parameters().stop().isEmpty()) {
      map.put("stop", v.parameters().stop());
    }
    if (v.parameters().responseFormat() != null) {
      map.put("response_format", v.parameters().responseFormat());
    }
    return map;
  }

  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
