package org.epnsj.domain.cellular;

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
import org.epnsj.api.model.NoiseSource;
import org.epnsj.api.model.OneStepAccuracy;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.Transformation;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.training.FreeBitsGrouping;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.nn.Dense;
import org.epnsj.runtime.nn.Intermediates;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.nn.ParameterizedTransitionModel;

/**
 * The cell EPNS (spec sections 4.2-4.6): one node per cell id 0..cells (the medium and absent ids
 * included), each node a grid of [its id mask, the whole grid's one-hot type map]; a 1x1 encoder,
 * a SpatialConv-GNN processor with the residual h = e + P(e); per-node Gaussian latents from
 * pooled convolutional prior and posterior nets; a SpatialConv-GNN decoder on [h, z] with the
 * residual e + D(h, z), a 1x1 head to one logit map per node, and a per-pixel categorical over the
 * nodes. The number of nodes is fixed at cells + 1 (the reference's N when every id is present), so
 * relabelling cells permutes nodes exactly.
 *
 * <p>With a {@link Latent#GLOBAL} latent the prior and posterior also average their pooled node
 * vectors over the nodes, giving one latent per sample that no relabelling, turn or shift changes
 * (spec 2.2, {@code do_node_aggregation}); the decoder broadcasts it to every node and pixel. The
 * layers, and so the parameters, are those of the per-cell latent.
 *
 * <p>h is the list [h (B, N, C, L, L), e (B, N, C, L, L), node types (B, N)].
 */
final class CellEpnsModel extends ParameterizedTransitionModel {

    /** How much symmetry the architecture builds in. */
    enum Setting {
        /** Zero padding, no averaging: permutations only, as the reference. */
        REFERENCE,
        /** Circular padding and averaging over quarter turns: exact p4 x permutations. */
        P4
    }

    /** Where the latent lives. */
    enum Latent {
        /** One latent per node (B, N, latent): it moves with its cell id. */
        PER_CELL,
        /** One latent per sample (B, latent), pooled over nodes and pixels: invariant. */
        GLOBAL
    }

    private static final double SIGMA_FLOOR = 1e-5;

    private final int nodes;
    private final int typeClasses;
    private final int latent;
    private final boolean average;
    private final boolean averagePooled;
    private final boolean globalLatent;
    private final GridConv encoder;
    private final SpatialConvGnnLayer processor;
    private final PooledConvNet priorNet;
    private final Dense priorHidden;
    private final Dense priorMean;
    private final Dense priorScale;
    private final PooledConvNet posteriorNet;
    private final Dense posteriorHidden;
    private final Dense posteriorMean;
    private final Dense posteriorScale;
    private final SpatialConvGnnLayer decoderLayer;
    private final GridConv head;

    /**
     * Builds the model with fresh parameters.
     *
     * @param name the model's name in its domain
     * @param context manager, dtype and seed
     * @param size the layer sizes
     * @param cells the number of cell ids besides the medium
     * @param types the number of cell types besides the medium's
     * @param setting reference-like or exactly p4-equivariant
     * @param latentLayout one latent per cell or one per sample
     */
    CellEpnsModel(String name, ModelContext context, EpnsSize size, int cells, int types, Setting setting,
            Latent latentLayout) {
        super(name, new ParameterSet(context.manager(), context.dataType(), context.seed()));
        this.nodes = cells + 1;
        this.typeClasses = types + 1;
        this.latent = size.latent();
        this.average = setting == Setting.P4;
        // Pointwise (1x1) prior and posterior nets on the equivariant h are already invariant: no averaging needed.
        this.averagePooled = average && size.priorKernel() > 1;
        this.globalLatent = latentLayout == Latent.GLOBAL;
        GridConv.Padding pad = setting == Setting.P4 ? GridConv.Padding.CIRCULAR : GridConv.Padding.ZERO;
        int c = size.width();
        int features = 1 + typeClasses;
        encoder = new GridConv(params, "encoder", features, c, 1, pad);
        processor = new SpatialConvGnnLayer(params, "processor", c, c, size.edgeKernel(), size.edgeLayers(),
                size.nodeKernel(), size.nodeLayers(), pad);
        priorNet = new PooledConvNet(params, "prior", c, c, size.priorKernel(), size.priorLayers(), pad);
        priorHidden = new Dense(params, "prior.hidden", c, c);
        posteriorNet = new PooledConvNet(params, "posterior", c + features, c, size.priorKernel(), size.priorLayers(),
                pad);
        posteriorHidden = new Dense(params, "posterior.hidden", c, c);
        priorMean = new Dense(params, "prior.mean", c, latent);
        priorScale = new Dense(params, "prior.scale", c, latent);
        posteriorMean = new Dense(params, "posterior.mean", c, latent);
        posteriorScale = new Dense(params, "posterior.scale", c, latent);
        decoderLayer = new SpatialConvGnnLayer(params, "decoder", c + latent, c, size.decoderKernel(),
                size.edgeLayers(), size.nodeKernel(), size.nodeLayers(), pad);
        head = new GridConv(params, "head", c, 1, 1, pad);
        // One latent per system is invariant; one per node moves with its node.
        Transformation latent = globalLatent ? Transformation.INVARIANT : Transformation.EQUIVARIANT;
        components(ForwardModel.of(Transformation.EQUIVARIANT, this::hidden),
                ConditionalPrior.of(latent, globalLatent ? LatentLayout.GLOBAL : LatentLayout.PER_NODE, this::priorOf),
                ApproximatePosterior.of(latent, this::posteriorOf),
                Decoder.of(Transformation.EQUIVARIANT, this::decode));
    }

