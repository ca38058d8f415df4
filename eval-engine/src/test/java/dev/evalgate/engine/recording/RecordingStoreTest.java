package dev.evalgate.engine.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalgate.api.ModelResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingStoreTest {
  @TempDir Path root;

  private static Recording rec(String variant, String key, String content) {
    return Recording.of(key, "case-" + key, variant, "m", 0, ModelResponse.ofText(content));
  }

  private static String line(Recording recording) {
    return new String(RecordingLines.write(recording), StandardCharsets.UTF_8);
  }

  private Path folder() {
    return root.resolve("suite");
  }

  private List<String> folderNames() throws IOException {
    try (Stream<Path> list = Files.list(folder())) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void everyRecordingIsFoundAcrossTheSparseIndexAndAbsentKeysAreNot() throws IOException {
    List<String> keys = new ArrayList<>();
    try (RecordingStore store = RecordingStore.open(root, "suite")) {
      for (int i = 0; i < 1000; i++) {
        String key = String.format("k%05d", i * 2 + 1);
        keys.add(key);
        store.put(rec(i % 2 == 0 ? "control" : "challenger", key, "answer " + i));
      }
    }
    assertThat(folderNames()).containsExactly(".lock", "challenger.jsonl", "control.jsonl");
    try (RecordingStore store = RecordingStore.open(root, "suite")) {
      assertThat(store.size()).isEqualTo(1000);
      for (int i = 0; i < keys.size(); i++) {
        String variant = i % 2 == 0 ? "control" : "challenger";
        assertThat(store.get(variant, keys.get(i)))
            .as(keys.get(i))
            .isNotNull()
            .extracting(Recording::content)
            .isEqualTo("answer " + i);
        assertThat(store.get(i % 2 == 0 ? "challenger" : "control", keys.get(i)))
            .as("other variant")
            .isNull();
      }
      for (String absent : List.of("k00000", "k00002", "k01000", "k99999", "a", "z")) {
        assertThat(store.get("control", absent)).as(absent).isNull();
        assertThat(store.get("challenger", absent)).as(absent).isNull();
      }
      assertThat(store.get("nobody", "k00001")).isNull();
    }
  }

  @Test
  void theFilesAreSortedByKeyAndHoldExactlyTheRecordedLines() throws IOException {
    Map<String, String> expected = new TreeMap<>();
    Random random = new Random(7);
    try (RecordingStore store = RecordingStore.open(root, "suite")) {
      for (int i = 0; i < 300; i++) {
        String key = Long.toHexString(random.nextLong());
        Recording recording = rec("control", key, "text \"quoted\" é " + i);
        store.put(recording);
        expected.put(key, line(recording));
      }
    }
    assertThat(Files.readAllLines(folder().resolve("control.jsonl")))
        .containsExactlyElementsOf(expected.values());
  }

  @Test
  void aRunSeesWhatItHasJustRecordedAndTheLatestRecordingWins() throws IOException {
    try (RecordingStore store = RecordingStore.open(root, "suite")) {
      assertThat(store.get("control", "k1")).isNull();
      store.put(rec("control", "k1", "first"));
      store.put(rec("control", "k2", "other"));
      assertThat(store.get("control", "k1").content()).isEqualTo("first");
      store.put(rec("control", "k1", "second"));
      assertThat(store.get("control", "k1").content()).isEqualTo("second");
      assertThat(store.get("challenger", "k1")).isNull();
    }
    try (RecordingStore store = RecordingStore.open(root, "suite")) {
      store.put(rec("control", "k1", "third"));
      assertThat(store.get("control", "k1").content()).isEqualTo("third");
      assertThat(store.get("control", "k2").content()).isEqualTo("other");
    }
    try (RecordingStore store = RecordingStore.open(root, "suite")) {
      assertThat(store.get("control", "k1").content()).isEqualTo("third");
      assertThat(store.size()).isEqualTo(2);
    }
  }

  @Test
  void aMergeLargerThanItsMemoryChunkSpillsSortedRunsAndGivesTheSameFile() throws IOException {
    Files.createDirectories(folder());
    TreeMap<String, String> expected = new TreeMap<>();
    List<String> base = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Recording recording = rec("control", String.format("k%04d", i * 3), "old " + i);
      base.add(line(recording));
      expected.put(recording.key(), line(recording));
    }
    Files.write(folder().resolve("control.jsonl"), base);
    Path journal = folder().resolve("999999999-1.journal");
    List<String> journalLines = new ArrayList<>();
    Random random = new Random(11);
    for (int i = 0; i < 800; i++) {
      String variant = random.nextBoolean() ? "control" : "challenger";
      Recording recording = rec(variant, String.format("k%04d", random.nextInt(1200)), "new " + i);
      journalLines.add(line(recording));
      if (variant.equals("control")) {
        expected.put(recording.key(), line(recording));
      }
    }
    Files.write(journal, journalLines);

    new RecordingMerger(folder(), 2_000).merge(List.of(journal));

    assertThat(Files.readAllLines(folder().resolve("control.jsonl")))
        .containsExactlyElementsOf(expected.values());
    List<String> challenger = Files.readAllLines(folder().resolve("challenger.jsonl"));
    assertThat(challenger)
        .isSortedAccordingTo(
            (a, b) ->
                RecordingLines.fastKey(a.getBytes(), 0, a.length())
                    .compareTo(RecordingLines.fastKey(b.getBytes(), 0, b.length())));
    assertThat(folderNames())
        .as("no run file or journal left")
        .containsExactly("challenger.jsonl", "control.jsonl");
  }

  @Test
  void aCrashedRunsJournalIsFoldedInWhenTheNextRunOpensAndATornLastLineIsSkipped()
      throws IOException {
    Files.createDirectories(folder());
    String whole = line(rec("control", "k1", "paid for"));
    Files.writeString(
        folder().resolve("999999999-1.journal"), whole + "\n" + whole.substring(0, 30));
    try (RecordingStore store = RecordingStore.open(root, "suite")) {
      assertThat(store.get("control", "k1").content()).isEqualTo("paid for");
      assertThat(folderNames()).containsExactly(".lock", "control.jsonl");
    }
    assertThat(Files.readAllLines(folder().resolve("control.jsonl"))).containsExactly(whole);
  }

  @Test
  void aCorruptLineInsideAJournalIsNamedWithItsLine() throws IOException {
    Files.createDirectories(folder());
    String whole = line(rec("control", "k1", "paid for"));
    Path journal = folder().resolve("999999999-1.journal");
    Files.writeString(journal, whole + "\n{\"key\":\n" + whole + "\n");
    assertThatThrownBy(() -> RecordingStore.open(root, "suite"))
        .isInstanceOf(RecordingException.class)
        .hasMessageContaining(journal + ":2: corrupt recording (");
    assertThat(journal).as("nothing is lost").exists();
  }

  @Test
  void aFileEditedOutOfOrderIsStillReadAndIsSortedByTheNextMerge() throws IOException {
    Files.createDirectories(folder());
    Recording b = rec("control", "kb", "b");
    Recording a = rec("control", "ka", "a");
    Recording b2 = rec("control", "kb", "b again");
    Files.writeString(
        folder().resolve("control.jsonl"), line(b) + "\r\n\n" + line(a) + "\n" + line(b2));
    try (RecordingStore store = RecordingStore.open(root, "suite")) {
      assertThat(store.get("control", "ka").content()).isEqualTo("a");
      assertThat(store.get("control", "kb").content())
          .as("the later line wins")
          .isEqualTo("b again");
      store.put(rec("control", "kc", "c"));
    }
    assertThat(Files.readAllLines(folder().resolve("control.jsonl")))
        .containsExactly(line(a), line(b2), line(rec("control", "kc", "c")));
  }

  @Test
  void aSortedFileWithWindowsLineBreaksAndBlankLinesIsReadAsWritten() throws IOException {
    Files.createDirectories(folder());
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      file.append(line(rec("control", String.format("k%03d", i * 2), "answer " + i)))
          .append(i % 5 == 0 ? "\r\n\r\n  \n" : "\r\n");
    }
    Files.writeString(folder().resolve("control.jsonl"), file.toString().stripTrailing());
    try (RecordingStore store = RecordingStore.open(root, "suite")) {
      for (int i = 0; i < 40; i++) {
        assertThat(store.get("control", String.format("k%03d", i * 2)))
            .as("k%03d", i * 2)
            .isNotNull()
            .extracting(Recording::content)
            .isEqualTo("answer " + i);
        assertThat(store.get("control", String.format("k%03d", i * 2 + 1))).isNull();
      }
    }
  }

  @Test
  void aCorruptLineDeepInAVariantFileIsNamedWhenTheStoreOpens() throws IOException {
    Files.createDirectories(folder());
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      lines.add(line(rec("control", String.format("k%03d", i), "x")));
    }
    lines.set(70, lines.get(70).replace("\"repeat\":0", "\"repeat\":\"zero\""));
    Files.write(folder().resolve("control.jsonl"), lines);
    assertThatThrownBy(() -> RecordingStore.open(root, "suite"))
        .isInstanceOf(RecordingException.class)
        .hasMessage(
            folder().resolve("control.jsonl")
                + ":71: corrupt recording (field 'repeat' is missing or of the wrong type);"
                + " expected one JSON object per line with key, case, variant, content and usage;"
                + " delete the line, or the file, and record again");
  }

  @Test
  void aJournalLineDamagedDuringTheRunIsNamedWithItsLine() throws IOException {
    RecordingStore store = RecordingStore.open(root, "suite");
    store.put(rec("control", "k1", "one"));
    store.put(rec("control", "k2", "two"));
    store.put(rec("control", "k3", "three"));
    Path journal;
    try (Stream<Path> list = Files.list(folder())) {
      journal = list.filter(p -> p.toString().endsWith(".journal")).findFirst().orElseThrow();
    }
    // same length, so the other lines stay where the index says they are
    String text = Files.readString(journal);
    Files.writeString(journal, text.replace("\"content\":\"two\"", "\"content\":\"tw\\\""));
    assertThat(Files.size(journal)).isEqualTo(text.length());

    assertThat(store.get("control", "k3").content()).isEqualTo("three");
    assertThatThrownBy(() -> store.get("control", "k2"))
        .isInstanceOf(RecordingException.class)
        .hasMessageStartingWith(journal + ":2: corrupt recording (");
    assertThatThrownBy(store::close)
        .as("the damaged journal is refused, not merged")
        .hasMessageContaining(journal + ":2: corrupt recording (");
    assertThat(journal).as("nothing is lost").exists();
  }

  @Test
  void aJournalHashFindsOnlyItsOwnVariantAndKey() {
    assertThat(Journal.hash("control", "k1"))
        .isNotEqualTo(Journal.hash("challenger", "k1"))
        .isNotEqualTo(Journal.hash("control", "k2"))
        .isNotZero();
    assertThat(Journal.hash("ab", "c")).isNotEqualTo(Journal.hash("a", "bc"));
  }
}
