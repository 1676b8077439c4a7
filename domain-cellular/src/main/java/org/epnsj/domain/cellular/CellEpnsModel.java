package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.Set;
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
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.epnsj.domain.cellular.CellWindows.Field;
import org.epnsj.runtime.distribution.Normal;
import org.epnsj.runtime.nn.Dense;
import org.epnsj.runtime.nn.Intermediates;
import org.epnsj.runtime.nn.ParameterSet;
import org.epnsj.runtime.nn.ParameterizedTransitionModel;
import org.epnsj.runtime.ops.Ops;

/**
 * The cell EPNS (spec sections 4.2-4.6): one node per cell id 0..cells (the medium and absent ids
 * included), each node a grid of [its id mask, the whole grid's one-hot type map]; a 1x1 encoder,
 * a SpatialConv-GNN processor with the residual h = e + P(e); per-node Gaussian latents from
 * pooled convolutional prior and posterior nets; a SpatialConv-GNN decoder on [h, z] with the
 * residual e + D(h, z), a 1x1 head to one logit map per node, and a per-pixel categorical over the
 * nodes. The number of nodes is fixed at cells + 1 (the reference's N when every id is present), so
 * relabelling cells permutes nodes exactly.
 *
 * <p>The p4 setting computes every node as its difference from an empty id's grids on a window
 * around its cell ({@link CellWindows}): the same values as on full node grids. Its per-cell latent
 * enters the decoder on the sites within the processor's node reach of the cell only (zero
 * elsewhere), so that a node's grids differ from the empty id's only near its cell; an id's logits
 * far from its cell are then the empty id's. The global latent, the same for every node, enters
 * every site. The reference setting computes full node grids.
 *
 * <p>With a {@link Latent#GLOBAL} latent the prior and posterior also average their pooled node
 * vectors over the nodes, giving one latent per sample that no relabelling, turn or shift changes
 * (spec 2.2, {@code do_node_aggregation}); the decoder broadcasts it to every node and pixel. The
 * layers, and so the parameters, are those of the per-cell latent.
 *
 * <p>h is the list [h (B, N, C, L, L), e (B, N, C, L, L), node types (B, N)]; in the p4 setting it
 * also carries the windowed form its components read ({@link WindowedHidden}).
 */
final class CellEpnsModel extends ParameterizedTransitionModel {

    /** How much symmetry the architecture builds in. */
    enum Setting {
        /** Zero padding, no averaging: permutations only, as the reference. */
        REFERENCE,
        /** Circular padding, averaging over quarter turns, nodes on windows: exact p4 x permutations. */
        P4
    }

    /** Where the latent lives. */
    enum Latent {
        /** One latent per node (B, N, latent): it moves with its cell id. */
        PER_CELL,
        /** One latent per sample (B, latent), pooled over nodes and pixels: invariant. */
        GLOBAL,
        /**
         * One latent per node (B, N, latent) in the regular representation of C4: four blocks of
         * latent / 4 values, block k read off the cell as turned by k quarter turns, so that a quarter
         * turn of the state shifts the blocks cyclically ({@link NodeFieldAction}). An invariant
         * latent can move a cell only along directions its surroundings single out: a cell whose
         * surroundings look the same from all four sides keeps its place for every z, and the mean
         * readout of such a model loses the lattice's random motion. Blocks that differ can tell
         * the decoder's four turned branches apart and so pick a direction. The p4 setting only.
         */
        ORIENTED
    }

    private static final double SIGMA_FLOOR = 1e-5;

    private final boolean windows;
    private final int edgeReach;
    private final int nodeReach;
    private final int priorReach;
    private final int decoderEdgeReach;
    private final int margin;

