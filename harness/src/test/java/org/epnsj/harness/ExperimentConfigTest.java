package org.epnsj.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import java.io.StringReader;
import java.util.List;
import org.epnsj.api.metric.Metric;
import org.epnsj.api.training.TrainingStrategy;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.plugin.EpnsModule;
import org.epnsj.runtime.plugin.PluginRegistry;
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

    /**
     * Every figure a shipped experiment asks for is a built-in kind or names figures its domain's evaluator
     * declares, and the table's patterns each select a declared metric: renaming a metric or figure in a
     * domain breaks this test, not a report.
     */
    @Test
    void everyShippedFigureAndTableEntryNamesSomethingTheDomainDeclares() throws Exception {
        PluginRegistry plugins = Guice.createInjector(new EpnsModule()).getInstance(EpnsRuntime.class).plugins();
        for (String name : ExperimentConfig.NAMES) {
            for (ExperimentConfig.Study study : ExperimentConfig.named(name).studies()) {
                List<Metric> declared = plugins.domain(study.domain()).evaluator().metrics();
                List<String> figures = declared.stream().map(Metric::figure).filter(java.util.Objects::nonNull).toList();
                for (String figure : study.figureNames()) {
                    assertThat(FigureKind.named(figure).isPresent()
                            || figures.stream().anyMatch(f -> ExperimentConfig.matches(figure, f)))
                            .as("%s, %s: figure '%s' among %s", name, study.domain(), figure, figures).isTrue();
                }
                for (String pattern : study.tableMetrics()) {
                    // name@* and name.last select the steps and the curve's end of a declared metric.
                    String base = pattern.replaceAll("@\\*$", "").replaceAll("\\.last$", "");
                    assertThat(declared.stream().anyMatch(m -> ExperimentConfig.matches(base, m.name())
                            || (m.isFamily() && !base.contains("*") && m.matches(base))))
                            .as("%s, %s: table entry '%s'", name, study.domain(), pattern).isTrue();
                }
            }
        }
        assertThat(ExperimentConfig.matches("ks-*", "ks-kskineticenergystatistic")).isTrue();
        assertThat(ExperimentConfig.matches("ks-*", "energy")).isFalse();
        assertThat(ExperimentConfig.matches("msd", "msd")).isTrue();
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
        String badFigure = "{\"name\":\"x\",\"studies\":[{\"domain\":\"nbody\",\"preset\":\"cpu\",\"seeds\":[1],"
                + "\"arms\":[{\"label\":\"A\",\"model\":\"epns\"}],\"figures\":[\"KS over time\"]}]}";
        assertThatThrownBy(() -> ExperimentConfig.parse(new StringReader(badFigure), "x.json"))
                .hasMessageContaining("figure 'KS over time' is neither one of [data-efficiency, cell-frames, swarm-frames, training]");
    }

    @Test
    void figureNamesOfEarlierResultsStandForTheDeclaredFigures() {
        ExperimentConfig.Study earlier = new ExperimentConfig.Study("cellular", "cpu", 1, List.of(1L), null,
                List.of(new ExperimentConfig.Arm("PNS", "pns", null)), List.of(),
                List.of("ks-vs-time", "energy-bands", "stability", "msd-vs-step", "cell-frames", "training"));
        assertThat(earlier.figureNames()).containsExactly("ks-*", "energy", "stability", "msd", "cell-frames", "training");
        assertThat(earlier.draws(FigureKind.CELL_FRAMES)).isTrue();
        assertThat(earlier.draws(FigureKind.DATA_EFFICIENCY)).isFalse();
    }

    @Test
    void planSharesTheFullSizeAndKeysEveryDifference() {
        ExperimentConfig.Study study = new ExperimentConfig.Study("nbody", "cpu", 1, List.of(1L, 2L),
                List.of(25, 80, 100), List.of(new ExperimentConfig.Arm("E", "epns", null),
                        new ExperimentConfig.Arm("E1", "epns", "one-step")), List.of(), List.of());
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
