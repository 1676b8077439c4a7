package org.epnsj.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.DataType;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.OptionalBinder;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.TrajectoryCodec;
import org.epnsj.api.group.Group;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.spi.DomainEvaluator;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.ModelDescription;
import org.epnsj.api.spi.NoParameters;
import org.epnsj.api.spi.SymmetryProvider;
import org.epnsj.api.state.StateSchema;
import org.epnsj.runtime.app.EpnsRuntime;
import org.epnsj.runtime.engine.DeviceKind;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

    /** A trivial group for registry tests. */
    enum Trivial implements Group<String> {
        GROUP;

        @Override
        public String id() {
            return "trivial";
        }

        @Override
        public String identity() {
            return "e";
        }

        @Override
        public String compose(String a, String b) {
            return "e";
        }

        @Override
        public String inverse(String g) {
            return "e";
        }

        @Override
        public String sample(RandomGenerator rng) {
            return "e";
        }

        @Override
        public List<String> testingElements() {
            return List.of("e");
        }

        @Override
        public double distance(String a, String b) {
            return 0;
        }
    }

    static class FirstTrivial implements SymmetryProvider<NoParameters> {
        @Override
        public String id() {
            return "trivial";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public String description() {
            return "the trivial group";
        }

        @Override
        public Class<NoParameters> parametersType() {
            return NoParameters.class;
        }

        @Override
        public NoParameters defaultParameters() {
            return NoParameters.INSTANCE;
        }

        @Override
        public Group<?> group(NoParameters parameters) {
            return Trivial.GROUP;
        }
    }

    static class SecondTrivial extends FirstTrivial {}

    /** A domain on the trivial group offering the given models; only what the registry reads works. */
    record ModelsOnly(List<String> names) implements DomainProvider {
        @Override public String id() { return "models-only"; }
        @Override public String version() { return "1"; }
        @Override public String description() { return "a domain of named models"; }
        @Override public String symmetryId() { return "trivial"; }
        @Override public StateSchema schema() { throw new UnsupportedOperationException(); }
        @Override public GroupAction<?> stateAction() { throw new UnsupportedOperationException(); }
        @Override public List<String> presets() { return List.of("tiny"); }
        @Override public DatasetPreset datasetPreset(String preset) { throw new UnsupportedOperationException(); }
        @Override public GroundTruthSimulator simulator(String preset) { throw new UnsupportedOperationException(); }
        @Override public TrajectoryCodec codec() { throw new UnsupportedOperationException(); }
        @Override public DomainEvaluator evaluator() { throw new UnsupportedOperationException(); }

        @Override
        public List<ModelDescription> modelDescriptions() {
            return names.stream().map(n -> ModelDescription.builder(n, (preset, context) -> {
                throw new UnsupportedOperationException();
            }).description("model " + n).trainingConfig(preset -> {
                throw new UnsupportedOperationException();
            }).build()).toList();
        }
    }

    @Test
    void aDomainWithoutModelsOrWithTwoOfOneNameFailsAtStartUp() {
        assertThat(new PluginRegistry(List.of(new FirstTrivial()), List.of(new ModelsOnly(List.of("a", "b"))))
                .domain("models-only").models()).containsExactly("a", "b");
        assertThatThrownBy(() -> new PluginRegistry(List.of(new FirstTrivial()), List.of(new ModelsOnly(List.of()))))
                .isInstanceOf(PluginConfigurationException.class)
                .hasMessage("domain 'models-only' (" + ModelsOnly.class.getName() + ") describes no model");
        assertThatThrownBy(() -> new PluginRegistry(List.of(new FirstTrivial()),
                List.of(new ModelsOnly(List.of("a", "b", "a"))))).isInstanceOf(PluginConfigurationException.class)
                .hasMessage("domain 'models-only' (" + ModelsOnly.class.getName() + ") describes model 'a' twice; "
                        + "models: [a, b, a]");
    }

    @Test
    void duplicateIdsFailNamingBothClasses() {
        assertThatThrownBy(() -> new PluginRegistry(List.of(new FirstTrivial(), new SecondTrivial()), List.of()))
                .isInstanceOf(PluginConfigurationException.class)
                .hasMessageContaining("duplicate symmetry id 'trivial'")
                .hasMessageContaining(FirstTrivial.class.getName())
                .hasMessageContaining(SecondTrivial.class.getName());
    }

    @Test
    void unknownIdsListTheKnownOnes() {
        PluginRegistry registry = new PluginRegistry(List.of(new FirstTrivial()), List.<DomainProvider>of());
        assertThatThrownBy(() -> registry.symmetry("e3")).isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("unknown symmetry 'e3'").hasMessageContaining("[trivial]");
        assertThatThrownBy(() -> registry.domain("nbody")).hasMessageContaining("known domains: []");
    }

    @Test
    void invalidIdsAreRejected() {
        SymmetryProvider<?> bad = new FirstTrivial() {
            @Override
            public String id() {
                return "Has Spaces";
            }
        };
        assertThatThrownBy(() -> new PluginRegistry(List.of(bad), List.of())).hasMessageContaining("invalid id 'Has Spaces'");
    }

    @Test
    void guiceBindsPluginsByIdAndSettingsCanBeOverridden() {
        PluginRegistry registry = new PluginRegistry(List.of(new FirstTrivial()), List.of());
        Injector defaults = Guice.createInjector(new EpnsModule(registry));
        Map<String, SymmetryProvider<?>> bound = defaults.getInstance(Key.get(new TypeLiteral<Map<String, SymmetryProvider<?>>>() {}));
        assertThat(bound).containsOnlyKeys("trivial");
        assertThat(defaults.getInstance(EpnsRuntime.class).settings().dataType()).isEqualTo(DataType.FLOAT32);

        RuntimeSettings custom = new RuntimeSettings("pytorch", DeviceKind.CPU, DataType.FLOAT64);
        Injector overridden = Guice.createInjector(new EpnsModule(registry), new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), RuntimeSettings.class).setBinding().toInstance(custom);
            }
        });
        assertThat(overridden.getInstance(EpnsRuntime.class).settings()).isEqualTo(custom);
        assertThat(overridden.getInstance(EpnsRuntime.class).settings().engine()).isEqualTo("PyTorch");
    }
}
