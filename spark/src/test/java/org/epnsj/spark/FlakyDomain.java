package org.epnsj.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.epnsj.api.data.DatasetPreset;
import org.epnsj.api.data.GroundTruthSimulator;
import org.epnsj.api.data.Trajectory;
import org.epnsj.api.data.TrajectoryCodec;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.spi.DomainEvaluator;
import org.epnsj.api.spi.DomainProvider;
import org.epnsj.api.spi.ModelDescription;
import org.epnsj.api.state.StateSchema;
import org.epnsj.examples.lineargaussian.LinearGaussianDomain;

/**
 * The linear-Gaussian domain with a codec that, while {@link #failuresLeft} is positive, writes half of
 * {@code train/000001}'s bytes and then throws: a task that dies mid-write.
 */
public final class FlakyDomain implements DomainProvider {

    static final String ID = "flaky-linear-gaussian";
    /** Writes of train/000001 still to fail. */
    static final AtomicInteger failuresLeft = new AtomicInteger();
    /** Writes that failed. */
    static final AtomicInteger failures = new AtomicInteger();

    private final LinearGaussianDomain delegate = new LinearGaussianDomain();

    @Override public String id() { return ID; }
    @Override public String version() { return delegate.version(); }
    @Override public String description() { return "linear-gaussian whose codec fails on demand (tests)"; }
    @Override public String symmetryId() { return delegate.symmetryId(); }
    @Override public StateSchema schema() { return delegate.schema(); }
    @Override public GroupAction<?> stateAction() { return delegate.stateAction(); }
    @Override public List<String> presets() { return delegate.presets(); }
    @Override public DatasetPreset datasetPreset(String preset) { return delegate.datasetPreset(preset); }
    @Override public GroundTruthSimulator simulator(String preset) { return delegate.simulator(preset); }
    @Override public List<ModelDescription> modelDescriptions() { return delegate.modelDescriptions(); }
    @Override public DomainEvaluator evaluator() { return delegate.evaluator(); }

    @Override
    public TrajectoryCodec codec() {
        TrajectoryCodec real = delegate.codec();
        return new TrajectoryCodec() {
            @Override
            public String fileExtension() {
                return real.fileExtension();
            }

            @Override
            public Trajectory read(Path file) throws IOException {
                return real.read(file);
            }

            @Override
            public void write(Path file, Trajectory trajectory) throws IOException {
                boolean target = file.getParent().getFileName().toString().equals("train")
                        && file.getFileName().toString().contains("000001");
                if (target && failuresLeft.getAndDecrement() > 0) {
                    Path whole = Files.createTempFile("flaky", real.fileExtension());
                    real.write(whole, trajectory);
                    byte[] bytes = Files.readAllBytes(whole);
                    Files.delete(whole);
                    try (OutputStream out = Files.newOutputStream(file)) {
                        out.write(bytes, 0, bytes.length / 2);
                    }
                    failures.incrementAndGet();
                    throw new IOException("injected failure while writing " + file);
                }
                real.write(file, trajectory);
            }
        };
    }
}
