package dev.evalgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.GreetingSuites;
import dev.evalgate.engine.fixtures.YamlSuites;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class DiscoveryTest {

  static EngineDiscoveryResults discover(DiscoverySelector... selectors) {
    return EngineTestKit.engine(Constants.ENGINE_ID).selectors(selectors).discover();
  }

  static List<String> ids(TestDescriptor root) {
    return root.getDescendants().stream()
        .map(d -> d.getUniqueId().toString())
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void javaSuiteBecomesClassSuiteAndClaimTests() {
    TestDescriptor engine =
        discover(selectClass(GreetingSuites.Polite.class)).getEngineDescriptor();

    assertThat(ids(engine))
        .containsExactly(
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.GreetingSuites$Polite]",
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.GreetingSuites$Polite]/[suite:greetings]",
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.GreetingSuites$Polite]/[suite:greetings]/[criterion:at-least(pass-rate(exact))@casual]",
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.GreetingSuites$Polite]/[suite:greetings]/[criterion:no-new-failures(exact)@casual]",
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.GreetingSuites$Polite]/[suite:greetings]/[dataset:rows]",
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.GreetingSuites$Polite]/[suite:greetings]/[gate:casual]"
                .replace("[gate:casual]", "[gate:gate@casual]"));
  }

  @Test
  void everyTestHasAnAncestorWithAClassSource() {
    TestDescriptor engine =
        discover(
                selectClass(GreetingSuites.Polite.class),
                selectClass(GreetingSuites.Throwing.class))
            .getEngineDescriptor();

    List<? extends TestDescriptor> tests =
        engine.getDescendants().stream().filter(TestDescriptor::isTest).toList();
    assertThat(tests)
        .isNotEmpty()
        .allSatisfy(test -> assertThat(hasClassSourceAncestor(test)).isTrue());
  }

  private static boolean hasClassSourceAncestor(TestDescriptor test) {
    for (TestDescriptor d = test.getParent().orElse(null);
        d != null;
        d = d.getParent().orElse(null)) {
      if (d.getSource().filter(ClassSource.class::isInstance).isPresent()) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everyUniqueIdResolvesAgainAlone() {
    TestDescriptor engine =
        discover(selectClass(GreetingSuites.Polite.class)).getEngineDescriptor();

    for (TestDescriptor descriptor : engine.getDescendants()) {
      TestDescriptor again =
          discover(selectUniqueId(descriptor.getUniqueId())).getEngineDescriptor();
      assertThat(ids(again))
          .as("resolving %s", descriptor.getUniqueId())
          .contains(descriptor.getUniqueId().toString());
    }
  }

  @Test
  void aClaimSelectedByUniqueIdComesAloneUnderItsSuite() {
    TestDescriptor full = discover(selectClass(GreetingSuites.Polite.class)).getEngineDescriptor();
    TestDescriptor gate =
        full.getDescendants().stream()
            .filter(d -> d.getUniqueId().getLastSegment().getType().equals("gate"))
            .findFirst()
            .orElseThrow();

    TestDescriptor engine = discover(selectUniqueId(gate.getUniqueId())).getEngineDescriptor();

    assertThat(engine.getDescendants()).hasSize(3);
    assertThat(
            engine.getDescendants().stream()
                .filter(TestDescriptor::isTest)
                .map(d -> d.getUniqueId().toString()))
        .containsExactly(gate.getUniqueId().toString());
  }

  @Test
  void methodSelectorSelectsTheSuiteItDefines() {
    TestDescriptor engine =
        discover(selectMethod(GreetingSuites.Rude.class, "greetings")).getEngineDescriptor();

    assertThat(ids(engine))
        .contains(
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.GreetingSuites$Rude]/[suite:greetings]/[criterion:at-least(pass-rate(exact))@rude]");
  }

  @Test
  void aThrowingDefinitionIsAFailingTestAndAnIssue() {
    EngineDiscoveryResults results = discover(selectClass(GreetingSuites.Throwing.class));

    assertThat(ids(results.getEngineDescriptor()))
        .contains(
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.GreetingSuites$Throwing]/[suite:broken]/[definition:problem]");
    assertThat(results.getDiscoveryIssues())
        .extracting(DiscoveryIssue::message)
        .containsExactly(
            "@SuiteDefinition method dev.evalgate.engine.fixtures.GreetingSuites$Throwing.broken()"
                + " threw IllegalStateException: no dataset configured");
  }

  @Test
  void aMissingDatasetIsNamed() {
    EngineDiscoveryResults results = discover(selectClass(GreetingSuites.MissingDataset.class));

    assertThat(results.getDiscoveryIssues())
        .extracting(DiscoveryIssue::message)
        .containsExactly(
            "suite 'missing': dataset 'fixtures/nope.jsonl' was not found next to the suite file,"
                + " in the working directory or on the classpath");
  }

  @Test
  void brokenRowsAreIssuesWithFileAndLine() {
    EngineDiscoveryResults results = discover(selectClass(GreetingSuites.BrokenRows.class));

    assertThat(results.getDiscoveryIssues())
        .extracting(DiscoveryIssue::message)
        .containsExactly(
            "fixtures/broken-rows.jsonl:2: invalid JSON at column 59 (Unexpected end-of-input:"
                + " expected close marker for Object); expected one JSON object per line",
            "fixtures/broken-rows.jsonl:3: expected a JSON object, but the line holds an array",
            "fixtures/broken-rows.jsonl:4: duplicate case id 'b-1'; expected every id to be unique"
                + " (the row is skipped)",
            "fixtures/broken-rows.jsonl:5: field 'expect' must be \"refuse\" or \"comply\", but was"
                + " \"maybe\"");
    assertThat(results.getDiscoveryIssues())
        .allSatisfy(issue -> assertThat(issue.source()).get().isInstanceOf(FileSource.class));
    assertThat(results.getDiscoveryIssues().get(2).source())
        .get()
        .extracting(s -> ((FileSource) s).getPosition().map(FilePosition::getLine).orElse(0))
        .isEqualTo(4);
  }

  @Test
  void aSuiteFileProblemIsAnIssueAtItsLineAndOtherSuitesStillResolve() {
    EngineDiscoveryResults results = discover(selectClass(YamlSuites.OneBrokenOneGood.class));

    assertThat(results.getDiscoveryIssues())
        .extracting(DiscoveryIssue::message)
        .containsExactly(
            "fixtures/suites/unknown-key.yaml:5: unknown key 'temprature' in variant 'challenger';"
                + " expected one of: api-key-env, base-url, headers, max-tokens, model, pricing,"
                + " prompt, provider, response-format, role, seed, stop, stream, temperature,"
                + " timeout, tool-choice, tools, top-p");
    assertThat(results.getDiscoveryIssues().get(0).source())
        .get()
        .extracting(s -> ((FileSource) s).getPosition().map(FilePosition::getLine).orElse(0))
        .isEqualTo(5);
    assertThat(ids(results.getEngineDescriptor()))
        .contains(
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.YamlSuites$OneBrokenOneGood]/[suite:fixtures%2Fsuites%2Funknown-key.yaml]/[definition:problem]",
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.YamlSuites$OneBrokenOneGood]/[suite:fixtures%2Fsuites%2Fgreetings.yaml]/[criterion:min-cases]");
  }

  @Test
  void aMissingSuiteFileNamesTheAnnotatedClass() {
    EngineDiscoveryResults results = discover(selectClass(YamlSuites.MissingFile.class));

    assertThat(results.getDiscoveryIssues())
        .extracting(DiscoveryIssue::message)
        .containsExactly(
            "suite file 'fixtures/suites/does-not-exist.yaml' named by @EvalSuite on"
                + " dev.evalgate.engine.fixtures.YamlSuites$MissingFile was not found on the"
                + " classpath or in the working directory");
  }

  @Test
  void yamlSuitesAreKeyedByTheirFileAndClaimsCarryTheirLine() {
    TestDescriptor engine = discover(selectClass(YamlSuites.Greetings.class)).getEngineDescriptor();

    TestDescriptor criterion =
        engine.getDescendants().stream()
            .filter(
                d ->
                    d.getUniqueId()
                        .toString()
                        .endsWith("[criterion:at-least(pass-all-rate)@challenger]"))
            .findFirst()
            .orElseThrow();
    assertThat(criterion.getDisplayName())
        .isEqualTo("at-least: { metric: pass-all-rate, limit: 50% } [challenger]");
    assertThat(criterion.getSource())
        .get()
        .extracting(s -> ((FileSource) s).getPosition().map(FilePosition::getLine).orElse(0))
        .isEqualTo(10);
  }

  @Test
  void selectingTheSuiteFileSelectsItsSuites() {
    TestDescriptor engine =
        discover(selectClasspathResource("fixtures/suites/greetings.yaml")).getEngineDescriptor();

    assertThat(ids(engine))
        .contains(
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.YamlSuites$Greetings]/[suite:fixtures%2Fsuites%2Fgreetings.yaml]/[criterion:min-cases]");
  }

  @Test
  void selectingADatasetLineSelectsThatCaseAlone() {
    TestDescriptor engine =
        discover(
                selectClasspathResource(
                    "fixtures/greetings.jsonl",
                    org.junit.platform.engine.discovery.FilePosition.from(4)))
            .getEngineDescriptor();

    assertThat(
            engine.getDescendants().stream()
                .filter(TestDescriptor::isTest)
                .map(d -> d.getUniqueId().toString()))
        .contains(
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.GreetingSuites$Polite]/[suite:greetings]/[case:g-3]")
        .allMatch(id -> id.endsWith("[case:g-3]"));
  }

  /** What an IDE's "run this line" sends: the source file under src/, at a line. */
  static final String SOURCE_DATASET = "src/test/resources/fixtures/greetings.jsonl";

  static int line(TestDescriptor descriptor) {
    return descriptor
        .getSource()
        .map(s -> ((FileSource) s).getPosition().map(FilePosition::getLine).orElse(0))
        .orElse(-1);
  }

  static java.io.File file(TestDescriptor descriptor) {
    return ((FileSource) descriptor.getSource().orElseThrow()).getFile();
  }

  static java.io.File source(String path) throws java.io.IOException {
    return java.nio.file.Path.of(path).toRealPath().toFile();
  }

  @Test
  void selectingTheSourceDatasetAtALineSelectsThatCaseAloneWithNoIssue() {
    EngineDiscoveryResults results =
        discover(
            selectFile(SOURCE_DATASET, org.junit.platform.engine.discovery.FilePosition.from(4)));

    assertThat(
            results.getEngineDescriptor().getDescendants().stream()
                .filter(TestDescriptor::isTest)
                .map(d -> d.getUniqueId().toString()))
        .contains(
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.GreetingSuites$Polite]/[suite:greetings]/[case:g-3]")
        .allMatch(id -> id.endsWith("[case:g-3]"));
    assertThat(results.getDiscoveryIssues()).isEmpty();
  }

  @Test
  void theSelectedSourceLineRunsThatOneCase() {
    var events =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.ALLURE_ENABLED, "false")
            .configurationParameter(Constants.OUTPUT_DIR, "target/evalgate-discovery-test")
            .selectors(
                selectFile(
                    SOURCE_DATASET, org.junit.platform.engine.discovery.FilePosition.from(2)))
            .filters(
                (org.junit.platform.engine.Filter<?>)
                    org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns(
                        ".*GreetingSuites\\$Polite"))
            .execute()
            .testEvents();

    assertThat(events.started().list())
        .extracting(e -> e.getTestDescriptor().getDisplayName())
        .containsExactly("case g-2");
    events.assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void aCaseTestPointsAtItsRowInTheSourceFileAndSoDoTheDatasetAndCriteriaTests() throws Exception {
    TestDescriptor engine =
        discover(
                selectFile(
                    SOURCE_DATASET, org.junit.platform.engine.discovery.FilePosition.from(5)),
                selectClass(YamlSuites.Greetings.class))
            .getEngineDescriptor();

    TestDescriptor caseTest =
        engine.getDescendants().stream()
            .filter(d -> d.getUniqueId().toString().endsWith("[case:g-4]"))
            .findFirst()
            .orElseThrow();
    assertThat(file(caseTest)).isEqualTo(source(SOURCE_DATASET));
    assertThat(line(caseTest)).isEqualTo(5);
    TestDescriptor datasetTest =
        engine.getDescendants().stream()
            .filter(d -> d.getUniqueId().toString().endsWith("greetings.yaml]/[dataset:rows]"))
            .findFirst()
            .orElseThrow();
    assertThat(file(datasetTest)).isEqualTo(source(SOURCE_DATASET));
    TestDescriptor criterion =
        engine.getDescendants().stream()
            .filter(
                d ->
                    d.getUniqueId()
                        .toString()
                        .endsWith("[criterion:at-least(pass-all-rate)@challenger]"))
            .findFirst()
            .orElseThrow();
    assertThat(file(criterion))
        .isEqualTo(source("src/test/resources/fixtures/suites/greetings.yaml"));
    assertThat(line(criterion)).isEqualTo(10);
  }

  @Test
  void aCaseSelectedByItsUniqueIdAloneStillPointsAtItsRow() throws Exception {
    TestDescriptor selected =
        discover(
                selectFile(
                    SOURCE_DATASET, org.junit.platform.engine.discovery.FilePosition.from(4)))
            .getEngineDescriptor()
            .getDescendants()
            .stream()
            .filter(TestDescriptor::isTest)
            .findFirst()
            .orElseThrow();

    TestDescriptor again =
        discover(selectUniqueId(selected.getUniqueId()))
            .getEngineDescriptor()
            .getDescendants()
            .stream()
            .filter(TestDescriptor::isTest)
            .findFirst()
            .orElseThrow();

    assertThat(again.getUniqueId()).isEqualTo(selected.getUniqueId());
    assertThat(file(again)).isEqualTo(source(SOURCE_DATASET));
    assertThat(line(again)).isEqualTo(4);
  }

  @Test
  void selectingTheSourceSuiteFileSelectsItsSuites() {
    TestDescriptor engine =
        discover(selectFile("src/test/resources/fixtures/suites/greetings.yaml"))
            .getEngineDescriptor();

    assertThat(ids(engine))
        .contains(
            "[engine:evalgate]/[class:dev.evalgate.engine.fixtures.YamlSuites$Greetings]/[suite:fixtures%2Fsuites%2Fgreetings.yaml]/[criterion:min-cases]");
  }

  @Test
  void theBuildCopyAtALineStillSelectsItsCase() throws Exception {
    java.nio.file.Path copy =
        java.nio.file.Path.of(
            GreetingSuites.class.getResource("/fixtures/greetings.jsonl").toURI());

    TestDescriptor engine =
        discover(
                selectFile(
                    copy.toString(), org.junit.platform.engine.discovery.FilePosition.from(4)))
            .getEngineDescriptor();

    assertThat(
            engine.getDescendants().stream()
                .filter(TestDescriptor::isTest)
                .map(d -> d.getUniqueId().toString()))
        .isNotEmpty()
        .allMatch(id -> id.endsWith("[case:g-3]"));
  }

  @Test
  void aSelectedFileThatNoSuiteReadsIsAWarningNamingIt() {
    EngineDiscoveryResults results =
        discover(selectFile("src/test/resources/fixtures/prompts/support-v3.yaml"));

    assertThat(results.getEngineDescriptor().getDescendants()).isEmpty();
    assertThat(results.getDiscoveryIssues())
        .extracting(DiscoveryIssue::severity, DiscoveryIssue::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                DiscoveryIssue.Severity.WARNING,
                "src/test/resources/fixtures/prompts/support-v3.yaml: no @EvalSuite suite reads"
                    + " this file (as its suite file or its dataset); nothing was selected from"
                    + " it"));
  }

  @Test
  void aSelectedLineWhereNoCaseStartsIsAWarningAndSelectsNothing() {
    EngineDiscoveryResults results =
        discover(
            selectFile(
                "src/test/resources/fixtures/greetings.csv",
                org.junit.platform.engine.discovery.FilePosition.from(1)));

    assertThat(
            results.getEngineDescriptor().getDescendants().stream().filter(TestDescriptor::isTest))
        .isEmpty();
    assertThat(results.getDiscoveryIssues())
        .extracting(DiscoveryIssue::message)
        .containsExactly(
            "src/test/resources/fixtures/greetings.csv:1: no case of suite 'csv-greetings' starts"
                + " at or before this line; nothing was selected from it");
    assertThat(results.getDiscoveryIssues().get(0).source())
        .get()
        .extracting(s -> ((FileSource) s).getPosition().map(FilePosition::getLine).orElse(0))
        .isEqualTo(1);
  }

  @Test
  void anInvalidConfigurationValueIsADiscoveryWarningNamingTheKey() {
    EngineDiscoveryResults results =
        EngineTestKit.engine(Constants.ENGINE_ID)
            .configurationParameter(Constants.CONCURRENCY, "0")
            .selectors(selectClass(GreetingSuites.Polite.class))
            .discover();

    assertThat(results.getDiscoveryIssues())
        .extracting(DiscoveryIssue::severity, DiscoveryIssue::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                DiscoveryIssue.Severity.WARNING,
                "Invalid value '0' for configuration parameter 'evalgate.concurrency': expected a"
                    + " whole number from 1 to 4096; using the default '16'."));
  }

  @Test
  void aClasspathRootSelectsEverySuiteClassInIt() throws Exception {
    java.nio.file.Path root =
        java.nio.file.Path.of(
            GreetingSuites.class.getProtectionDomain().getCodeSource().getLocation().toURI());

    TestDescriptor engine =
        discover(
                org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots(
                        java.util.Set.of(root))
                    .toArray(new DiscoverySelector[0]))
            .getEngineDescriptor();

    assertThat(engine.getChildren())
        .extracting(TestDescriptor::getDisplayName)
        .contains("Polite", "Rude", "BrokenRows", "Greetings", "OneBrokenOneGood", "Drill");
  }
}
