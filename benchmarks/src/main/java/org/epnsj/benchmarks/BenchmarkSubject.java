package org.epnsj.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.training.TrainingConfig;

/**
 * What a benchmark measures, named {@code domain/model/preset}: the domain found on the class path, the
 * model's training configuration and freshly simulated training trajectories.
 */
record BenchmarkSubject(DomainProvider domain, String model, String preset) {

    /** Parses {@code domain/model/preset}; an unknown domain or a malformed name is one clear error. */
    static BenchmarkSubject parse(String subject) {
        String[] parts = subject.split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("subject must be domain/model/preset, got '" + subject + "'");
        }
        DomainProvider domain = ServiceLoader.load(DomainProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d.id().equals(parts[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no domain '" + parts[0] + "' on the class path"));
        return new BenchmarkSubject(domain, parts[1], parts[2]);
    }

    TrainingConfig trainingConfig() {
        return domain.trainingConfig(model, preset);
    }

    TransitionModel createModel(ModelContext context) {
        return domain.createModel(model, preset, context);
    }

    /** {@code count} trajectories of {@code frames} frames from the preset's simulator, each from its own start. */
    List<Trajectory> simulate(int count, int frames, SplittableRandom rng) {
        var simulator = domain.simulator(preset);
        List<Trajectory> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(simulator.simulate(simulator.initialState(rng), frames, rng));
        }
        return out;
    }
}
