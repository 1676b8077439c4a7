package org.epnsj.conformance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.epnsj.api.group.TrivialAction;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.Readout;
import org.epnsj.api.model.Transformation;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.runtime.noise.SeededNoise;

/**
 * Coupled-noise equivariance of the components of a {@link TransitionModel}: the latent z is drawn
 * once from the prior at x and moved by the latent action for g x, so a correct model gives exactly
 * transformed outputs. The forward model is checked directly when the caller declares how the group
 * acts on each element of h ({@link #checkForward}), and always through the prior, posterior and
 * decoder that read it.
 *
 * <p>Components that declare {@link Transformation#NONE} are skipped with a reason; an
 * {@link Transformation#INVARIANT} decoder is compared with the trivial action.
 *
 * @param <E> the group's element type
 */
public final class TransitionModelChecks<E> {

    private final TransitionModel model;
    private final GroupAction<E> stateAction;
    private final GroupAction<E> latentAction;
    private final List<DoubleTensor> states;
    private final List<DoubleTensor> targets;
    private final NDManager manager;
    private final long seed;
    private final Tolerance tolerance;
    private final DataType dataType;
    private final List<GroupAction<E>> hidden;

    /**
     * Checks for one model.
     *
     * @param model the model under test (float64 for the tightest tolerance)
     * @param stateAction how the group acts on states
     * @param latentAction how the group acts on one sample of z; a {@link TrivialAction} for invariant latents
     * @param states float64 input states (no batch axis)
     * @param targets float64 next-state targets for the posterior, as many as {@code states}
     * @param manager the parent manager; each check frees what it creates
     * @param seed seeds the latent draws (and records the inputs' seed)
     */
    public TransitionModelChecks(TransitionModel model, GroupAction<E> stateAction, GroupAction<E> latentAction,
            List<DoubleTensor> states, List<DoubleTensor> targets, NDManager manager, long seed) {
        this(model, stateAction, latentAction, states, targets, manager, seed, null);
    }

    private TransitionModelChecks(TransitionModel model, GroupAction<E> stateAction, GroupAction<E> latentAction,
            List<DoubleTensor> states, List<DoubleTensor> targets, NDManager manager, long seed,
            List<GroupAction<E>> hidden) {
        if (states.size() != targets.size()) {
            throw new IllegalArgumentException("targets must match states in number: " + targets.size() + " vs "
                    + states.size());
        }
        this.model = model;
        this.stateAction = stateAction;
        this.latentAction = latentAction;
        this.states = List.copyOf(states);
        this.targets = List.copyOf(targets);
        this.manager = manager;
        this.seed = seed;
        this.dataType = model.dataType();
        this.tolerance = Tolerance.forDataType(dataType);
        this.hidden = hidden == null ? null : List.copyOf(hidden);
    }

    /**
     * These checks with the actions on the forward model's output h declared (as for
     * {@link #checkForward}), so that a failing rule that reads h can name
     * {@link Rule#REQUIRED_FORWARD_EQUIVARIANT} as its likely cause.
     */
    public TransitionModelChecks<E> withHiddenActions(List<GroupAction<E>> hiddenActions) {
        return new TransitionModelChecks<>(model, stateAction, latentAction, states, targets, manager, seed,
                hiddenActions);
    }

    private String skipReason(Rule rule) {
        if (model.forwardModel().transformation() == Transformation.NONE) {
            return "the forward model declares Transformation.NONE: no symmetry is claimed";
        }
        return switch (rule) {
            case REQUIRED_PRIOR_EQUIVARIANT, REQUIRED_PRIOR_DENSITY_INVARIANT ->
                    model.prior().transformation() == Transformation.NONE ? "the prior declares Transformation.NONE" : null;
            case REQUIRED_POSTERIOR_EQUIVARIANT ->
                    model.posterior().transformation() == Transformation.NONE ? "the posterior declares Transformation.NONE"
                            : null;
            default -> model.decoder().transformation() == Transformation.NONE
                    ? "the decoder declares Transformation.NONE" : null;
        };
    }

    private GroupAction<E> outputAction() {
        return model.decoder().transformation() == Transformation.INVARIANT
                ? new TrivialAction<>(stateAction.group(), stateAction.name()) : stateAction;
    }

