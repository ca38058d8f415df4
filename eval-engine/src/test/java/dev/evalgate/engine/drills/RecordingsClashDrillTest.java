package dev.evalgate.engine.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.evalgate.engine.config.Constants;
import dev.evalgate.engine.fixtures.DrillServer;
import dev.evalgate.engine.fixtures.HttpSuites;
import dev.evalgate.engine.recording.RecordingOwner;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Drill: two suites of one name that record into one recordings folder from test JVMs (or modules)
 * that cannot see each other. The first to record names the folder's suite; the other stops before
 * any call, naming both and what to change.
 */
class RecordingsClashDrillTest {
  @TempDir Path dir;

  EngineExecutionResults run(Class<?> suite, String mode, String url) {
    return EngineTestKit.engine(Constants.ENGINE_ID)
        .configurationParameter(Constants.RECORDING_MODE, mode)
        .configurationParameter(Constants.RECORDING_DIR, dir.resolve("rec").toString())
        .configurationParameter("evalgate.variant.control.base-url", url)
        .configurationParameter("evalgate.variant.challenger.base-url", url)
        .configurationParameter(Constants.OUTPUT_DIR, dir.resolve("out").toString())
        .configurationParameter(Constants.ALLURE_ENABLED, "false")
        .selectors(selectClass(suite))
        .execute();
  }

  @Test
  void aSecondSuiteOfTheNameStopsBeforeRecordingIntoTheFirstOnesFolder() throws Exception {
    Path folder = dir.resolve("rec").resolve("drill");
    String first = "@SuiteDefinition method " + HttpSuites.Drill.class.getName() + ".drill()";
    String second = "@SuiteDefinition method " + HttpSuites.DrillTwin.class.getName() + ".drill()";
    System.setProperty(
        "drill.dataset", DrillServer.dataset(dir.resolve("d.jsonl"), "c", 6).toString());
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(DrillServer.answers());
      server.start();
      String url = server.url("/v1").toString();

      EngineExecutionResults recorded = run(HttpSuites.Drill.class, "record", url);
      int calls = server.getRequestCount();
      String control = Files.readString(folder.resolve("control.jsonl"));
      EngineExecutionResults clashing = run(HttpSuites.DrillTwin.class, "refresh", url);

      recorded
          .testEvents()
          .assertThatEvents()
          .haveExactly(1, event(test("gate:"), finishedSuccessfully()));
      assertThat(calls).as("the first suite recorded its answers").isPositive();
      assertThat(Files.readString(folder.resolve(RecordingOwner.FILE))).isEqualTo(first + "\n");
      clashing
          .testEvents()
          .assertThatEvents()
          .haveExactly(
              1,
              event(
                  test("recordings:files"),
                  finishedWithFailure(
                      message(
                          folder
                              + " holds the recordings of suite 'drill' of "
                              + first
                              + " (its .suite file names it), and suite 'drill' of "
                              + second
                              + " would record into it too, so each one's record and refresh runs"
                              + " would add to and replace answers in the other's files; nothing"
                              + " was called or recorded. Give each suite its own name (its suite:"
                              + " line, or SuiteSpec.named); if this suite is that one renamed or"
                              + " moved, delete "
                              + folder.resolve(RecordingOwner.FILE)
                              + " and run again"))));
      assertThat(server.getRequestCount()).as("no call of the second suite").isEqualTo(calls);
      assertThat(Files.readString(folder.resolve("control.jsonl"))).isEqualTo(control);

      // a replay records nothing, so it reads the folder as before; and once the folder's file is
      // gone (the suite renamed), the second suite records and names the folder its own
      run(HttpSuites.DrillTwin.class, "replay", url)
          .testEvents()
          .assertThatEvents()
          .haveExactly(1, event(test("gate:"), finishedSuccessfully()));
      Files.delete(folder.resolve(RecordingOwner.FILE));
      run(HttpSuites.DrillTwin.class, "record", url)
          .testEvents()
          .assertThatEvents()
          .haveExactly(1, event(test("gate:"), finishedSuccessfully()));
      assertThat(Files.readString(folder.resolve(RecordingOwner.FILE))).isEqualTo(second + "\n");
    } finally {
      System.clearProperty("drill.dataset");
    }
  }
}
