package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import org.epnsj.api.model.ApproximatePosterior;
import org.epnsj.api.model.ConditionalPrior;
import org.epnsj.api.model.Decoder;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.ForwardModel;
import org.epnsj.api.model.LatentLayout;
import org.epnsj.api.model.NoiseSource;
import org.epnsj.api.model.OneStepAccuracy;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.Transformation;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.nn.Dense;
import org.epnsj.runtime.nn.Intermediates;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.nn.ParameterizedTransitionModel;
import org.epnsj.runtime.ops.Ops;

/**
 * The non-equivariant cell baseline PNS (spec section 4.7, simplified): the grid as one image of
 * one-hot ids (a fixed cells + 1 classes) and one-hot types, a 1x1 encoder, a U-Net processor
 * (two 3x3 convolutions per resolution, stride-2 convolutions down, 1x1 convolution and pixel
 * shuffle up, skip concatenation) with the residual h = e + P(e), one global Gaussian latent from
 * pooled convolutional prior and posterior nets, and a convolutional decoder with the residual
 * e + D(h, z) and a 1x1 head to the id logits. Zero padding and strided sampling: it claims no
 * symmetry. (The reference's modern U-Net with group norm and attention is not reproduced.)
 *
 * <p>h is the list [h (B, C, L, L), e (B, C, L, L), node types (B, cells + 1)].
 */
final class CellPnsModel extends ParameterizedTransitionModel {

    private static final double SIGMA_FLOOR = 1e-5;

    private final int classes;
    private final int typeClasses;
    private final PnsSize size;
    private final GridConv encoder;
    private final List<GridConv[]> down = new ArrayList<>();
    private final List<NDArray[]> downsample = new ArrayList<>();
    private final List<GridConv[]> up = new ArrayList<>();
    private final List<GridConv> upsample = new ArrayList<>();
    private final PooledConvNet priorNet;
    private final Dense priorHidden;
    private final Dense priorMean;
    private final Dense priorScale;
    private final PooledConvNet posteriorNet;
    private final Dense posteriorHidden;
    private final Dense posteriorMean;
    private final Dense posteriorScale;
    private final List<GridConv> decoderConvs = new ArrayList<>();
    private final GridConv head;

    CellPnsModel(String name, ModelContext context, PnsSize size, int cells, int types) {
        super(name, new ParameterSet(context.manager(), context.dataType(), context.seed()));
        this.classes = cells + 1;
        this.typeClasses = types + 1;
        this.size = size;
        GridConv.Padding pad = GridConv.Padding.ZERO;
        int c = size.width();
        int features = classes + typeClasses;
        encoder = new GridConv(params, "encoder", features, c, 1, pad);
        for (int l = 0; l < size.levels(); l++) {
            int in = l == 0 ? c : width(l - 1);
            down.add(new GridConv[] {new GridConv(params, "unet.down." + l + ".0", in, width(l), 3, pad),
                    new GridConv(params, "unet.down." + l + ".1", width(l), width(l), 3, pad)});
            if (l + 1 < size.levels()) {
                double bound = 1.0 / Math.sqrt(9.0 * width(l));
                downsample.add(new NDArray[] {
                        params.uniform("unet.sample." + l + ".weight", new Shape(width(l), width(l), 3, 3), bound),
                        params.uniform("unet.sample." + l + ".bias", new Shape(width(l)), bound)});
            }
        }
        for (int l = size.levels() - 2; l >= 0; l--) {
            upsample.add(new GridConv(params, "unet.upsample." + l, width(l + 1), 4 * width(l), 1, pad));
            up.add(new GridConv[] {new GridConv(params, "unet.up." + l + ".0", 2 * width(l), width(l), 3, pad),
                    new GridConv(params, "unet.up." + l + ".1", width(l), width(l), 3, pad)});
        }
        priorNet = new PooledConvNet(params, "prior", c, c, 3, size.priorLayers(), pad);
        priorHidden = new Dense(params, "prior.hidden", c, c);
        posteriorNet = new PooledConvNet(params, "posterior", c + features, c, 3, size.priorLayers(), pad);
        posteriorHidden = new Dense(params, "posterior.hidden", c, c);
        priorMean = new Dense(params, "prior.mean", c, size.latent());
        priorScale = new Dense(params, "prior.scale", c, size.latent());
        posteriorMean = new Dense(params, "posterior.mean", c, size.latent());
        posteriorScale = new Dense(params, "posterior.scale", c, size.latent());
        decoderConvs.add(new GridConv(params, "decoder.0", c + size.latent(), c, size.decoderKernel(), pad));
        for (int i = 1; i <= 3; i++) {
            decoderConvs.add(new GridConv(params, "decoder." + i, c, c, 3, pad));
        }
        head = new GridConv(params, "head", c, classes, 1, pad);
        components(ForwardModel.of(Transformation.NONE, this::hidden),
                ConditionalPrior.of(Transformation.NONE, LatentLayout.GLOBAL, this::priorOf),
                ApproximatePosterior.of(Transformation.NONE, this::posteriorOf),
                Decoder.of(Transformation.NONE, this::decode));
    }

