package org.epnsj.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.TrajectoryCodec;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.group.SymmetryKind;
import org.epnsj.api.group.TrivialAction;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.state.StateSchema;
import org.epnsj.api.training.AdamSettings;
import org.epnsj.api.training.KlAnnealing;
import org.epnsj.api.training.MultiStepSchedule;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.api.training.TrainingStrategy;
import org.junit.jupiter.api.Test;

/** A model's description: the builder's defaults, its validation, and the domain methods derived from it. */
class ModelDescriptionTest {

    /** The one-element group, enough for actions. */
    private static final Group<String> TRIVIAL = new Group<>() {
        @Override public String id() { return "trivial"; }
        @Override public String identity() { return "e"; }
        @Override public String compose(String a, String b) { return "e"; }
        @Override public String inverse(String g) { return "e"; }
        @Override public String sample(RandomGenerator rng) { return "e"; }
        @Override public List<String> testingElements() { return List.of("e"); }
        @Override public double distance(String a, String b) { return 0; }
    };

    private static TrainingConfig config(int epochs) {
        return new TrainingConfig(epochs, 4, 1, 1, new AdamSettings(1e-3, 0, 0.9, 0.999, 1e-8),
                KlAnnealing.LINEAR_OVER_RUN, 0.0, TrainingStrategy.ONE_STEP, MultiStepSchedule.PAPER, Readout.MEAN,
                Readout.MEAN, 1L);
    }

    /** A domain with two models whose factories record what they were asked for. */
    private static final class TwoModelDomain implements DomainProvider {
        final List<String> built = new ArrayList<>();
        final List<ModelDescription> descriptions = List.of(
                ModelDescription.builder("first", (preset, context) -> record("first", preset))
                        .description("the default model").trainingConfig(p -> config(p.equals("tiny") ? 2 : 20)).build(),
                ModelDescription.builder("second", (preset, context) -> record("second", preset))
                        .description("a baseline").noSymmetry().trainingConfig(p -> config(7)).build());

        private TransitionModel record(String model, String preset) {
            built.add(model + "@" + preset);
            return null;
        }

        @Override public String id() { return "two-models"; }
        @Override public String version() { return "0"; }
        @Override public String description() { return "test domain"; }
        @Override public String symmetryId() { return "trivial"; }
        @Override public StateSchema schema() { throw new UnsupportedOperationException(); }
        @Override public GroupAction<?> stateAction() { return new TrivialAction<>(TRIVIAL, "state"); }
        @Override public List<String> presets() { return List.of("tiny", "cpu"); }
        @Override public DatasetPreset datasetPreset(String preset) { throw new UnsupportedOperationException(); }
        @Override public GroundTruthSimulator simulator(String preset) { throw new UnsupportedOperationException(); }
        @Override public TrajectoryCodec codec() { throw new UnsupportedOperationException(); }
        @Override public List<ModelDescription> modelDescriptions() { return descriptions; }
        @Override public DomainEvaluator evaluator() { throw new UnsupportedOperationException(); }
    }

    @Test
    void theBuilderDefaultsToEveryKindTheArchitecturesLatentRuleAndNoHiddenActions() {
        ModelDescription d = ModelDescription.builder("m", (p, c) -> null).description("a model")
                .trainingConfig(p -> config(1)).build();
        assertThat(d.symmetries()).containsExactlyInAnyOrder(SymmetryKind.values());
        assertThat(d.latentAction()).isEmpty();
        assertThat(d.hiddenActions()).isEmpty();
        assertThat(d.name()).isEqualTo("m");
        assertThat(d.description()).isEqualTo("a model");
    }

