package org.epnsj.runtime.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import org.epnsj.api.model.ApproximatePosterior;
import org.epnsj.api.model.ConditionalPrior;
import org.epnsj.api.model.Decoder;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.ForwardModel;
import org.epnsj.api.model.NoiseSource;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.TransitionModel;

/** A {@link TransitionModel} whose parameters live in one {@link ParameterSet}. */
public abstract class ParameterizedTransitionModel implements TransitionModel {

    private final String name;

    /** The model's parameters; subclasses create their layers in it. */
    protected final ParameterSet params;

    /** Creates the model with an empty parameter set. */
    protected ParameterizedTransitionModel(String name, ParameterSet params) {
        this.name = name;
        this.params = params;
    }

    private ForwardModel forwardModel;
    private ConditionalPrior prior;
    private ApproximatePosterior posterior;
    private Decoder decoder;

    /**
     * Sets the four components; subclasses call it at the end of their constructor, once their
     * layers exist, typically with the components' {@code of} factories over private methods
     * ({@code ConditionalPrior.of(Transformation.EQUIVARIANT, LatentLayout.PER_NODE, this::priorOf)}).
     */
    protected final void components(ForwardModel forwardModel, ConditionalPrior prior, ApproximatePosterior posterior,
            Decoder decoder) {
        this.forwardModel = forwardModel;
        this.prior = prior;
        this.posterior = posterior;
        this.decoder = decoder;
    }

    private static <T> T wired(T component, String what) {
        if (component == null) {
            throw new IllegalStateException("the model's " + what + " is not set: call components(...) in the constructor");
        }
        return component;
    }

    @Override
    public ForwardModel forwardModel() {
        return wired(forwardModel, "forward model");
    }

    @Override
    public ConditionalPrior prior() {
        return wired(prior, "prior");
    }

    @Override
    public ApproximatePosterior posterior() {
        return wired(posterior, "posterior");
    }

    @Override
    public Decoder decoder() {
        return wired(decoder, "decoder");
    }

    /**
     * The next state is the prediction's mean (MEAN), its mode (MODE) or a draw (SAMPLE), without
     * gradient: right for models whose prediction is the whole next state. Models with derived
     * channels (cell types from ids) override it.
     */
    @Override
    public NDArray readout(NDArray current, Distribution prediction, Readout readout, NoiseSource noise) {
        return switch (readout) {
            case MEAN -> prediction.mean().stopGradient();
            case MODE -> prediction.mode().stopGradient();
            case SAMPLE -> prediction.sample(noise);
        };
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Map<String, NDArray> parameters() {
        return params.asMap();
    }

    @Override
    public final DataType dataType() {
        return params.dataType();
    }
}
