package org.epnsj.runtime.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.FloatTrajectory;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.SplitSpec;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.data.TrajectoryCodec;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.spi.DomainEvaluator;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.ModelDescription;
import org.epnsj.api.state.StateSchema;

/** A test domain: a Gaussian random walk in R^2, frames of shape (2). */
class RandomWalkDomain implements DomainProvider {

    static final double STEP = 0.1;

    /** How many simulators were created: one per worker thread plus one for the parameters. */
    final AtomicInteger simulatorsCreated = new AtomicInteger();

    /** Makes simulate fail for this many frames (to test failures), or -1. */
    volatile int failForFrames = -1;

    String version = "1.0";

    @Override
    public String id() {
        return "walk";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String description() {
        return "random walk in R^2";
    }

    @Override
    public String symmetryId() {
        return "none";
    }

    @Override
    public List<String> presets() {
        return List.of("tiny");
    }

    @Override
    public DatasetPreset datasetPreset(String preset) {
        Map<String, SplitSpec> splits = new LinkedHashMap<>();
        splits.put("train", new SplitSpec(5, 4, false));
        splits.put("val", new SplitSpec(2, 3, false));
        splits.put("test_same_init", new SplitSpec(4, 5, true));
        splits.put("test_long", new SplitSpec(1, 9, false));
        splits.put("empty", new SplitSpec(0, 2, true));
        return new DatasetPreset(preset, splits);
    }

    @Override
    public GroundTruthSimulator simulator(String preset) {
        simulatorsCreated.incrementAndGet();
        return new GroundTruthSimulator() {
            @Override
            public DoubleTensor initialState(RandomGenerator rng) {
                return new DoubleTensor(new long[] {2}, new double[] {rng.nextGaussian(), rng.nextGaussian()});
            }

            @Override
            public Trajectory simulate(DoubleTensor initial, int frames, RandomGenerator rng) {
                if (frames == failForFrames) {
                    throw new IllegalArgumentException("cannot walk " + frames + " steps");
                }
                float[] data = new float[frames * 2];
                double x = initial.data()[0];
                double y = initial.data()[1];
                initial.data()[0] = 1e9; // a careless simulator writing into its input
                for (int t = 0; t < frames; t++) {
                    data[2 * t] = (float) x;
                    data[2 * t + 1] = (float) y;
                    x += STEP * rng.nextGaussian();
                    y += STEP * rng.nextGaussian();
                }
                return new FloatTrajectory(new long[] {2}, frames, data);
            }

            @Override
            public Map<String, Object> parameters() {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("stepStd", STEP);
                p.put("dimensions", 2);
                p.put("boundary", "none");
                p.put("scales", List.of(1, 2.5));
                return p;
            }
        };
    }

    @Override
    public TrajectoryCodec codec() {
        return NpyTrajectoryCodec.timeMajor(2);
    }

    @Override
    public StateSchema schema() {
        throw new UnsupportedOperationException();
    }

    @Override
    public GroupAction<?> stateAction() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ModelDescription> modelDescriptions() {
        return List.of();
    }

    @Override
    public DomainEvaluator evaluator() {
        throw new UnsupportedOperationException();
    }
}
