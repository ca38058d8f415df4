package dev.evalgate.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefusalModelTest {
  @TempDir
  Path dir;

  private static RefusalModel parse(String text) throws Exception {
    return RefusalModel.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "m.tsv");
  }

  private static String allWeights(double weight) {
    StringBuilder text = new StringBuilder("# comment\n");
    RefusalFeatures.NAMES.forEach(name -> text.append(name).append('\t').append(weight).append('\n'));
    return text.toString();
  }

  @Test
  void theShippedModelHasAWeightForEveryFeatureAndNamesItsTrainingCommand() throws Exception {
    String shipped = new String(RefusalModel.class.getResourceAsStream("/dev/evalgate/checks/refusal/en-model.tsv").readAllBytes(),
        StandardCharsets.UTF_8);

    assertThat(RefusalModel.forLanguage("en")).isNotNull();
    assertThat(shipped).contains("benchmarks/train-refusal.sh");
  }

  @Test
  void theScoreIsTheLogisticOfTheWeightedFeatures() throws Exception {
    RefusalModel model = parse(allWeights(0.5));
    double[] features = new double[RefusalFeatures.NAMES.size()];
    features[0] = 1;
    features[1] = 1;

    assertThat(model.score(features)).isEqualTo(1 / (1 + Math.exp(-1.0)));
  }

  @Test
  void aModelFileWithAnUnknownFeatureAMissingOneOrABadNumberIsNamedByLine() {
    assertThatThrownBy(() -> parse("bias\t1\nnonsense\t2\n")).isInstanceOf(CheckSpecException.class)
        .hasMessageStartingWith("m.tsv:2: expected FEATURE<TAB>WEIGHT with a feature of [bias, ");
    assertThatThrownBy(() -> parse("bias\t1\n")).isInstanceOf(CheckSpecException.class)
        .hasMessage("m.tsv: feature 'disclaimer_open' has no weight");
    assertThatThrownBy(() -> parse("bias\tone\n")).isInstanceOf(CheckSpecException.class)
        .hasMessage("m.tsv:1: the weight must be a number, but was \"one\"");
    assertThatThrownBy(() -> parse("bias\t1\nbias\t2\n")).isInstanceOf(CheckSpecException.class)
        .hasMessage("m.tsv:2: feature 'bias' has a second weight");
  }

  /** Synthetic examples: the label follows feature 1; training recovers that and is byte-for-byte reproducible. */
  @Test
  void trainingIsDeterministicAndLearnsTheSignal() throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    List<RefusalModelTraining.Example> examples = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double[] features = new double[RefusalFeatures.NAMES.size()];
      features[0] = 1;
      boolean refusal = random.nextBoolean();
      features[3] = refusal != (random.nextInt(10) == 0) ? 1 : 0; // the label, flipped one time in ten
      features[16] = random.nextDouble();
      examples.add(new RefusalModelTraining.Example(i % 2 == 0 ? "a" : "b", refusal,
          List.of(new RefusalClassifier.VoiceFeatures(features, 20, false, true))));
    }
    double[] first = RefusalModelTraining.fit(examples);
    double[] second = RefusalModelTraining.fit(examples);
    RefusalModelTraining.write(dir.resolve("one.tsv"), first, examples);
    RefusalModelTraining.write(dir.resolve("two.tsv"), second, examples);

    assertThat(Files.readAllBytes(dir.resolve("one.tsv"))).isEqualTo(Files.readAllBytes(dir.resolve("two.tsv")));
    assertThat(first[3]).isGreaterThan(1.0);
    assertThat(RefusalModel.parse(Files.newInputStream(dir.resolve("one.tsv")), "one.tsv").score(examples.get(0).voices().get(0).features()))
        .isBetween(0.0, 1.0);
  }
}
