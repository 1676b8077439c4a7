package org.epnsj.domain.nbody.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import org.epnsj.api.model.ApproximatePosterior;
import org.epnsj.api.model.ConditionalPrior;
import org.epnsj.api.model.Decoder;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.ForwardModel;
import org.epnsj.api.model.LatentLayout;
import org.epnsj.api.model.Transformation;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.nn.Dense;
import org.epnsj.runtime.nn.Mlp;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.ops.Ops;

/**
 * The PNS baseline with multi-layer perceptrons (spec §3.6): the whole system is one flat vector,
 * so the model has no symmetry and works for one body count only. One global latent; the output
 * head and the mean update are those of {@link PnsGnnModel}.
 */
public final class PnsMlpModel extends NBodyModel {

    private final int bodies;
    private final double positionStep;
    private final Dense encoder;
    private final Dense[] processor;
    private final Dense[] priorNet;
    private final GaussianHead priorHead;
    private final Dense[] posteriorNet;
    private final GaussianHead posteriorHead;
    private final Dense[] decoderNet;
    private final Mlp meanHead;
    private final Mlp sigmaHead;

    /**
     * @param bodies the fixed number of bodies
     * @param positionStep the coefficient of v' in the position update (see {@link PnsGnnModel})
     */
    public PnsMlpModel(String name, ModelContext context, NBodyModelSize size, int bodies, double positionStep) {
        super(name, new ParameterSet(context.manager(), context.dataType(), context.seed()));
        int w = size.width();
        int flat = 7 * bodies;
        this.bodies = bodies;
        this.positionStep = positionStep;
        this.encoder = new Dense(params, "encoder", flat, w);
        this.processor = stack("processor", size.processorLayers(), w, w);
        this.priorNet = stack("prior.net", size.latentLayers(), bodies + w, w);
        this.priorHead = new GaussianHead(params, "prior.head", w, size.latent());
        this.posteriorNet = stack("posterior.net", size.latentLayers(), bodies + w + 6 * bodies, w);
        this.posteriorHead = new GaussianHead(params, "posterior.head", w, size.latent());
        this.decoderNet = stack("decoder.net", size.decoderLayers(), bodies + w + size.latent(), w);
        this.meanHead = new Mlp(params, "decoder.mean", w, w, flat);
        this.sigmaHead = new Mlp(params, "decoder.sigma", w, w, flat);
        components(ForwardModel.of(Transformation.NONE, this::hidden),
                ConditionalPrior.of(Transformation.NONE, LatentLayout.GLOBAL, this::priorOf),
                ApproximatePosterior.of(Transformation.NONE, this::posteriorOf),
                Decoder.of(Transformation.NONE, this::decode));
    }

    private Dense[] stack(String name, int layers, int in, int width) {
        Dense[] out = new Dense[layers];
        for (int l = 0; l < layers; l++) {
            out[l] = new Dense(params, name + "." + l, l == 0 ? in : width, width);
        }
        return out;
    }

    /** Linear then ReLU in every layer. */
    private static NDArray apply(Dense[] layers, NDArray x) {
        NDArray y = x;
        for (Dense d : layers) {
            y = Activation.relu(d.forward(y));
        }
        return y;
    }

    private static NDArray cat(NDArray... parts) {
        return NDArrays.concat(new NDList(parts), -1);
    }

    private NDArray checked(NDArray state) {
        NDArray s = scaled(state);
        if (s.getShape().get(1) != bodies) {
            throw new IllegalArgumentException("this MLP model was built for " + bodies + " bodies, got a state of shape "
                    + state.getShape());
        }
        return s;
    }

    private static NDArray flat(NDArray perBody) {
        return perBody.reshape(perBody.getShape().get(0), -1);
    }

    private NDList hidden(NDArray state, boolean training) {
        NDArray s = checked(state);
        NDArray e = encoder.forward(flat(s));
        NDArray h = e.add(apply(processor, e));
        return new NDList(cat(flat(mass(s)), h), e, state);
    }

    private Distribution priorOf(NDList h, boolean training) {
        return priorHead.forward(apply(priorNet, h.get(0)));
    }

    private Distribution posteriorOf(NDList h, NDArray target, boolean training) {
        NDArray t = checked(target);
        return posteriorHead.forward(apply(posteriorNet, cat(h.get(0), flat(dynamics(t)))));
    }

    private Distribution decode(NDList h, NDArray z, boolean training) {
        NDArray state = h.get(2);
        NDArray s = scaled(state);
        NDArray d = apply(decoderNet, cat(h.get(0), z));
        NDArray embedding = Activation.relu(h.get(1).add(d));
        NDArray out = meanHead.forward(embedding).reshape(s.getShape());
        NDArray v = velocities(s).add(velocities(out));
        NDArray x = positions(s).add(positions(out)).add(Ops.mul(v, positionStep));
        NDArray sigma = GaussianHead.positive(dynamics(sigmaHead.forward(embedding).reshape(s.getShape())));
        return new BodyNormal(mass(state), new Normal(Ops.mul(cat(x, v), SCALE), sigma));
    }

}
