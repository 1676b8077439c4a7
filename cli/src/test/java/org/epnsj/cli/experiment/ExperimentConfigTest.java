package org.epnsj.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.epnsj.api.training.TrainingStrategy;
import org.junit.jupiter.api.Test;

class ExperimentConfigTest {

    @Test
    void everyShippedExperimentLoadsAndHasAQuickVariant() throws Exception {
        for (String name : ExperimentConfig.NAMES) {
            ExperimentConfig c = ExperimentConfig.named(name);
            assertThat(c.name()).isEqualTo(name);
            assertThat(c.budget()).doesNotContain("TBD");
            assertThat(c.studies()).extracting(ExperimentConfig.Study::domain).contains("nbody", "cellular");
            ExperimentConfig q = c.quickVariant();
            assertThat(q.studies()).allSatisfy(s -> assertThat(s.preset()).isEqualTo("tiny"));
            assertThat(q.epochsOverride(true)).isEqualTo(1);
        }
        assertThat(ExperimentConfig.named("main-comparison").studies().get(0).seeds()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aDomainFilterKeepsOnlyThoseStudies() throws Exception {
        ExperimentConfig c = ExperimentConfig.named("main-comparison").onlyDomains(List.of("cellular"));
        assertThat(c.studies()).extracting(ExperimentConfig.Study::domain).containsExactly("cellular");
        assertThatThrownBy(() -> c.onlyDomains(List.of("nbody"))).hasMessageContaining("has no study of [nbody]");
    }

    @Test
    void badFilesAreNamedProblems() {
        assertThatThrownBy(() -> ExperimentConfig.named("nope")).hasMessageContaining("no experiment 'nope'")
                .hasMessageContaining("main-comparison");
        String noSeeds = "{\"name\":\"x\",\"studies\":[{\"domain\":\"nbody\",\"preset\":\"cpu\",\"seeds\":[],"
                + "\"arms\":[{\"label\":\"A\",\"model\":\"epns\"}]}]}";
        assertThatThrownBy(() -> ExperimentConfig.parse(new StringReader(noSeeds), "x.json"))
                .hasMessageContaining("needs at least one training seed");
        String badTraining = "{\"name\":\"x\",\"studies\":[{\"domain\":\"nbody\",\"preset\":\"cpu\",\"seeds\":[1],"
                + "\"arms\":[{\"label\":\"A\",\"model\":\"epns\",\"training\":\"two-step\"}]}]}";
        assertThatThrownBy(() -> ExperimentConfig.parse(new StringReader(badTraining), "x.json"))
                .hasMessageContaining("unknown training 'two-step'");
        assertThatThrownBy(() -> ExperimentConfig.parse(new StringReader("{\"name\": 3"), "x.json"))
                .hasMessageContaining("x.json is not a valid experiment");
    }

    @Test
    void planSharesTheFullSizeAndKeysEveryDifference() {
        ExperimentConfig.Study study = new ExperimentConfig.Study("nbody", "cpu", 1, List.of(1L, 2L),
                List.of(25, 80, 100), List.of(new ExperimentConfig.Arm("E", "epns", null),
                        new ExperimentConfig.Arm("E1", "epns", "one-step")), List.of(), List.of(), null, null);
        List<RunSpec> runs = ExperimentRunner.plan(study, null, 80);
        // 80 and 100 both mean the whole split of 80: one configuration, planned once.
        assertThat(runs).hasSize(8);
        assertThat(runs.stream().map(RunSpec::key).distinct()).hasSize(8);
        assertThat(runs.get(0).key()).isEqualTo("nbody-cpu-d1-epns-n25-s1");
        assertThat(runs.get(1).key()).isEqualTo("nbody-cpu-d1-epns-onestep-n25-s1");
        assertThat(runs.get(2).key()).isEqualTo("nbody-cpu-d1-epns-nall-s1");
        assertThat(runs.get(4).key()).isEqualTo("nbody-cpu-d1-epns-n25-s2");
        assertThat(runs.get(1).strategy()).isEqualTo(TrainingStrategy.ONE_STEP);
        assertThat(new RunSpec("cellular", "tiny", 1, "pns", null, 4, 2, 1).dataKey())
                .isEqualTo("cellular-tiny-d1-train4");
    }
}