    /** The number of nodes: cell ids 0..cells. */
    int nodes() {
        return nodes;
    }

    private static NDArray flatNodes(NDArray perSample) {
        long[] s = perSample.getShape().getShape();
        return perSample.reshape(s[0] * s[1], s[2], s[3], s[4]);
    }

    private static NDArray perSample(NDArray flat, int nodes) {
        long[] s = flat.getShape().getShape();
        return flat.reshape(s[0] / nodes, nodes, s[1], s[2], s[3]);
    }

    /**
     * The Gaussian from the spatially pooled node vectors (B N, C): per node, or, for the global
     * latent, from their mean over the nodes of each sample (B, C). The node mean comes after every
     * equivariant layer, so it is invariant to relabellings as the spatial mean is to turns and shifts.
     */
    private Normal gaussian(NDArray pooledNodes, Dense hidden, Dense mean, Dense scale) {
        long width = pooledNodes.getShape().get(1);
        NDArray pooled = globalLatent ? pooledNodes.reshape(-1, nodes, width).mean(new int[] {1}) : pooledNodes;
        NDArray f = Activation.relu(hidden.forward(pooled));
        NDArray mu = mean.forward(f);
        NDArray sigma = Activation.softPlus(scale.forward(f)).add(SIGMA_FLOOR);
        return globalLatent ? new Normal(mu, sigma)
                : new Normal(mu.reshape(-1, nodes, latent), sigma.reshape(-1, nodes, latent));
    }

    /** z as one vector per node, (B N, latent): a global z is the same for every node. */
    private NDArray latentPerNode(NDArray z, long grids) {
        NDArray perNode = globalLatent ? z.expandDims(1).repeat(1, nodes) : z;
        return perNode.reshape(grids, latent);
    }

    /** z as one (latent, L, L) grid per node, (B N, latent, L, L): a global z is the same for every node. */
    private NDArray latentGrids(NDArray z, long[] nodeGridShape) {
        return latentPerNode(z, nodeGridShape[0]).reshape(nodeGridShape[0], latent, 1, 1).repeat(2, nodeGridShape[2])
                .repeat(3, nodeGridShape[3]);
    }

    private NDList hidden(NDArray state, boolean training) {
        CellStates.checkIds(state, nodes);
        Intermediates lifetimes = Intermediates.forPass(training);
        NDArray e = lifetimes.step(() -> encoder.forward(CellStates.nodeFeatures(state, nodes, typeClasses)));
        NDArray p = average ? processor.forwardAveraged(e, null, nodes, lifetimes)
                : processor.forward(e, nodes, lifetimes);
        NDArray h = e.add(p);
        lifetimes.done(p);
        return new NDList(perSample(h, nodes), perSample(e, nodes), CellStates.nodeTypes(state, nodes));
    }

    private Distribution priorOf(NDList h, boolean training) {
        Intermediates lifetimes = Intermediates.forPass(training);
        NDArray hidden = flatNodes(h.get(0));
        NDArray pooled = averagePooled ? priorNet.forwardAveraged(hidden, lifetimes)
                : priorNet.forward(hidden, lifetimes);
        return gaussian(pooled, priorHidden, priorMean, priorScale);
    }

    private Distribution posteriorOf(NDList h, NDArray target, boolean training) {
        Intermediates lifetimes = Intermediates.forPass(training);
        NDArray input = lifetimes.step(() -> NDArrays.concat(new NDList(flatNodes(h.get(0)),
                CellStates.nodeFeatures(target, nodes, typeClasses)), 1));
        NDArray pooled = averagePooled ? posteriorNet.forwardAveraged(input, lifetimes)
                : posteriorNet.forward(input, lifetimes);
        lifetimes.done(input);
        return gaussian(pooled, posteriorHidden, posteriorMean, posteriorScale);
    }

    private Distribution decode(NDList h, NDArray z, boolean training) {
        Intermediates lifetimes = Intermediates.forPass(training);
        NDArray hidden = flatNodes(h.get(0));
        long[] s = hidden.getShape().getShape();
        NDArray d;
        if (average) {
            // The latent is constant over each node's grid: its share of every convolution is one vector.
            d = decoderLayer.forwardAveraged(hidden, latentPerNode(z, s[0]), nodes, lifetimes);
        } else {
            NDArray input = lifetimes.step(() -> NDArrays.concat(new NDList(hidden, latentGrids(z, s)), 1));
            d = decoderLayer.forward(input, nodes, lifetimes);
            lifetimes.done(input);
        }
        NDArray logits = lifetimes.step(() -> head.forward(flatNodes(h.get(1)).add(d)))
                .reshape(s[0] / nodes, nodes, s[2], s[3]);
        lifetimes.done(d);
        return new CellStateDistribution(logits, h.get(2), typeClasses);
    }

    /**
     * The per-node KL divided by the number of nodes (spec section 1.3), so it does not grow with the
     * cell count. A global latent is one vector per sample whatever the cell count, as the PNS's, so
     * its KL is not divided (spec 1.3 for global-z models). The domain's beta makes the weight per
     * nat of KL the reference's in both cases ({@link CellularDomain#trainingConfig}).
     */
    @Override
    public double klScale() {
        return globalLatent ? 1.0 : 1.0 / nodes;
    }

    /**
     * Per-cell latents share one free-bits statistic per latent dimension across the nodes, as the
     * reference's grid model: its value is the node-averaged KL of that dimension per sample. The
     * global latent has one per dimension anyway.
     */
    @Override
    public FreeBitsGrouping freeBitsGrouping() {
        return globalLatent ? FreeBitsGrouping.PER_ELEMENT : FreeBitsGrouping.PER_DIMENSION;
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
