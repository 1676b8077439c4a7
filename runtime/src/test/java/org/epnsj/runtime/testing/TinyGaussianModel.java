package org.epnsj.runtime.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import org.epnsj.api.model.ApproximatePosterior;
import org.epnsj.api.model.ConditionalPrior;
import org.epnsj.api.model.Decoder;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.ForwardModel;
import org.epnsj.api.model.LatentLayout;
import org.epnsj.api.model.Transformation;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.nn.Dense;
import org.epnsj.runtime.nn.Mlp;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.nn.ParameterizedTransitionModel;

/** A small non-equivariant conditional VAE on (B, 2) states with a global latent, for runtime tests. */
public final class TinyGaussianModel extends ParameterizedTransitionModel {

    private final Mlp forwardNet;
    private final Dense priorHead;
    private final Mlp posteriorNet;
    private final Mlp decoderNet;

    /** Builds the model; the same seed gives the same parameters on every engine. */
    public TinyGaussianModel(NDManager manager, DataType dataType, long seed) {
        super("tiny", new ParameterSet(manager, dataType, seed));
        forwardNet = new Mlp(params, "forward", 2, 8);
        priorHead = new Dense(params, "prior", 8, 6);
        posteriorNet = new Mlp(params, "posterior", 10, 8, 6);
        decoderNet = new Mlp(params, "decoder", 11, 8, 4);
        components(ForwardModel.of(Transformation.NONE, this::hidden),
                ConditionalPrior.of(Transformation.NONE, LatentLayout.GLOBAL, this::priorOf),
                ApproximatePosterior.of(Transformation.NONE, this::posteriorOf),
                Decoder.of(Transformation.NONE, this::decode));
    }

    private static NDArray sigma(NDArray raw) {
        return Activation.softPlus(raw).add(1e-5);
    }

    private NDList hidden(NDArray state, boolean training) {
        return new NDList(forwardNet.forward(state), state);
    }

    private Distribution priorOf(NDList h, boolean training) {
        NDArray c = priorHead.forward(h.get(0));
        return new Normal(c.get(":, 0:3"), sigma(c.get(":, 3:6")));
    }

    private Distribution posteriorOf(NDList h, NDArray target, boolean training) {
        NDArray c = posteriorNet.forward(h.get(0).concat(target, -1));
        return new Normal(c.get(":, 0:3"), sigma(c.get(":, 3:6")));
    }

    private Distribution decode(NDList h, NDArray z, boolean training) {
        NDArray c = decoderNet.forward(NDArrays.concat(new NDList(h.get(0), z), -1));
        return new Normal(h.get(1).add(c.get(":, 0:2")), sigma(c.get(":, 2:4")));
    }
}
