package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.GreetingSuites;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Surefire's {@code -Dtest=Class#method} reaches the engine as the system property {@code test}:
 * the method part selects the suite class's cases by id (or a {@code @SuiteDefinition} method's
 * suite), and a name that is neither selects nothing and is an error, which fails the run instead
 * of running the whole suite. (The Maven plugin's invoker test {@code surefire-method-filter} shows
 * it under Surefire itself.)
 */
class SurefireMethodFilterTest {
  static final String CLASS = "GreetingSuites$Polite";

  @TempDir Path output;

  /** The JVM's own -Dtest, when Surefire runs this test with one, given back after each test. */
  static final String OWN = System.getProperty("test");

  @AfterEach
  void restore() {
    if (OWN == null) {
      System.clearProperty("test");
    } else {
      System.setProperty("test", OWN);
    }
  }

  EngineDiscoveryResults discover(String test) {
    System.setProperty("test", test);
    return EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.OUTPUT_DIR, output.toString())
        .configurationParameter(Constants.ALLURE_ENABLED, "false")
        .selectors(selectClass(GreetingSuites.Polite.class))
        .discover();
  }

  static List<String> tests(EngineDiscoveryResults results) {
    return results.getEngineDescriptor().getDescendants().stream()
        .filter(TestDescriptor::isTest)
        .map(d -> d.getUniqueId().getLastSegment())
        .map(s -> "[" + s.getType() + ":" + s.getValue() + "]")
        .toList();
  }

  @Test
  void aCaseIdAfterTheHashSelectsThatCaseOnly() {
    assertThat(tests(discover("Foo, " + CLASS + "#g-2+g-1")))
        .containsExactly("[case:g-2]", "[case:g-1]");
  }

  @Test
  void anUnknownCaseSelectsNothingAndSaysWhy() {
    EngineDiscoveryResults results = discover("dev/evalgate/**/" + CLASS + "#nosuch");

    assertThat(tests(results)).isEmpty();
    assertThat(results.getDiscoveryIssues())
        .allMatch(issue -> issue.severity() == DiscoveryIssue.Severity.ERROR)
        .extracting(DiscoveryIssue::message)
        .containsExactly(
            "Surefire's -Dtest='dev/evalgate/**/GreetingSuites$Polite#nosuch' selects 'nosuch' of"
                + " dev.evalgate.engine.fixtures.GreetingSuites$Polite, but no suite of the class"
                + " has a case of that id (nor is it a @SuiteDefinition method); expected the id"
                + " of a case, exactly as the dataset gives it, such as -Dtest='Polite#q-1+q-2'."
                + " Nothing of the class was selected for it.");
  }

  @Test
  void aSuiteDefinitionMethodOrNoMethodSelectsTheWholeSuite() {
    List<String> whole = tests(discover(CLASS));

    assertThat(whole).contains("[dataset:rows]").noneMatch(t -> t.startsWith("[case:"));
    assertThat(tests(discover(CLASS + "#greetings"))).isEqualTo(whole);
    assertThat(tests(discover("Other#x"))).isEqualTo(whole);
  }
}
