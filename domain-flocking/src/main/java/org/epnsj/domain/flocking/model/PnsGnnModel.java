package org.epnsj.domain.flocking.model;

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
import org.epnsj.runtime.nn.Dense;
import org.epnsj.runtime.nn.Mlp;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.ops.Ops;

/**
 * The PNS baseline with an ordinary graph network, as the n-body PNS-GNN: the nodes see absolute
 * positions (divided by {@link #POSITION_SCALE}) and velocities, the pairs the same invariants as
 * EPNS, so the model is permutation-equivariant but neither rotation-, reflection- nor
 * translation-equivariant. Per-particle latents; the mean update of {@link FlockModel} with Δx and Δv
 * read off the node features in absolute coordinates; the same distribution family as EPNS (a
 * {@link HeadingFrameNormal} with four scales per particle), so that the two differ in their symmetry
 * and not in their noise model.
 */
public final class PnsGnnModel extends FlockModel {

    /** Positions are divided by this before the networks (a flock travels tens of units). */
    static final double POSITION_SCALE = 10.0;

    private final Dense encoder;
    private final MessageNetwork processor;
    private final MessageNetwork priorNet;
    private final GaussianHead priorHead;
    private final MessageNetwork posteriorNet;
    private final GaussianHead posteriorHead;
    private final MessageNetwork decoderNet;
    private final Mlp meanHead;
    private final Mlp sigmaHead;

    /**
     * @param name the model's name in its domain
     * @param context manager, dtype and seed
     * @param size widths and depths
     * @param stepTime the time τ one model step spans
     */
    public PnsGnnModel(String name, ModelContext context, FlockModelSize size, double stepTime) {
        super(name, new ParameterSet(context.manager(), context.dataType(), context.seed()), stepTime);
        int w = size.width();
        int edges = PairFeatures.EDGE_INVARIANTS;
        this.encoder = new Dense(params, "encoder", 4, w);
        this.processor = new MessageNetwork(params, "processor", size.processorLayers(), w, edges, w);
        this.priorNet = new MessageNetwork(params, "prior.net", size.latentLayers(), w, edges, w);
        this.priorHead = new GaussianHead(params, "prior.head", w, size.latent());
        this.posteriorNet = new MessageNetwork(params, "posterior.net", size.latentLayers(), w + 4, 2 * edges, w);
        this.posteriorHead = new GaussianHead(params, "posterior.head", w, size.latent());
        this.decoderNet = new MessageNetwork(params, "decoder.net", size.decoderLayers(), w + size.latent(), edges, w);
        this.meanHead = new Mlp(params, "decoder.mean", w, w, 4);
        this.sigmaHead = new Mlp(params, "decoder.sigma", w, w, 4);
        components(ForwardModel.of(Transformation.EQUIVARIANT, this::hidden),
                ConditionalPrior.of(Transformation.EQUIVARIANT, LatentLayout.PER_NODE, this::priorOf),
                ApproximatePosterior.of(Transformation.EQUIVARIANT, this::posteriorOf),
                Decoder.of(Transformation.EQUIVARIANT, this::decode));
    }

    private static NDArray cat(NDArray... parts) {
        return NDArrays.concat(new NDList(parts), -1);
    }

    /** [x / POSITION_SCALE, v]. */
    private static NDArray scaled(NDArray state) {
        return cat(Ops.div(positions(state), POSITION_SCALE), velocities(state));
    }

    private NDList hidden(NDArray state, boolean training) {
        NDArray s = checked(state);
        NDArray e = encoder.forward(scaled(s));
        NDArray h = e.add(processor.nodes(e, PairFeatures.invariants(s)));
        return new NDList(h, e, state);
    }

    private Distribution priorOf(NDList h, boolean training) {
        return priorHead.forward(priorNet.nodes(h.get(0), PairFeatures.invariants(h.get(2))));
    }

    private Distribution posteriorOf(NDList h, NDArray target, boolean training) {
        NDArray state = h.get(2);
        NDArray t = checked(target);
        NDArray edges = cat(PairFeatures.invariants(state), PairFeatures.invariants(t));
        return posteriorHead.forward(posteriorNet.nodes(cat(h.get(0), scaled(t)), edges));
    }

    private Distribution decode(NDList h, NDArray z, boolean training) {
        NDArray state = h.get(2);
        NDArray d = decoderNet.nodes(cat(h.get(0), z), PairFeatures.invariants(state));
        NDArray embedding = Activation.relu(h.get(1).add(d));
        NDArray out = meanHead.forward(embedding);
        NDArray sigma = GaussianHead.positive(sigmaHead.forward(embedding));
        return new HeadingFrameNormal(integrate(state, positions(out), velocities(out)), velocities(state), sigma);
    }
}