    /** Channels at U-Net level l: the width at full resolution, twice it below. */
    private int width(int level) {
        return level == 0 ? size.width() : 2 * size.width();
    }

    private static NDArray block(GridConv[] convs, NDArray x) {
        return Activation.relu(convs[1].forward(Activation.relu(convs[0].forward(x))));
    }

    private NDArray unet(NDArray e) {
        long side = e.getShape().get(2);
        long factor = 1L << (size.levels() - 1);
        if (side % factor != 0) {
            throw new IllegalArgumentException("the PNS U-Net with " + size.levels()
                    + " levels needs a grid side divisible by " + factor + ", got " + side);
        }
        List<NDArray> skips = new ArrayList<>();
        NDArray x = e;
        for (int l = 0; l < size.levels(); l++) {
            x = block(down.get(l), x);
            if (l + 1 < size.levels()) {
                skips.add(x);
                NDArray[] w = downsample.get(l);
                x = Activation.relu(Ops.conv2d(x, w[0], w[1], 2, 1));
            }
        }
        for (int i = 0; i < up.size(); i++) {
            NDArray skip = skips.get(skips.size() - 1 - i);
            NDArray u = Ops.pixelShuffle(upsample.get(i).forward(x), 2);
            x = block(up.get(i), NDArrays.concat(new NDList(u, skip), 1));
        }
        return x;
    }

    private NDArray features(NDArray state) {
        CellStates.checkIds(state, classes);
        return NDArrays.concat(new NDList(CellStates.oneHot(CellStates.ids(state), classes),
                CellStates.oneHot(CellStates.types(state), typeClasses)), 1).stopGradient();
    }

    private Normal gaussian(NDArray pooled, Dense hidden, Dense mean, Dense scale) {
        NDArray f = Activation.relu(hidden.forward(pooled));
        return new Normal(mean.forward(f), Activation.softPlus(scale.forward(f)).add(SIGMA_FLOOR));
    }

    private NDList hidden(NDArray state, boolean training) {
        NDArray e = encoder.forward(features(state));
        return new NDList(e.add(unet(e)), e, CellStates.nodeTypes(state, classes));
    }

    private Distribution priorOf(NDList h, boolean training) {
        return gaussian(priorNet.forward(h.get(0), Intermediates.forPass(training)), priorHidden, priorMean, priorScale);
    }

    private Distribution posteriorOf(NDList h, NDArray target, boolean training) {
        NDArray input = NDArrays.concat(new NDList(h.get(0), features(target)), 1);
        return gaussian(posteriorNet.forward(input, Intermediates.forPass(training)), posteriorHidden, posteriorMean,
                posteriorScale);
    }

    private Distribution decode(NDList h, NDArray z, boolean training) {
        NDArray hidden = h.get(0);
        long[] s = hidden.getShape().getShape();
        NDArray zGrid = z.reshape(s[0], size.latent(), 1, 1).repeat(2, s[2]).repeat(3, s[3]);
        NDArray d = NDArrays.concat(new NDList(hidden, zGrid), 1);
        for (GridConv c : decoderConvs) {
            d = Activation.relu(c.forward(d));
        }
        return new CellStateDistribution(head.forward(h.get(1).add(d)), h.get(2), typeClasses);
    }

    @Override
    public NDArray readout(NDArray current, Distribution prediction, Readout readout, NoiseSource noise) {
        return CellReadout.next(prediction, readout, noise);
    }

    @Override
    public OneStepAccuracy oneStepAccuracy() {
        return CellOneStepAccuracy.INSTANCE;
    }
}
