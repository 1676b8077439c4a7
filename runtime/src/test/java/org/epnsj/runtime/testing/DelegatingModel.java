package org.epnsj.runtime.testing;

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

/**
 * A model that hands every abstract method to another one (the interface's default methods stay the
 * interface's): tests override the one component they change.
 */
public class DelegatingModel implements TransitionModel {

    protected final TransitionModel inner;

    public DelegatingModel(TransitionModel inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public ForwardModel forwardModel() {
        return inner.forwardModel();
    }

    @Override
    public ConditionalPrior prior() {
        return inner.prior();
    }

    @Override
    public ApproximatePosterior posterior() {
        return inner.posterior();
    }

    @Override
    public Decoder decoder() {
        return inner.decoder();
    }

    @Override
    public Map<String, NDArray> parameters() {
        return inner.parameters();
    }

    @Override
    public DataType dataType() {
        return inner.dataType();
    }

    @Override
    public NDArray readout(NDArray current, Distribution prediction, Readout readout, NoiseSource noise) {
        return inner.readout(current, prediction, readout, noise);
    }
}
