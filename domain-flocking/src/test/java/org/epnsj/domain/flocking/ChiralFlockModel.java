package org.epnsj.domain.flocking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import org.epnsj.api.model.ApproximatePosterior;
import org.epnsj.api.model.ConditionalPrior;
import org.epnsj.api.model.Decoder;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.ForwardModel;
import org.epnsj.api.model.NoiseSource;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.Transformation;
import org.epnsj.api.model.TransitionModel;

/**
 * A deliberately broken flocking model for the negative control: the EPNS model with a chiral drift
 * added to each predicted velocity, ε s_i v_i with s_i = v_i × (c − x_i) the 2-D cross product of the
 * velocity with the offset to the centroid c. s_i is unchanged by rotations and translations but
 * changes sign under a reflection, so the model still commutes with every proper motion and
 * permutation and fails only on mirrors: it favours turning one way round the flock.
 */
final class ChiralFlockModel implements TransitionModel {

    static final double EPSILON = 0.1;

    private final TransitionModel inner;
    private final Decoder decoder;

    /** Wraps an EPNS flocking model, whose h ends with the state. */
    ChiralFlockModel(TransitionModel inner) {
        this.inner = inner;
        this.decoder = Decoder.of(Transformation.EQUIVARIANT, this::decode);
    }

    private Distribution decode(NDList h, NDArray z, boolean training) {
        Distribution d = inner.decoder().decode(h, z, training);
        NDArray state = h.get(h.size() - 1);
        NDArray x = state.get(new NDIndex("..., 0:2"));
        NDArray v = state.get(new NDIndex("..., 2:4"));
        NDArray offset = x.mean(new int[] {1}, true).sub(x);
        NDArray cross = v.get(new NDIndex("..., 0:1")).mul(offset.get(new NDIndex("..., 1:2")))
                .sub(v.get(new NDIndex("..., 1:2")).mul(offset.get(new NDIndex("..., 0:1"))));
        NDArray drift = x.zerosLike().concat(cross.mul(v).mul(EPSILON), -1);
        return new Shifted(d, drift);
    }

    /** A distribution moved by a fixed shift: the same density around a shifted mean. */
    private record Shifted(Distribution inner, NDArray shift) implements Distribution {
        @Override public NDArray mean() { return inner.mean().add(shift); }
        @Override public NDArray mode() { return inner.mode().add(shift); }
        @Override public NDArray sample(NoiseSource noise) { return inner.sample(noise).add(shift); }
        @Override public NDArray rsample(NoiseSource noise) { return inner.rsample(noise).add(shift); }
        @Override public NDArray logProb(NDArray value) { return inner.logProb(value.sub(shift)); }
        @Override public NDArray kl(Distribution other) { return inner.kl(other); }
    }

    @Override
    public String name() {
        return "chiral";
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
        return decoder;
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
