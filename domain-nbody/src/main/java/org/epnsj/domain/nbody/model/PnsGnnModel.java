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
 * The PNS baseline with an ordinary graph network (spec §3.5): the nodes see absolute positions
 * and velocities, so the model is permutation-equivariant but neither rotation- nor
 * translation-equivariant. Per-body latents; a per-coordinate (anisotropic) σ; the mean updates
 * v' = v + Δv and x' = x + Δx + v'·dt with the model step dt (in the scaled units).
 */
public final class PnsGnnModel extends NBodyModel {

    private final double positionStep;
    private final Dense encoder;
    private final GraphNetwork processor;
    private final GraphNetwork priorNet;
    private final GaussianHead priorHead;
    private final GraphNetwork posteriorNet;
    private final GaussianHead posteriorHead;
    private final GraphNetwork decoderNet;
    private final Mlp meanHead;
    private final Mlp sigmaHead;

    /**
     * @param positionStep the coefficient of v' in the position update: k / 100 for a stride of k
     *     frames (0.1 at k = 10), as the reference
     */
    public PnsGnnModel(String name, ModelContext context, NBodyModelSize size, double positionStep) {
        super(name, new ParameterSet(context.manager(), context.dataType(), context.seed()));
        int w = size.width();
        this.positionStep = positionStep;
        this.encoder = new Dense(params, "encoder", 7, w);
        this.processor = new GraphNetwork(params, "processor", size.processorLayers(), w, 2, w);
        this.priorNet = new GraphNetwork(params, "prior.net", size.latentLayers(), 1 + w, 2, w);
        this.priorHead = new GaussianHead(params, "prior.head", w, size.latent());
        this.posteriorNet = new GraphNetwork(params, "posterior.net", size.latentLayers(), 1 + w + 6, 4, w);
        this.posteriorHead = new GaussianHead(params, "posterior.head", w, size.latent());
        this.decoderNet = new GraphNetwork(params, "decoder.net", size.decoderLayers(), 1 + w + size.latent(), 2, w);
        this.meanHead = new Mlp(params, "decoder.mean", w, w, 7);
        this.sigmaHead = new Mlp(params, "decoder.sigma", w, w, 7);
        components(ForwardModel.of(Transformation.EQUIVARIANT, this::hidden),
                ConditionalPrior.of(Transformation.EQUIVARIANT, LatentLayout.PER_NODE, this::priorOf),
                ApproximatePosterior.of(Transformation.EQUIVARIANT, this::posteriorOf),
                Decoder.of(Transformation.EQUIVARIANT, this::decode));
    }

    private static NDArray cat(NDArray... parts) {
        return NDArrays.concat(new NDList(parts), -1);
    }

    private NDList hidden(NDArray state, boolean training) {
        NDArray s = scaled(state);
        NDArray e = encoder.forward(s);
        NDArray h = e.add(processor.forward(e, BodyGeometry.edges(1, BodyGeometry.of(state))));
        return new NDList(cat(mass(s), h), e, state);
    }

    private Distribution priorOf(NDList h, boolean training) {
        return priorHead.forward(priorNet.forward(h.get(0), BodyGeometry.edges(1, BodyGeometry.of(h.get(2)))));
    }

    private Distribution posteriorOf(NDList h, NDArray target, boolean training) {
        NDArray t = scaled(target);
        NDArray edges = BodyGeometry.edges(1, BodyGeometry.of(h.get(2)), BodyGeometry.of(target));
        return posteriorHead.forward(posteriorNet.forward(cat(h.get(0), dynamics(t)), edges));
    }

    private Distribution decode(NDList h, NDArray z, boolean training) {
        NDArray state = h.get(2);
        NDArray s = scaled(state);
        NDArray d = decoderNet.forward(cat(h.get(0), z), BodyGeometry.edges(1, BodyGeometry.of(state)));
        NDArray embedding = Activation.relu(h.get(1).add(d));
        NDArray out = meanHead.forward(embedding);
        NDArray v = velocities(s).add(velocities(out));
        NDArray x = positions(s).add(positions(out)).add(Ops.mul(v, positionStep));
        NDArray sigma = GaussianHead.positive(dynamics(sigmaHead.forward(embedding)));
        return new BodyNormal(mass(state), new Normal(Ops.mul(cat(x, v), SCALE), sigma));
    }

}
