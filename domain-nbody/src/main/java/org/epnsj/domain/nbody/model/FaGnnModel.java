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
import org.epnsj.symmetry.e3.FrameAveraging;
import org.epnsj.symmetry.e3.PcaFrames;

/**
 * EPNS for n-body systems (spec §3.4): frame-averaged graph networks as forward model and decoder,
 * invariant graph networks as prior and posterior, so one transition is E(3) × S_n-equivariant.
 *
 * <p>h is the list (node features (B, n, 1 + w): scaled mass and the invariant embedding; encoder
 * embedding e (B, n, w); the current state (B, n, 7)). The latent is one invariant vector per body
 * (it moves with its body under permutations) or, with {@code globalLatent}, one invariant vector
 * per system (B, 1, latent) shared by all bodies. The decoder predicts, per frame, a position and a
 * velocity residual that are mapped back and averaged, and updates v' = v + Δv, x' = x + c(h̄)·v' + Δx
 * with a learned per-body coefficient c. The output is isotropic per body: one σ for the position and
 * one for the velocity, so the distribution (not just its mean) is equivariant.
 */
public final class FaGnnModel extends NBodyModel {

    private static final int FRAMES = FrameAveraging.FRAMES;

    private final boolean globalLatent;
    private final FrameAveraging averaging;
    private final Dense encoder;
    private final GraphNetwork processor;
    private final GraphNetwork priorNet;
    private final GaussianHead priorHead;
    private final GraphNetwork posteriorNet;
    private final GaussianHead posteriorHead;
    private final GraphNetwork decoderNet;
    private final Mlp decoderVectors;
    private final Mlp velocityCoefficient;
    private final Dense sigmaHead;

    /**
     * @param name the model's name in its domain
     * @param context manager, dtype and seed
     * @param size widths and depths
     * @param globalLatent one invariant latent per system instead of one per body
     * @param averaging frame averaging (its degeneracy policy and counter)
     */
    public FaGnnModel(String name, ModelContext context, NBodyModelSize size, boolean globalLatent,
            FrameAveraging averaging) {
        super(name, new ParameterSet(context.manager(), context.dataType(), context.seed()));
        int w = size.width();
        this.globalLatent = globalLatent;
        this.averaging = averaging;
        this.encoder = new Dense(params, "encoder", 1, w);
        this.processor = new GraphNetwork(params, "processor", size.processorLayers(), 6 + w, 2, w);
        this.priorNet = new GraphNetwork(params, "prior.net", size.latentLayers(), 1 + w, 2, w);
        this.priorHead = new GaussianHead(params, "prior.head", w, size.latent());
        this.posteriorNet = new GraphNetwork(params, "posterior.net", size.latentLayers(), 1 + w, 4, w);
        this.posteriorHead = new GaussianHead(params, "posterior.head", w, size.latent());
        this.decoderNet = new GraphNetwork(params, "decoder.net", size.decoderLayers(), 6 + 1 + w + size.latent(), 2, w);
        this.decoderVectors = new Mlp(params, "decoder.vectors", w, w, 6);
        this.velocityCoefficient = new Mlp(params, "decoder.coefficient", w, w, 1);
        this.sigmaHead = new Dense(params, "decoder.sigma", w, 2);
        // One latent per system is invariant; one per node moves with its node.
        Transformation latent = globalLatent ? Transformation.INVARIANT : Transformation.EQUIVARIANT;
        components(ForwardModel.of(Transformation.EQUIVARIANT, this::hidden),
                ConditionalPrior.of(latent, globalLatent ? LatentLayout.GLOBAL : LatentLayout.PER_NODE, this::priorOf),
                ApproximatePosterior.of(latent, this::posteriorOf),
                Decoder.of(Transformation.EQUIVARIANT, this::decode));
    }

    /** How many degenerate PCA frames this model has met. */
    public long degenerateFrames() {
        return averaging.degenerateCount();
    }

    private static NDList concat(NDArray... parts) {
        return new NDList(parts);
    }

    private NDList hidden(NDArray state, boolean training) {
        BodyGeometry geometry = BodyGeometry.of(state);
        NDArray m = Ops.div(mass(state), SCALE);
        NDArray e = encoder.forward(m);
        PcaFrames frames = geometry.frames(averaging);
        NDArray nodes = NDArrays.concat(concat(geometry.framed(frames), Ops.repeatRows(e, FRAMES)), -1);
        NDArray perFrame = processor.forward(nodes, BodyGeometry.edges(FRAMES, geometry));
        NDArray h = e.add(averaging.averageInvariant(perFrame));
        return new NDList(NDArrays.concat(concat(m, h), -1), e, state);
    }

    private NDArray pool(NDArray perBody) {
        return globalLatent ? perBody.mean(new int[] {1}, true) : perBody;
    }

    private Distribution priorOf(NDList h, boolean training) {
        NDArray g = priorNet.forward(h.get(0), BodyGeometry.edges(1, BodyGeometry.of(h.get(2))));
        return priorHead.forward(pool(g));
    }

    private Distribution posteriorOf(NDList h, NDArray target, boolean training) {
        NDArray edges = BodyGeometry.edges(1, BodyGeometry.of(h.get(2)), BodyGeometry.of(target));
        return posteriorHead.forward(pool(posteriorNet.forward(h.get(0), edges)));
    }

    private Distribution decode(NDList h, NDArray z, boolean training) {
        NDArray state = h.get(2);
        BodyGeometry geometry = BodyGeometry.of(state);
        NDArray s = scaled(state);
        NDArray perBodyZ = globalLatent ? z.repeat(1, geometry.bodies()) : z;
        PcaFrames frames = geometry.frames(averaging);
        NDArray nodes = NDArrays.concat(concat(geometry.framed(frames), Ops.repeatRows(h.get(0), FRAMES),
                Ops.repeatRows(perBodyZ, FRAMES)), -1);
        NDArray perFrame = decoderNet.forward(nodes, BodyGeometry.edges(FRAMES, geometry));
        NDArray residuals = averaging.fromFrames(decoderVectors.forward(Activation.relu(perFrame)), frames);
        NDArray mean = averaging.averageInvariant(perFrame);
        NDArray c = velocityCoefficient.forward(Activation.relu(mean));
        NDArray v = velocities(s).add(residuals.get("..., 3:6"));
        NDArray x = positions(s).add(c.mul(v)).add(residuals.get("..., 0:3"));
        NDArray embedding = h.get(1).add(mean);
        NDArray sigma = GaussianHead.positive(sigmaHead.forward(embedding)).repeat(2, 3);
        NDArray mu = Ops.mul(NDArrays.concat(concat(x, v), -1), SCALE);
        return new BodyNormal(mass(state), new Normal(mu, sigma));
    }

}
