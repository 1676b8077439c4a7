package org.epnsj.examples.lineargaussian;

import static org.epnsj.examples.lineargaussian.PlanarOps.dot;
import static org.epnsj.examples.lineargaussian.PlanarOps.perp;

import ai.djl.ndarray.NDArray;
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
import org.epnsj.runtime.nn.Mlp;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.nn.ParameterizedTransitionModel;

/**
 * A generic SO(2)-equivariant EPNS for planar states (B, 2).
 *
 * <p>Every network sees only invariants (squared norms, dot products with x and J x, J the
 * 90-degree rotation) and outputs coefficients of equivariant vectors (x, J x, the latents and the
 * target), so each component is exactly equivariant: the forward model returns invariant features
 * and x itself, the prior and posterior are isotropic Gaussians over {@code latents} planar vectors
 * that rotate with the state (an equivariant latent), and the decoder is an isotropic Gaussian.
 */
public final class LinearGaussianModel extends ParameterizedTransitionModel {

    /** The model's name. */
    public static final String NAME = "epns";

    private static final double SIGMA_FLOOR = 1e-5;
    private static final double SQUASH_SCALE = 0.1;

    private final int latents;
    private final Mlp features;
    private final Mlp priorNet;
    private final Mlp posteriorNet;
    private final Mlp decoderNet;

    /**
     * Builds the model with fresh parameters.
     *
     * @param context manager, dtype and seed
     * @param hidden hidden width of every network
     * @param latents number of planar latent vectors
     */
    public LinearGaussianModel(ModelContext context, int hidden, int latents) {
        super(NAME, new ParameterSet(context.manager(), context.dataType(), context.seed()));
        this.latents = latents;
        this.features = new Mlp(params, "forward", 1, hidden, hidden);
        this.priorNet = new Mlp(params, "prior", hidden, hidden, 3 * latents);
        this.posteriorNet = new Mlp(params, "posterior", hidden + 4, hidden, hidden, 5 * latents);
        this.decoderNet = new Mlp(params, "decoder", hidden + 3 * latents, hidden, hidden, 3 + 2 * latents);
        components(ForwardModel.of(Transformation.EQUIVARIANT, this::hidden),
                ConditionalPrior.of(Transformation.EQUIVARIANT, LatentLayout.PER_NODE, this::priorOf),
                ApproximatePosterior.of(Transformation.EQUIVARIANT, this::posteriorOf),
                Decoder.of(Transformation.EQUIVARIANT, this::decode));
    }

    private static NDArray cols(NDArray c, int from, int to) {
        return c.get(":, " + from + ":" + to);
    }

    /**
     * Maps a squared norm r2 >= 0 to r2 / (r2 + SCALE) in [0, 1): the networks then never see inputs
     * far outside the range they were trained on, so a rare large excursion of a long rollout meets a
     * saturated coefficient instead of a linearly extrapolated one that would blow the state up.
     */
    private static NDArray squash(NDArray r2) {
        return r2.div(r2.add(SQUASH_SCALE));
    }

    /**
     * Sum over j of coefficient block j (columns offset + j w .. offset + (j + 1) w of c, one per
     * latent slot) times vector j (B, 1 or w, 2): an equivariant linear combination.
     */
    private static NDArray combination(NDArray c, int offset, int width, NDArray... vectors) {
        NDArray sum = null;
        for (int j = 0; j < vectors.length; j++) {
            int from = offset + j * width;
            NDArray term = cols(c, from, from + width).expandDims(-1).mul(vectors[j]);
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }

    private static NDArray positive(NDArray raw) {
        return Activation.softPlus(raw).add(SIGMA_FLOOR);
    }

    private NDList hidden(NDArray state, boolean training) {
        NDArray f = features.forward(squash(dot(state, state)));
        return new NDList(f, state);
    }

    private Distribution priorOf(NDList h, boolean training) {
        NDArray x = h.get(1).expandDims(1);
        NDArray c = priorNet.forward(h.get(0));
        NDArray mean = combination(c, 0, latents, x, perp(x));
        return new Normal(mean, positive(cols(c, 2 * latents, 3 * latents)).expandDims(-1));
    }

    private Distribution posteriorOf(NDList h, NDArray target, boolean training) {
        NDArray x = h.get(1);
        NDArray invariants = concat(h.get(0), squash(dot(x, x)), squash(dot(target, target)), dot(x, target),
                dot(perp(x), target));
        NDArray c = posteriorNet.forward(invariants);
        NDArray xe = x.expandDims(1);
        NDArray ye = target.expandDims(1);
        NDArray mean = combination(c, 0, latents, xe, perp(xe), ye, perp(ye));
        return new Normal(mean, positive(cols(c, 4 * latents, 5 * latents)).expandDims(-1));
    }

    private Distribution decode(NDList h, NDArray z, boolean training) {
        NDArray x = h.get(1);
        NDArray xe = x.expandDims(1);
        NDArray zInvariants = concat(dot(z, xe), dot(z, perp(xe)), dot(z, z)).reshape(-1, 3L * latents);
        NDArray c = decoderNet.forward(concat(h.get(0), zInvariants));
        NDArray latentPart = combination(c, 3, latents, z, perp(z)).sum(new int[] {1}, true);
        NDArray mean = combination(c, 0, 1, xe, perp(xe)).add(latentPart).squeeze(1);
        return new Normal(mean, positive(cols(c, 2, 3)));
    }

    private static NDArray concat(NDArray... parts) {
        return ai.djl.ndarray.NDArrays.concat(new NDList(parts), -1);
    }
}
