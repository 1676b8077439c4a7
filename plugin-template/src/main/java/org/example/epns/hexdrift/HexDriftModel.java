package org.example.epns.hexdrift;

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
import org.epnsj.runtime.nn.Mlp;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.nn.ParameterizedTransitionModel;
import org.example.epns.c6.C6Group;
import org.example.epns.c6.PlanarTurnAction;
import org.example.epns.c6.Turn;
import org.epnsj.runtime.ops.Ops;

/**
 * EPNS for a planar state (B, 2) under C6, made exactly equivariant by averaging over the group:
 * each network f is evaluated in the six turned frames and its outputs turned back,
 * (1/6) sum_k R_k f(R_k^-1 inputs), so vector outputs rotate with the state and scalar outputs are
 * invariant whatever f is. This works for any finite group and costs one pass per element.
 *
 * <p>h = F(x) is (invariant features (B, hidden), x). The latent z (B, latents, 2) is a set of planar
 * vectors that turn with the state (an equivariant, per-node latent); prior and posterior are
 * isotropic Gaussians over it and the decoder an isotropic Gaussian around x plus an equivariant
 * step.
 */
public final class HexDriftModel extends ParameterizedTransitionModel {

    /** The model's name. */
    public static final String NAME = "epns";

    private static final double SIGMA_FLOOR = 1e-4;

    private final PlanarTurnAction turn = new PlanarTurnAction(new C6Group(), "planar vectors");
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
    public HexDriftModel(ModelContext context, int hidden, int latents) {
        super(NAME, new ParameterSet(context.manager(), context.dataType(), context.seed()));
        this.latents = latents;
        this.features = new Mlp(params, "forward", 2, hidden, hidden);
        // Outputs per frame: 2 * latents vector coordinates, then latents sigma logits.
        this.priorNet = new Mlp(params, "prior", 2 + hidden, hidden, 3 * latents);
        this.posteriorNet = new Mlp(params, "posterior", 4 + hidden, hidden, hidden, 3 * latents);
        // Outputs per frame: the step (2), then one sigma logit.
        this.decoderNet = new Mlp(params, "decoder", 2 + 2 * latents + hidden, hidden, hidden, 3);
        components(ForwardModel.of(Transformation.EQUIVARIANT, this::hidden),
                ConditionalPrior.of(Transformation.EQUIVARIANT, LatentLayout.PER_NODE, this::priorOf),
                ApproximatePosterior.of(Transformation.EQUIVARIANT, this::posteriorOf),
                Decoder.of(Transformation.EQUIVARIANT, this::decode));
    }

    /** The six frames of planar vectors v (..., 2): R_k^-1 v for k = 0..5, stacked on a new axis 0. */
    private NDArray frames(NDArray v) {
        NDList turned = new NDList();
        for (int k = 0; k < Turn.ORDER; k++) {
            turned.add(turn.act(Turn.of(-k), v));
        }
        return NDArrays.stack(turned, 0);
    }

    /** An invariant input repeated for the six frames: (6, ...). */
    private static NDArray sameInEveryFrame(NDArray a) {
        NDList copies = new NDList();
        for (int k = 0; k < Turn.ORDER; k++) {
            copies.add(a);
        }
        return NDArrays.stack(copies, 0);
    }

    /** Frame k of y (6, ..., 2) turned back by R_k, averaged over the frames: an equivariant vector field. */
    private NDArray averageVectors(NDArray y) {
        NDArray sum = null;
        for (int k = 0; k < Turn.ORDER; k++) {
            NDArray back = turn.act(new Turn(k), y.get(k));
            sum = sum == null ? back : sum.add(back);
        }
        return Ops.div(sum, Turn.ORDER);
    }

    /** The mean over the frames (axis 0) of an invariant output. */
    private static NDArray averageScalars(NDArray y) {
        return y.mean(new int[] {0});
    }

    private static NDArray positive(NDArray raw) {
        return Activation.softPlus(raw).add(SIGMA_FLOOR);
    }

    private static NDArray concat(NDArray... parts) {
        return NDArrays.concat(new NDList(parts), -1);
    }

    private NDList hidden(NDArray state, boolean training) {
        NDArray f = averageScalars(features.forward(frames(state)));
        return new NDList(f, state);
    }

    /** An isotropic Gaussian over the latent vectors from per-frame outputs c (6, B, 3 latents). */
    private Normal latentGaussian(NDArray c) {
        long batch = c.getShape().get(1);
        NDArray mean = averageVectors(c.get(":, :, 0:" + 2 * latents).reshape(Turn.ORDER, batch, latents, 2));
        NDArray sigma = positive(averageScalars(c.get(":, :, " + 2 * latents + ":"))).expandDims(-1);
        return new Normal(mean, sigma);
    }

    private Distribution priorOf(NDList h, boolean training) {
        return latentGaussian(priorNet.forward(concat(frames(h.get(1)), sameInEveryFrame(h.get(0)))));
    }

    private Distribution posteriorOf(NDList h, NDArray target, boolean training) {
        return latentGaussian(posteriorNet.forward(concat(frames(h.get(1)), frames(target), sameInEveryFrame(h.get(0)))));
    }

    private Distribution decode(NDList h, NDArray z, boolean training) {
        NDArray x = h.get(1);
        long batch = x.getShape().get(0);
        NDArray zFrames = frames(z).reshape(Turn.ORDER, batch, 2L * latents);
        NDArray c = decoderNet.forward(concat(frames(x), zFrames, sameInEveryFrame(h.get(0))));
        NDArray step = averageVectors(c.get(":, :, 0:2"));
        return new Normal(x.add(step), positive(averageScalars(c.get(":, :, 2:3"))));
    }
}