    @Test
    void whatTheBuilderIsGivenIsWhatTheDescriptionHolds() {
        GroupAction<String> latent = new TrivialAction<>(TRIVIAL, "latent");
        GroupAction<String> hidden = new TrivialAction<>(TRIVIAL, "h");
        ModelDescription d = ModelDescription.builder("m", (p, c) -> null).description("a model")
                .symmetries(EnumSet.of(SymmetryKind.PERMUTATIONS)).latentAction(latent).hiddenActions(List.of(hidden))
                .trainingConfig(p -> config(3)).build();
        assertThat(d.symmetries()).containsExactly(SymmetryKind.PERMUTATIONS);
        assertThat(d.latentAction()).containsSame(latent);
        assertThat(d.hiddenActions()).hasValueSatisfying(l -> assertThat(l).containsExactly(hidden));
        assertThat(d.trainingConfig().apply("any").epochs()).isEqualTo(3);
    }

    @Test
    void theClaimedKindsAreACopyThatCannotChange() {
        Set<SymmetryKind> kinds = EnumSet.of(SymmetryKind.ROTATIONS);
        ModelDescription d = new ModelDescription("m", "a model", (p, c) -> null, kinds, Optional.empty(),
                Optional.empty(), p -> config(1));
        kinds.add(SymmetryKind.PARITY);
        assertThat(d.symmetries()).containsExactly(SymmetryKind.ROTATIONS);
        assertThatThrownBy(() -> d.symmetries().add(SymmetryKind.PARITY))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void missingOrBlankFieldsAreNamedWithTheModel() {
        assertThatThrownBy(() -> ModelDescription.builder(" ", (p, c) -> null).description("x")
                .trainingConfig(p -> config(1)).build()).hasMessage("name must not be blank, got ' '");
        assertThatThrownBy(() -> ModelDescription.builder("m", (p, c) -> null).trainingConfig(p -> config(1)).build())
                .hasMessage("description of model 'm' must be one non-blank line, got 'null'");
        assertThatThrownBy(() -> ModelDescription.builder("m", (p, c) -> null).description("two\nlines")
                .trainingConfig(p -> config(1)).build()).hasMessageContaining("must be one non-blank line");
        assertThatThrownBy(() -> ModelDescription.builder("m", (p, c) -> null).description("x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trainingConfig of model 'm' must be given, got null");
        assertThatThrownBy(() -> ModelDescription.builder("m", null).description("x").trainingConfig(p -> config(1))
                .build()).hasMessage("factory of model 'm' must be given, got null");
    }

    @Test
    void theDomainsModelMethodsComeFromTheDescriptions() {
        TwoModelDomain domain = new TwoModelDomain();
        assertThat(domain.models()).containsExactly("first", "second");
        assertThat(domain.modelDescription("second").symmetries()).isEmpty();
        domain.createModel("second", "cpu", null);
        domain.createModel("first", "tiny", null);
        assertThat(domain.built).containsExactly("second@cpu", "first@tiny");
        assertThat(domain.trainingConfig("first", "tiny").epochs()).isEqualTo(2);
        assertThat(domain.trainingConfig("first", "cpu").epochs()).isEqualTo(20);
        assertThat(domain.trainingConfig("second", "tiny").epochs()).isEqualTo(7);
    }

    @Test
    void unknownModelsAndPresetsFailInOneLineNamingTheKnownOnes() {
        TwoModelDomain domain = new TwoModelDomain();
        assertThatThrownBy(() -> domain.createModel("third", "tiny", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("domain 'two-models' has no model 'third'; models: [first, second]");
        assertThatThrownBy(() -> domain.trainingConfig("third", "tiny"))
                .hasMessage("domain 'two-models' has no model 'third'; models: [first, second]");
        assertThatThrownBy(() -> domain.createModel("first", "paper", null))
                .hasMessage("domain 'two-models' has no preset 'paper'; presets: [tiny, cpu]");
        assertThatThrownBy(() -> domain.trainingConfig("second", "huge"))
                .hasMessage("domain 'two-models' has no preset 'huge'; presets: [tiny, cpu]");
        assertThat(domain.built).as("nothing is built for an unknown preset").isEmpty();
    }
}
