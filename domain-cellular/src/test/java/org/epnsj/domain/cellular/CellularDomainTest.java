package org.epnsj.domain.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ServiceLoader;
import org.epnsj.api.group.TrivialAction;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.group.SymmetryKind;
import org.epnsj.api.model.Readout;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.training.FreeBitsGrouping;
import org.epnsj.api.training.TrainingConfig;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.nn.ParameterizedTransitionModel;
import org.epnsj.symmetry.p4.P4Group;
import org.junit.jupiter.api.Test;

class CellularDomainTest {

    private final CellularDomain domain = new CellularDomain();

    @Test
    void isFoundByTheServiceLoaderUnderItsId() {
        assertThat(ServiceLoader.load(DomainProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d.id().equals("cellular")).findFirst()).get().isInstanceOf(CellularDomain.class);
        assertThat(domain.symmetryId()).isEqualTo("p4");
        assertThat(domain.models()).containsExactly("epns", "epns-reference", "pns", "epns-global", "epns-oriented");
        assertThat(domain.presets()).containsExactly("tiny", "cpu", "paper");
    }

    @Test
    void presetsHaveTheDocumentedSplitsAndLattices() {
        DatasetPreset cpu = domain.datasetPreset("cpu");
        assertThat(cpu.splits()).containsOnlyKeys("train", "val", "test", "test_same_init");
        assertThat(cpu.splits().get("test_same_init").sharedInitialState()).isTrue();
        assertThat(cpu.splits().get("train").sharedInitialState()).isFalse();
        assertThat(domain.simulator("cpu").parameters()).containsEntry("size", 32).containsEntry("cells", 16);
        assertThat(domain.simulator("paper").parameters()).containsEntry("size", 100).containsEntry("cells", 64);
        P4Group cpuGroup = (P4Group) new CellularDomain("cpu").stateAction().group();
        assertThat(cpuGroup.size()).isEqualTo(32);
        assertThat(cpuGroup.labels()).isEqualTo(16);
        assertThat(((P4Group) domain.stateAction().group()).size()).as("default: the first preset, tiny").isEqualTo(16);
    }

