package dev.evalgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckResultTest {
  @Test
  void detailsAreAnUnmodifiableCopySortedByKey() {
    Map<String, String> given = new LinkedHashMap<>();
    for (String key : new String[] {"words", "family", "max", "a", "Z", "min"}) {
      given.put(key, key.toUpperCase());
    }
    CheckResult result = new CheckResult("length", true, null, "fine", given);
    given.put("later", "x");
    assertThat(result.details().keySet())
        .containsExactly("Z", "a", "family", "max", "min", "words");
    assertThat(result.details()).containsEntry("words", "WORDS").doesNotContainKey("later");
    assertThatThrownBy(() -> result.details().put("b", "c"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(result)
        .isEqualTo(
            new CheckResult(
                "length",
                true,
                null,
                "fine",
                Map.of(
                    "words", "WORDS", "family", "FAMILY", "max", "MAX", "a", "A", "Z", "Z", "min",
                    "MIN")));
    assertThatThrownBy(() -> CheckResult.pass("x", "y").details().put("b", "c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aNullDetailKeyOrValueIsRefused() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("k", null);
    assertThatThrownBy(() -> new CheckResult("c", true, null, "r", nullValue))
        .isInstanceOf(NullPointerException.class);
    Map<String, String> nullKey = new HashMap<>();
    nullKey.put(null, "v");
    assertThatThrownBy(() -> new CheckResult("c", true, null, "r", nullKey))
        .isInstanceOf(NullPointerException.class);
  }
}