    private final int nodes;
    private final int typeClasses;
    private final int latent;
    private final boolean average;
    private final boolean averagePooled;
    private final boolean globalLatent;
    private final boolean oriented;
    /** Latent values per pooled vector: latent, or latent / 4 per quarter turn when oriented. */
    private final int pooledLatent;
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
        this(name, context, size, cells, types, setting, latentLayout, true);
    }

    /**
     * Builds the model with fresh parameters, choosing whether the p4 setting may compute nodes on
     * windows ({@code windows}) or computes every node on the full grid. The function is the same;
     * the full-grid form is what the windows are tested against.
     */
    CellEpnsModel(String name, ModelContext context, EpnsSize size, int cells, int types, Setting setting,
            Latent latentLayout, boolean windows) {
        super(name, new ParameterSet(context.manager(), context.dataType(), context.seed()));
        this.windows = windows;
        // Receptive reaches in sites: the processor's edge and node networks, the prior and posterior
        // nets, the decoder's edge network. A node's difference from an empty id reaches at most the
        // margin from its sites: h the node reach (its z the same), the decoder's output twice that,
        // its edge network's output and the pooled nets' grids the node reach plus their own.
        this.edgeReach = size.edgeLayers() * (size.edgeKernel() - 1) / 2;
        this.nodeReach = size.nodeLayers() * (size.nodeKernel() - 1) / 2;
        this.priorReach = size.priorLayers() * (size.priorKernel() - 1) / 2;
        this.decoderEdgeReach = size.edgeLayers() * (size.decoderKernel() - 1) / 2;
        this.margin = Math.max(edgeReach, nodeReach + Math.max(priorReach, Math.max(decoderEdgeReach, nodeReach)));
        this.nodes = cells + 1;
        this.typeClasses = types + 1;
        this.latent = size.latent();
        this.average = setting == Setting.P4;
        // Pointwise (1x1) prior and posterior nets on the equivariant h are already invariant: no averaging needed.
        this.averagePooled = average && size.priorKernel() > 1;
        this.globalLatent = latentLayout == Latent.GLOBAL;
        this.oriented = latentLayout == Latent.ORIENTED;
        if (oriented && (setting != Setting.P4 || latent % GridConv.TURNS != 0)) {
            throw new IllegalArgumentException("an oriented latent needs the p4 setting and a latent size divisible by "
                    + GridConv.TURNS + "; got " + setting + " and " + latent);
        }
        this.pooledLatent = oriented ? latent / GridConv.TURNS : latent;
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
        priorMean = new Dense(params, "prior.mean", c, pooledLatent);
        priorScale = new Dense(params, "prior.scale", c, pooledLatent);
        posteriorMean = new Dense(params, "posterior.mean", c, pooledLatent);
        posteriorScale = new Dense(params, "posterior.scale", c, pooledLatent);
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
     * An oriented latent's pooled vectors are one per node and quarter turn (B N, 4 C), each giving
     * its block of the node's latent.
     */
    private Normal gaussian(NDArray pooledNodes, Dense hidden, Dense mean, Dense scale) {
        long width = oriented ? pooledNodes.getShape().get(1) / GridConv.TURNS : pooledNodes.getShape().get(1);
        NDArray pooled = globalLatent ? pooledNodes.reshape(-1, nodes, width).mean(new int[] {1})
                : pooledNodes.reshape(-1, width);
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
        if (average) {
            return windowedHidden(state, training);
        }
        CellStates.checkIds(state, nodes);
        Intermediates lifetimes = Intermediates.forPass(training);
        NDArray e = lifetimes.step(() -> encoder.forward(CellStates.nodeFeatures(state, nodes, typeClasses)));
        NDArray p = processor.forward(e, nodes, lifetimes);
        NDArray h = e.add(p);
        lifetimes.done(p);
        return new NDList(perSample(h, nodes), perSample(e, nodes), CellStates.nodeTypes(state, nodes));
    }

    /** How the windowed prior and posterior nets pool over the quarter turns. */
    private PooledConvNet.Turns pooling() {
        return oriented ? PooledConvNet.Turns.EACH : averagePooled ? PooledConvNet.Turns.MEAN : PooledConvNet.Turns.NONE;
    }

    private Distribution priorOf(NDList h, boolean training) {
        Intermediates lifetimes = Intermediates.forPass(training);
        if (average) {
            WindowedHidden w = windowed(h);
            return gaussian(priorNet.forwardWindowed(w.plan, w.h, nodeReach, pooling(), lifetimes),
                    priorHidden, priorMean, priorScale);
        }
        return gaussian(priorNet.forward(flatNodes(h.get(0)), lifetimes), priorHidden, priorMean, priorScale);
    }

    private Distribution posteriorOf(NDList h, NDArray target, boolean training) {
        Intermediates lifetimes = Intermediates.forPass(training);
        if (average) {
            return windowedPosterior(windowed(h), target, lifetimes);
        }
        NDArray input = lifetimes.step(() -> NDArrays.concat(new NDList(flatNodes(h.get(0)),
                CellStates.nodeFeatures(target, nodes, typeClasses)), 1));
        NDArray pooled = posteriorNet.forward(input, lifetimes);
        lifetimes.done(input);
        return gaussian(pooled, posteriorHidden, posteriorMean, posteriorScale);
    }

    private Distribution decode(NDList h, NDArray z, boolean training) {
        Intermediates lifetimes = Intermediates.forPass(training);
        if (average) {
            return windowedDecode(windowed(h), z, lifetimes);
        }
        NDArray hidden = flatNodes(h.get(0));
        long[] s = hidden.getShape().getShape();
        NDArray input = lifetimes.step(() -> NDArrays.concat(new NDList(hidden, latentGrids(z, s)), 1));
        NDArray d = decoderLayer.forward(input, nodes, lifetimes);
        lifetimes.done(input);
        NDArray logits = lifetimes.step(() -> head.forward(flatNodes(h.get(1)).add(d)))
                .reshape(s[0] / nodes, nodes, s[2], s[3]);
        lifetimes.done(d);
        return new CellStateDistribution(logits, h.get(2), typeClasses);
    }

    // ------------------------------------------------------------------ the p4 setting on windows

    /**
     * F of the p4 setting: the background (an empty id: a zero mask and the type map) on the full grid
     * of each sample, and each present id either as its difference from the background on a window or
     * on the full grid beside the backgrounds ({@link CellWindows}). An id's encoding differs from the
     * background's by the encoder's mask column times its mask, so the processor's first convolution
     * of an id is the background's plus that of its mask with the filters contracted with the column:
     * the type map's share of it is computed once per sample. The differences of h lie within the
     * processor's node reach of the id's sites.
     */
    private NDList windowedHidden(NDArray state, boolean training) {
        Intermediates lifetimes = Intermediates.forPass(training);
        CellWindows plan = CellWindows.plan(state, nodes, margin, windows,
                Set.of(edgeReach, nodeReach + decoderEdgeReach), Set.of(2 * nodeReach));
        NDManager manager = state.getManager();
        NDArray lift = encoder.pointwise(manager, 0, 1).reshape(-1);
        NDArray liftGrid = lift.reshape(1, -1, 1, 1);
        Field masks = plan.masks(0);
        NDArray groupE = lifetimes.step(() -> plan.perGroupRow(encoder.forwardPointwise(backgroundFeatures(state)))
                .add(masks.group().mul(liftGrid)));
        SpatialConvGnnLayer.Windowed p = processor.forwardWindowed(plan, new Field(groupE, masks.windows()), lift,
                masks.group(), null, null, null, 0, lifetimes);
        NDArray groupH = groupE.add(p.field().group());
        NDArray hWindows = p.field().windows() == null ? null
                : plan.masks(nodeReach).windows().mul(liftGrid).add(p.field().windows());
        p.field().parts().forEach(lifetimes::done);
        NDArray h = plan.perNode(groupH, plan.grow(hWindows, nodeReach, 2 * nodeReach), 2 * nodeReach);
        NDArray e = groupE.get(new ai.djl.ndarray.index.NDIndex("0:" + plan.batch())).expandDims(1)
                .add(CellStates.oneHot(CellStates.ids(state), nodes).expandDims(2).mul(lift.reshape(1, 1, -1, 1, 1)));
        return new WindowedHidden(h, e, CellStates.nodeTypes(state, nodes), plan, groupE, new Field(groupH, hWindows),
                lift, globalLatent ? null : plan.reachMasks(nodeReach, nodeReach),
                plan.masks(2 * nodeReach).windows());
    }

    /** The node features of an empty id: a zero mask and the sample's one-hot type map, (B, 1 + T, L, L). */
    private NDArray backgroundFeatures(NDArray state) {
        NDArray types = CellStates.oneHot(CellStates.types(state), typeClasses);
        long[] s = types.getShape().getShape();
        NDArray zero = state.getManager().zeros(new Shape(s[0], 1, s[2], s[3]), types.getDataType());
        return NDArrays.concat(new NDList(zero, types), 1).stopGradient();
    }

    /**
     * The posterior net on [h, the target's node features]: the background's input is [h of the
     * background, a zero mask, the target's type map], an item's difference is [its h difference, its
     * target mask], at the smallest radius that holds the targets and from which the net widens to at
     * most the margin. Nodes whose target sites lie beyond that (or that are absent from the input but
     * not from the target) are computed on the full grid.
     */
    private Distribution windowedPosterior(WindowedHidden w, NDArray target, Intermediates lifetimes) {
        CellWindows.Targets targets = w.plan.targets(target, nodeReach, margin - priorReach);
        CellWindows plan = targets.plan();
        int radius = targets.radius();
        Field h = w.plan.moveTo(plan, new Field(w.h.group(), w.plan.grow(w.h.windows(), nodeReach, radius)), radius);
        Field targetMasks = targets.masks();
        NDArray typeMap = CellStates.oneHot(CellStates.types(target), typeClasses).stopGradient();
        NDArray group = NDArrays.concat(new NDList(h.group(), targetMasks.group(), plan.perGroupRow(typeMap)), 1);
        NDArray windowInput = h.windows() == null ? null
                : NDArrays.concat(new NDList(h.windows(), targetMasks.windows()), 1);
        NDArray pooled = posteriorNet.forwardWindowed(plan, new Field(group, windowInput), radius, pooling(),
                lifetimes);
        return gaussian(pooled, posteriorHidden, posteriorMean, posteriorScale);
    }

    /**
     * The decoder on [h, z] and the 1x1 head on e + D. A per-cell z enters on the sites within the
     * processor's node reach of its cell (where the cell's h can differ from an empty id's), zero
     * elsewhere: so an id's logits far from its cell are the background's, the same for every such id.
     * A global z is the same for every node and enters everywhere, through the background.
     */
    private Distribution windowedDecode(WindowedHidden w, NDArray z, Intermediates lifetimes) {
        CellWindows plan = w.plan;
        SpatialConvGnnLayer.Windowed d = globalLatent
                ? decoderLayer.forwardWindowed(plan, w.h, null, null, plan.perGroupRow(z), null, null, nodeReach,
                        lifetimes)
                : decoderLayer.forwardWindowed(plan, w.h, null, null, null, plan.nodeValues(oriented
                        ? turnedLatents(z) : z.reshape(-1, latent)), w.reach, nodeReach, lifetimes);
        NDManager manager = w.groupE.getManager();
        NDArray liftGrid = w.lift.reshape(1, -1, 1, 1);
        Field out = d.field();
        NDArray groupLogits = lifetimes.step(() -> head.forwardPointwise(w.groupE.add(out.group())));
        NDArray windowLogits = out.windows() == null ? null : GridConv.applyPointwise(w.outputMasks.mul(liftGrid)
                .add(out.windows()), head.pointwise(manager, 0, head.in()));
        out.parts().forEach(lifetimes::done);
        NDArray logits = plan.perNode(groupLogits, windowLogits, d.radius());
        long[] s = logits.getShape().getShape();
        return new CellStateDistribution(logits.reshape(s[0], s[1], s[3], s[4]), w.get(2), typeClasses);
    }

    /**
     * An oriented latent (B, N, 4 D) as the decoder's four turned branches read it, (B N, 4 latent):
     * branch k reads the blocks k, k + 1, k + 2, k + 3 (mod 4). A quarter turn of the state shifts
     * the blocks by one and the branches by one, so the decoder stays equivariant.
     */
    private NDArray turnedLatents(NDArray z) {
        NDArray blocks = z.reshape(-1, GridConv.TURNS, pooledLatent);
        NDList branches = new NDList(GridConv.TURNS);
        for (int k = 0; k < GridConv.TURNS; k++) {
            branches.add(k == 0 ? blocks
                    : NDArrays.concat(new NDList(blocks.get(":, " + k + ":"), blocks.get(":, :" + k)), 1));
        }
        return NDArrays.concat(branches, 1).reshape(-1, (long) GridConv.TURNS * latent);
    }

    private static WindowedHidden windowed(NDList h) {
        if (h instanceof WindowedHidden w) {
            return w;
        }
        throw new IllegalArgumentException("the p4 cell EPNS reads h only as its forward model made it (with its "
                + "node windows); got a list of " + h.size() + " arrays");
    }

    /**
     * h of the p4 setting: the list [h (B, N, C, L, L), e (B, N, C, L, L), node types (B, N)] that
     * every cell EPNS returns, carrying the windowed form its components read: the plan, e of the
     * group (the backgrounds and the full nodes), h as a windowed field (differences at the node
     * reach), the encoder's mask column, for per-cell latents the reach masks, and the windows' masks
     * at the decoder output's radius.
     */
    static final class WindowedHidden extends NDList {

        private static final long serialVersionUID = 1L;

        private final transient CellWindows plan;
        private final transient NDArray groupE;
        private final transient Field h;
        private final transient NDArray lift;
        private final transient Field reach;
        private final transient NDArray outputMasks;

        WindowedHidden(NDArray hGrids, NDArray eGrids, NDArray types, CellWindows plan, NDArray groupE, Field h,
                NDArray lift, Field reach, NDArray outputMasks) {
            super(hGrids, eGrids, types);
            this.plan = plan;
            this.groupE = groupE;
            this.h = h;
            this.lift = lift;
            this.reach = reach;
            this.outputMasks = outputMasks;
        }

        /** The plan of the input's nodes. */
        CellWindows plan() {
            return plan;
        }
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