    private String input(int i) {
        return ActionLawChecks.input(i, states.get(i), seed);
    }

    /**
     * Runs one rule on the given elements. A failure says what was found when the error has a known
     * shape (a constant or frame-dependent offset, an output that does not move or moves by g^-1), and
     * names the rules it follows from ({@link Rule#followsFrom()}) that fail on the same elements as
     * its likely causes.
     */
    public CheckReport check(Rule rule, List<E> elements) {
        CheckReport report = measure(rule, elements);
        if (report.status() != CheckStatus.FAIL) {
            return report;
        }
        return report.withLikelyCauses(likelyCauses(rule, elements));
    }

    /**
     * The rules {@code rule} follows from ({@link Rule#followsFrom()}) that fail on {@code elements}, by
     * id: the forward model's rule only when hidden actions are declared ({@link #withHiddenActions}).
     */
    public List<String> likelyCauses(Rule rule, List<E> elements) {
        List<String> causes = new ArrayList<>();
        for (Rule prerequisite : rule.followsFrom()) {
            CheckReport r = prerequisite == Rule.REQUIRED_FORWARD_EQUIVARIANT
                    ? (hidden == null ? null : measureForward(hidden, elements)) : measure(prerequisite, elements);
            if (r != null && r.status() == CheckStatus.FAIL) {
                causes.add(prerequisite.id());
            }
        }
        return causes;
    }

