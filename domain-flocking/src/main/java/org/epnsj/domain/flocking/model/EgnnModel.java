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

/**
 * EPNS for flocks with an E(2)-equivariant graph network in the style of EGNN (Satorras et al.,
 * 2021): every network reads only invariants (speeds, pair distances, dot products of relative
 * positions and velocities), and vectors enter only at the decoder's output, as invariant-weighted
 * sums of relative positions, relative velocities and each particle's own velocity. One transition is
 * therefore E(2) × S_N-equivariant exactly, in one pass and without frames.
 *
 * <p>h is the list (node features (B, N, w), the current state (B, N, 4)); the node features are
 * invariant and move with their particle. The latent is one invariant vector per particle. The
 * decoder's last message layer gives per pair the coefficients of
 * <pre>
 *   Δx_i = mean_j [a_ij (x_j − x_i) + b_ij (v_j − v_i)] + s_i v_i
 *   Δv_i = mean_j [c_ij (x_j − x_i) + d_ij (v_j − v_i)] + u_i v_i
 * </pre>
 * and the mean is x' = x + τ (v + v') / 2 + Δx, v' = v + Δv. The distribution is a
 * {@link HeadingFrameNormal} with invariant scales along and across each particle's heading, so the
 * distribution (not only its mean) is equivariant.
 */
public final class EgnnModel extends FlockModel {

    private final Dense encoder;
    private final MessageNetwork processor;
    private final MessageNetwork priorNet;
    private final GaussianHead priorHead;
    private final MessageNetwork posteriorNet;
    private final GaussianHead posteriorHead;
    private final MessageNetwork decoderNet;
    private final Mlp pairCoefficients;
    private final Mlp selfCoefficients;
    private final Dense sigmaHead;

    /**
     * @param name the model's name in its domain
     * @param context manager, dtype and seed
     * @param size widths and depths
     * @param stepTime the time τ one model step spans
     */
    public EgnnModel(String name, ModelContext context, FlockModelSize size, double stepTime) {
        super(name, new ParameterSet(context.manager(), context.dataType(), context.seed()), stepTime);
        int w = size.width();
        int edges = PairFeatures.EDGE_INVARIANTS;
        this.encoder = new Dense(params, "encoder", 1, w);
        this.processor = new MessageNetwork(params, "processor", size.processorLayers(), w, edges, w);
        this.priorNet = new MessageNetwork(params, "prior.net", size.latentLayers(), w, edges, w);
        this.priorHead = new GaussianHead(params, "prior.head", w, size.latent());
        this.posteriorNet = new MessageNetwork(params, "posterior.net", size.latentLayers(),
                w + PairFeatures.TRANSITION_INVARIANTS, 2 * edges, w);
        this.posteriorHead = new GaussianHead(params, "posterior.head", w, size.latent());
        this.decoderNet = new MessageNetwork(params, "decoder.net", size.decoderLayers(), w + size.latent(), edges, w);
        this.pairCoefficients = new Mlp(params, "decoder.pair", w, w, 4);
        this.selfCoefficients = new Mlp(params, "decoder.self", w, w, 2);
        this.sigmaHead = new Dense(params, "decoder.sigma", w, 4);
        components(ForwardModel.of(Transformation.EQUIVARIANT, this::hidden),
                ConditionalPrior.of(Transformation.EQUIVARIANT, LatentLayout.PER_NODE, this::priorOf),
                ApproximatePosterior.of(Transformation.EQUIVARIANT, this::posteriorOf),
                Decoder.of(Transformation.EQUIVARIANT, this::decode));
    }

    private static NDArray cat(NDArray... parts) {
        return NDArrays.concat(new NDList(parts), -1);
    }

    private NDList hidden(NDArray state, boolean training) {
        NDArray s = checked(state);
        NDArray speed = PairFeatures.dot(velocities(s), velocities(s)).add(1e-12).sqrt();
        NDArray e = encoder.forward(speed);
        NDArray h = e.add(processor.nodes(e, PairFeatures.invariants(s)));
        return new NDList(h, state);
    }

    private Distribution priorOf(NDList h, boolean training) {
        return priorHead.forward(priorNet.nodes(h.get(0), PairFeatures.invariants(h.get(1))));
    }

    private Distribution posteriorOf(NDList h, NDArray target, boolean training) {
        NDArray state = h.get(1);
        NDArray t = checked(target);
        NDArray nodes = cat(h.get(0), PairFeatures.transitionInvariants(state, t));
        NDArray edges = cat(PairFeatures.invariants(state), PairFeatures.invariants(t));
        return posteriorHead.forward(posteriorNet.nodes(nodes, edges));
    }

    private Distribution decode(NDList h, NDArray z, boolean training) {
        NDArray state = h.get(1);
        MessageLayer.Output out = decoderNet.forward(cat(h.get(0), z), PairFeatures.invariants(state));
        NDArray c = pairCoefficients.forward(out.messages());
        NDArray rx = PairFeatures.relative(positions(state));
        NDArray rv = PairFeatures.relative(velocities(state));
        NDArray dx = c.get("..., 0:1").mul(rx).add(c.get("..., 1:2").mul(rv)).mean(new int[] {2});
        NDArray dv = c.get("..., 2:3").mul(rx).add(c.get("..., 3:4").mul(rv)).mean(new int[] {2});
        NDArray self = selfCoefficients.forward(Activation.relu(out.nodes()));
        NDArray v = velocities(state);
        dx = dx.add(self.get("..., 0:1").mul(v));
        dv = dv.add(self.get("..., 1:2").mul(v));
        NDArray sigma = GaussianHead.positive(sigmaHead.forward(out.nodes()));
        return new HeadingFrameNormal(integrate(state, dx, dv), v, sigma);
    }
}
