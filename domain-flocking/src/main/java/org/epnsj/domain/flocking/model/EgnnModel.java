package org.epnsj.domain.flocking.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
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
 *
 * <p><b>Handed latents.</b> With invariant latents alone, the decoder mean can turn a particle only
 * along vectors its neighbours supply: a particle whose surroundings are mirror-symmetric about its
 * heading moves straight on for every z, so the mean readout cannot draw the symmetric left-or-right
 * turns of angular noise, and a model puts them into the decoder's scales, which the mean readout
 * drops. The last {@code handed} latent dimensions of each particle are therefore pseudo-scalars,
 * which change sign under reflections (declared by the latent action), and turn it:
 * <pre>
 *   Δx_i += Σ_k p_ik z̃_ik J v_i,   Δv_i += Σ_k q_ik z̃_ik J v_i
 * </pre>
 * with J the quarter turn and p, q invariant. J v_i is a pseudo-vector, so the product with a
 * pseudo-scalar is a vector and the decoder stays equivariant. The prior's means are
 * invariant-weighted means over the other particles of the pair pseudo-scalars v_i × (x_j − x_i) and
 * v_i × (v_j − v_i) (the turn the neighbours suggest), the posterior's invariant-weighted sums of
 * each particle's transition pseudo-scalars (cross products of v, v' and x' − x); both scales are
 * invariant. The decoder's networks read z̃² only.
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
    private final int handed;
    private final Dense priorTurn;
    private final Dense posteriorTurn;
    private final Dense turnCoefficients;

    /**
     * @param name the model's name in its domain
     * @param context manager, dtype and seed
     * @param size widths and depths
     * @param stepTime the time τ one model step spans
     */
    public EgnnModel(String name, ModelContext context, FlockModelSize size, double stepTime) {
        this(name, context, size, stepTime, 0);
    }

    /**
     * @param name the model's name in its domain
     * @param context manager, dtype and seed
     * @param size widths and depths
     * @param stepTime the time τ one model step spans
     * @param handed how many of the {@code size.latent()} latent dimensions per particle are
     *     pseudo-scalars (the last ones), 0 for invariant latents only; at least one stays invariant
     */
    public EgnnModel(String name, ModelContext context, FlockModelSize size, double stepTime, int handed) {
        super(name, new ParameterSet(context.manager(), context.dataType(), context.seed()), stepTime);
        if (handed < 0 || handed >= size.latent()) {
            throw new IllegalArgumentException("handed latent dimensions must be in [0, " + (size.latent() - 1)
                    + "] (one of the " + size.latent() + " stays invariant), got " + handed);
        }
        this.handed = handed;
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
        this.priorTurn = handed == 0 ? null : new Dense(params, "prior.turn", w, 2 * handed);
        this.posteriorTurn = handed == 0 ? null
                : new Dense(params, "posterior.turn", w, handed * PairFeatures.TRANSITION_PSEUDO_SCALARS);
        this.turnCoefficients = handed == 0 ? null : new Dense(params, "decoder.turn", w, 2 * handed);
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
        NDArray state = h.get(1);
        MessageLayer.Output out = priorNet.forward(h.get(0), PairFeatures.invariants(state));
        Normal prior = priorHead.forward(out.nodes());
        if (handed == 0) {
            return prior;
        }
        // The expected turn: per handed dimension, a mean over senders of invariant-weighted
        // pseudo-scalars of the pair, v_i × (x_j − x_i) and v_i × (v_j − v_i).
        NDArray weights = priorTurn.forward(out.messages());
        NDArray pairs = PairFeatures.pairPseudoScalars(state);
        NDArray pseudoMean = weights.get("..., 0:{}", handed).mul(pairs.get("..., 0:1"))
                .add(weights.get("..., {}:", handed).mul(pairs.get("..., 1:2"))).mean(new int[] {2});
        return new Normal(cat(invariantPart(prior.mean()), pseudoMean), prior.sigma());
    }

    private Distribution posteriorOf(NDList h, NDArray target, boolean training) {
        NDArray state = h.get(1);
        NDArray t = checked(target);
        NDArray nodes = cat(h.get(0), PairFeatures.transitionInvariants(state, t));
        NDArray edges = cat(PairFeatures.invariants(state), PairFeatures.invariants(t));
        NDArray features = posteriorNet.nodes(nodes, edges);
        Normal posterior = posteriorHead.forward(features);
        if (handed == 0) {
            return posterior;
        }
        // Per particle and handed dimension, an invariant-weighted sum of the pseudo-scalar features.
        Shape shape = features.getShape();
        NDArray weights = posteriorTurn.forward(features)
                .reshape(shape.get(0), shape.get(1), handed, PairFeatures.TRANSITION_PSEUDO_SCALARS);
        NDArray turns = PairFeatures.transitionPseudoScalars(state, t).expandDims(2);
        NDArray pseudoMean = weights.mul(turns).sum(new int[] {-1});
        return new Normal(cat(invariantPart(posterior.mean()), pseudoMean), posterior.sigma());
    }

    /** The invariant latent dimensions (B, N, L − handed). */
    private NDArray invariantPart(NDArray z) {
        return z.get("..., 0:{}", z.getShape().get(2) - handed);
    }

    /** The pseudo-scalar latent dimensions (B, N, handed). */
    private NDArray pseudoPart(NDArray z) {
        return z.get("..., {}:", z.getShape().get(2) - handed);
    }

    private Distribution decode(NDList h, NDArray z, boolean training) {
        NDArray state = h.get(1);
        // The networks read invariants only: the pseudo-scalars enter squared, and below as turns.
        NDArray latentInvariants = handed == 0 ? z : cat(invariantPart(z), pseudoPart(z).square());
        MessageLayer.Output out = decoderNet.forward(cat(h.get(0), latentInvariants), PairFeatures.invariants(state));
        NDArray c = pairCoefficients.forward(out.messages());
        NDArray rx = PairFeatures.relative(positions(state));
        NDArray rv = PairFeatures.relative(velocities(state));
        NDArray dx = c.get("..., 0:1").mul(rx).add(c.get("..., 1:2").mul(rv)).mean(new int[] {2});
        NDArray dv = c.get("..., 2:3").mul(rx).add(c.get("..., 3:4").mul(rv)).mean(new int[] {2});
        NDArray nodes = Activation.relu(out.nodes());
        NDArray self = selfCoefficients.forward(nodes);
        NDArray v = velocities(state);
        dx = dx.add(self.get("..., 0:1").mul(v));
        dv = dv.add(self.get("..., 1:2").mul(v));
        if (handed > 0) {
            NDArray across = v.get("..., 1:2").neg().concat(v.get("..., 0:1"), -1);
            NDArray turn = turnCoefficients.forward(nodes);
            NDArray zTurn = pseudoPart(z);
            NDArray px = turn.get("..., 0:{}", handed).mul(zTurn).sum(new int[] {-1}, true);
            NDArray pv = turn.get("..., {}:", handed).mul(zTurn).sum(new int[] {-1}, true);
            dx = dx.add(px.mul(across));
            dv = dv.add(pv.mul(across));
        }
        NDArray sigma = GaussianHead.positive(sigmaHead.forward(out.nodes()));
        return new HeadingFrameNormal(integrate(state, dx, dv), v, sigma);
    }
}