    @Test
    void unknownPresetsAndModelsAreNamedInTheMessage() {
        assertThatThrownBy(() -> domain.datasetPreset("huge")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'huge'").hasMessageContaining("tiny");
        assertThatThrownBy(() -> domain.trainingConfig("unet", "cpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'unet'").hasMessageContaining("epns-reference");
        assertThatThrownBy(() -> new CellularDomain("medium")).hasMessageContaining("'medium'");
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            ModelContext c = new ModelContext(m, DataType.FLOAT32, 1);
            assertThatThrownBy(() -> domain.createModel("epns", "giant", c)).hasMessageContaining("'giant'");
            assertThatThrownBy(() -> domain.createModel("gnn", "tiny", c)).hasMessageContaining("'gnn'");
        }
    }

    @Test
    void claimsOnlyTheSymmetriesEachSettingBuildsIn() {
        assertThat(domain.modelDescription("epns").symmetries()).containsExactlyInAnyOrder(SymmetryKind.ROTATIONS,
                SymmetryKind.TRANSLATIONS, SymmetryKind.PERMUTATIONS);
        assertThat(domain.modelDescription("epns-reference").symmetries()).containsExactly(SymmetryKind.PERMUTATIONS);
        assertThat(domain.modelDescription("pns").symmetries()).isEmpty();
        assertThat(domain.modelDescription("epns-global").symmetries()).isEqualTo(domain.modelDescription("epns").symmetries());
        assertThat(domain.modelDescription("epns").latentAction()).get().isInstanceOf(NodeFieldAction.class);
        assertThat(domain.modelDescription("epns-global").latentAction()).get().isInstanceOf(TrivialAction.class);
        assertThat(domain.modelDescription("epns").hiddenActions()).hasValueSatisfying(h -> assertThat(h).hasSize(3));
        assertThat(domain.modelDescription("epns-global").hiddenActions()).hasValueSatisfying(h -> assertThat(h).hasSize(3));
        assertThat(domain.modelDescription("pns").latentAction()).isEmpty();
        assertThat(domain.modelDescription("epns-oriented").symmetries()).isEqualTo(domain.modelDescription("epns").symmetries());
        assertThat(domain.modelDescription("epns-oriented").latentAction()).get().isInstanceOf(NodeFieldAction.class);
    }

    @Test
    void trainingConfigsFollowTheSpec() {
        TrainingConfig epns = domain.trainingConfig("epns", "paper");
        assertThat(epns.epochs()).isEqualTo(180);
        assertThat(epns.batchSize()).isEqualTo(8);
        assertThat(epns.adam().beta2()).isEqualTo(0.9);
        assertThat(epns.adam().epsilon()).isEqualTo(1e-6);
        assertThat(epns.freeBits()).isEqualTo(0.1175);
        assertThat(epns.klAnnealing().beta(0, 180)).isCloseTo(64 / 22.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(epns.klAnnealing().beta(30, 180)).isEqualTo(64);
        assertThat(epns.trainingReadout()).isEqualTo(Readout.MODE);
        TrainingConfig pns = domain.trainingConfig("pns", "paper");
        assertThat(pns.adam().beta2()).isEqualTo(0.999);
        assertThat(pns.klAnnealing().betaMax()).isEqualTo(1);
        assertThat(pns.freeBits()).isEqualTo(0.1);
        TrainingConfig cpu = domain.trainingConfig("epns", "cpu");
        assertThat(cpu.epochs()).isLessThan(epns.epochs());
        assertThat(cpu.multiStep().rolloutLength(cpu.epochs() - 1, 46, 1)).as("multi-step reached").isGreaterThan(1);
        for (String preset : domain.presets()) {
            assertThat(domain.trainingConfig("epns-global", preset).withEpochs(1)).as(preset)
                    .usingRecursiveComparison().ignoringFields("klAnnealing")
                    .isEqualTo(domain.trainingConfig("epns", preset).withEpochs(1));
        }
    }

    /**
     * The reference's beta_max 64 multiplies KL / 65: every preset and both EPNS latents weigh a nat of
     * KL by 64 / 65, which at the paper preset is beta_max 64 again, and free bits pool over nodes for
     * per-cell latents only.
     */
    @Test
    void everyEpnsPresetWeighsANatOfKlAsTheReference() {
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            ModelContext c = new ModelContext(m, DataType.FLOAT32, 1);
            for (String preset : domain.presets()) {
                for (String model : new String[] {"epns", "epns-reference", "epns-global", "epns-oriented"}) {
                    var transition = domain.createModel(model, preset, c);
                    double perNat = domain.trainingConfig(model, preset).klAnnealing().betaMax() * transition.klScale();
                    assertThat(perNat).as(model + " at " + preset).isCloseTo(64.0 / 65.0, within(1e-12));
                    assertThat(transition.freeBitsGrouping()).as(model).isEqualTo(model.equals("epns-global")
                            ? FreeBitsGrouping.PER_ELEMENT : FreeBitsGrouping.PER_DIMENSION);
                }
            }
            assertThat(domain.trainingConfig("epns", "paper").klAnnealing().betaMax()).isEqualTo(64);
            assertThat(domain.trainingConfig("epns", "cpu").klAnnealing().betaMax()).isCloseTo(64.0 * 17 / 65, within(1e-12));
            var pns = domain.createModel("pns", "cpu", c);
            assertThat(domain.trainingConfig("pns", "cpu").klAnnealing().betaMax() * pns.klScale()).isEqualTo(1);
        }
    }

    /**
     * The EPNS settings differ only in padding and averaging, and the global latent only in where the
     * node vectors are pooled, so all three share every parameter. The oriented latent's four prior
     * and posterior heads give a quarter of the latent each: 3 (width + 1) latent fewer parameters.
     */
    @Test
    void epnsSettingsHaveTheSameParametersAndKnownCounts() {
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            ModelContext c = new ModelContext(m, DataType.FLOAT32, 1);
            for (String preset : domain.presets()) {
                long p4 = count(domain.createModel("epns", preset, c));
                assertThat(count(domain.createModel("epns-reference", preset, c))).as(preset).isEqualTo(p4);
                assertThat(count(domain.createModel("epns-global", preset, c))).as(preset).isEqualTo(p4);
                EpnsSize size = CellularPreset.named(preset).epns();
                assertThat(count(domain.createModel("epns-oriented", preset, c))).as(preset)
                        .isEqualTo(p4 - 3L * (size.width() + 1) * size.latent());
            }
            assertThat(count(domain.createModel("epns", "tiny", c))).isEqualTo(1_489);
            assertThat(count(domain.createModel("pns", "tiny", c))).isEqualTo(3_489);
            assertThat(count(domain.createModel("epns", "cpu", c))).isEqualTo(54_561);
            assertThat(count(domain.createModel("epns", "paper", c))).isEqualTo(1_975_041);
        }
    }

    private static long count(org.epnsj.api.model.TransitionModel model) {
        return ((ParameterizedTransitionModel) model).parameters().values().stream().mapToLong(a -> a.getShape().size())
                .sum();
    }
}