    private CheckReport measure(Rule rule, List<E> elements) {
        String skip = skipReason(rule);
        if (skip != null) {
            return CheckReport.skipped(rule.id(), skip, seed);
        }
        Worst w = new Worst(rule, tolerance.value(), seed);
        ResidualDiagnosis<E> residuals = null;
        try (NDManager m = manager.newSubManager()) {
            NDArray x = Tensors.toBatch(m, states, dataType);
            NDList h = model.forwardModel().forward(x, false);
            Distribution prior = model.prior().prior(h, false);
            NDArray z = prior.sample(new SeededNoise(seed));
            List<DoubleTensor> zs = Tensors.fromBatch(z);
            for (E g : elements) {
                NDArray gx = Tensors.toBatch(m, EquivarianceChecks.actAll(stateAction, g, states), dataType);
                NDList gh = model.forwardModel().forward(gx, false);
                NDArray gz = Tensors.toBatch(m, EquivarianceChecks.actAll(latentAction, g, zs), dataType);
                switch (rule) {
                    case REQUIRED_PRIOR_EQUIVARIANT -> residuals = compare(w, residuals, "the prior mean", g,
                            model.prior().prior(gh, false).mean(), prior.mean(), latentAction);
                    case REQUIRED_PRIOR_DENSITY_INVARIANT -> compareDensity(w, g, model.prior().prior(gh, false).logProb(gz),
                            prior.logProb(z));
                    case REQUIRED_POSTERIOR_EQUIVARIANT -> {
                        NDArray y = Tensors.toBatch(m, targets, dataType);
                        NDArray gy = Tensors.toBatch(m, EquivarianceChecks.actAll(stateAction, g, targets), dataType);
                        residuals = compare(w, residuals, "the posterior mean", g,
                                model.posterior().posterior(gh, gy, false).mean(),
                                model.posterior().posterior(h, y, false).mean(), latentAction);
                    }
                    case REQUIRED_DECODER_EQUIVARIANT -> residuals = compare(w, residuals, "the decoder mean", g,
                            model.decoder().decode(gh, gz, false).mean(), model.decoder().decode(h, z, false).mean(),
                            outputAction());
                    case REQUIRED_DECODER_DENSITY_INVARIANT -> {
                        Distribution dec = model.decoder().decode(h, z, false);
                        NDArray y = dec.sample(new SeededNoise(seed + 1));
                        NDArray gy = EquivarianceChecks.actBatch(outputAction(), g, y, dataType);
                        compareDensity(w, g, model.decoder().decode(gh, gz, false).logProb(gy), dec.logProb(y));
                    }
                    case REQUIRED_TRANSITION_STEP_EQUIVARIANT -> {
                        NDArray next = model.readout(x, model.decoder().decode(h, z, false), Readout.MEAN,
                                new SeededNoise(seed + 2));
                        NDArray gnext = model.readout(gx, model.decoder().decode(gh, gz, false), Readout.MEAN,
                                new SeededNoise(seed + 2));
                        residuals = compare(w, residuals, "the step's output (readout of the decoder mean)", g, gnext,
                                next, stateAction);
                    }
                    default -> throw new IllegalArgumentException("rule " + rule.id() + " is not a transition-model rule");
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("rule ")) {
                throw e;
            }
            return CheckReport.crashed(rule.id(), e, seed, String.valueOf(elements), "");
        }
        return w.report(residuals == null ? Optional.empty() : residuals.diagnose());
    }

    /**
     * {@link Rule#REQUIRED_FORWARD_EQUIVARIANT}: every element i of {@code F(g x)} equals
     * {@code hidden.get(i)} applied to element i of {@code F(x)}.
     */
    public CheckReport checkForward(List<GroupAction<E>> hidden, List<E> elements) {
        return measureForward(hidden, elements);
    }

    private CheckReport measureForward(List<GroupAction<E>> hidden, List<E> elements) {
        Rule rule = Rule.REQUIRED_FORWARD_EQUIVARIANT;
        if (model.forwardModel().transformation() == Transformation.NONE) {
            return CheckReport.skipped(rule.id(), "the forward model declares Transformation.NONE", seed);
        }
        Worst w = new Worst(rule, tolerance.value(), seed);
        List<ResidualDiagnosis<E>> residuals = new ArrayList<>();
        try (NDManager m = manager.newSubManager()) {
            NDArray x = Tensors.toBatch(m, states, dataType);
            NDList h = model.forwardModel().forward(x, false);
            if (h.size() != hidden.size()) {
                throw new IllegalArgumentException("h has " + h.size() + " elements but " + hidden.size()
                        + " hidden actions are declared");
            }
            for (int i = 0; i < h.size(); i++) {
                residuals.add(null);
            }
            for (E g : elements) {
                NDArray gx = Tensors.toBatch(m, EquivarianceChecks.actAll(stateAction, g, states), dataType);
                NDList gh = model.forwardModel().forward(gx, false);
                for (int i = 0; i < h.size(); i++) {
                    residuals.set(i, compare(w, residuals.get(i), "element " + i + " of h (the forward model's output)",
                            g, gh.get(i), h.get(i), hidden.get(i)));
                }
            }
        } catch (RuntimeException e) {
            return CheckReport.crashed(rule.id(), e, seed, String.valueOf(elements), "");
        }
        // The first element of h with a recognised shape speaks for the failure.
        Optional<ResidualDiagnosis.Finding> finding = Optional.empty();
        for (ResidualDiagnosis<E> r : residuals) {
            finding = finding.or(() -> r == null ? Optional.empty() : r.diagnose());
        }
        return w.report(finding);
    }

    /** Compares {@code actual} with {@code action} applied to {@code untransformed}, per sample. */
    private ResidualDiagnosis<E> compare(Worst w, ResidualDiagnosis<E> residuals, String component, E g,
            NDArray actual, NDArray untransformed, GroupAction<E> action) {
        ResidualDiagnosis<E> r = residuals != null ? residuals
                : new ResidualDiagnosis<>(action, component, tolerance.value());
        List<DoubleTensor> got = Tensors.fromBatch(actual);
        List<DoubleTensor> base = Tensors.fromBatch(untransformed);
        for (int i = 0; i < base.size(); i++) {
            DoubleTensor expected = action.act(g, base.get(i));
            w.add(Tensors.scaledError(got.get(i), expected), g, input(i));
            r.add(g, got.get(i), base.get(i), expected);
        }
        return r;
    }

    private void compareDensity(Worst w, E g, NDArray actual, NDArray expected) {
        double[] a = perSample(actual);
        double[] e = perSample(expected);
        for (int i = 0; i < e.length; i++) {
            w.add(Math.abs(a[i] - e[i]) / Math.max(1, Math.abs(e[i])), g, input(i));
        }
    }

    private static double[] perSample(NDArray logProb) {
        long b = logProb.getShape().get(0);
        return logProb.toType(DataType.FLOAT64, false).reshape(b, -1).sum(new int[] {1}).toDoubleArray();
    }
}
