package org.epnsj.conformance;

import java.util.List;
import java.util.Locale;

/**
 * The rules of the kit. A rule's id is its lower-case name; {@code required_…} rules must hold for
 * every plugin, {@code optional_…} rules depend on a capability, {@code stochastic_…} rules are
 * statistical (slow tier). Each constant's documentation, and its {@link #hint()}, says what to look
 * at when it fails.
 */
public enum Rule {

    /** {@code compose(e, g) == g == compose(g, e)}. On failure: {@code identity()} or {@code compose}. */
    REQUIRED_GROUP_IDENTITY("check identity() and compose(); a wrong identity often has the wrong sign or angle unit"),

    /** {@code compose(g, inverse(g)) == e == compose(inverse(g), g)}. On failure: {@code inverse}. */
    REQUIRED_GROUP_INVERSE("check inverse(): transposed vs inverted matrices, negated translations, inverse permutations"),

    /** {@code compose(a, compose(b, c)) == compose(compose(a, b), c)}. On failure: {@code compose}, normalisation. */
    REQUIRED_GROUP_ASSOCIATIVITY("check compose() for semidirect products: the translation part must be rotated by the left factor"),

    /**
     * Finite groups: {@code elements()} has {@code order()} distinct members, is closed under compose
     * and inverse, and contains every testing element. On failure: the element list or the
     * canonical form of elements (two values for one element break {@code distance}).
     */
    REQUIRED_GROUP_CLOSURE("check elements(), order() and that equal elements have one canonical value"),

    /**
     * {@code distance(g, g) == 0} and {@code distance(a, b) == distance(b, a)}. On failure:
     * {@code distance}, e.g. an angle difference not taken modulo 2 pi.
     */
    REQUIRED_GROUP_DISTANCE("check distance(): symmetric, zero on equal elements, wrap-around handled"),

    /** {@code act(e, x) == x}. On failure: the action ignores the identity's representation. */
    REQUIRED_ACTION_IDENTITY("check the reference act(): the identity must leave every entry unchanged"),

    /**
     * {@code act(compose(g, h), x) == act(g, act(h, x))}: a left action. On failure: the action
     * applies the inverse or transpose of g (a right action), or compose uses the other order.
     */
    REQUIRED_ACTION_COMPATIBILITY("a right action (g^-1 or transposed matrices) or compose in the wrong order"),

    /**
     * The {@code NDArray} form of the action equals the reference {@code DoubleTensor} form, sample
     * by sample, in float64. On failure: row- vs column-vector convention, axis order, or a batch
     * axis that is transformed too.
     */
    REQUIRED_ACTION_ARRAY_MATCHES_REFERENCE("compare act(g, NDArray) with act(g, DoubleTensor): x R vs x R^T, axis order, batch axis"),

    /** The reference action does not modify its input. On failure: an in-place update of {@code x.data()}. */
    REQUIRED_ACTION_PURE("the reference act() wrote into its input; copy the data first"),

    /**
     * A deterministic map f declared equivariant satisfies {@code f(g x) == g f(x)}. On failure: a
     * padding that is not periodic, an unrotated vector channel, an output transformed by g^-1.
     */
    REQUIRED_MAP_EQUIVARIANT("padding (zero vs circular), channels left untransformed, outputs transformed by g^-1"),

    /**
     * The forward model is equivariant: each element i of {@code h = F(x)} satisfies
     * {@code F(g x)[i] == g_i F(x)[i]} for the declared hidden actions (trivial for invariant
     * features). Skipped with a reason when the contract declares no hidden actions. On failure:
     * features computed from coordinates instead of invariants, or a wrong declaration.
     */
    REQUIRED_FORWARD_EQUIVARIANT("F(g x) vs g F(x) per element of h: do the features use only invariants / equivariant vectors?"),

    /**
     * The prior's mean transforms by the declared latent action: {@code mean p(z | F(g x)) == g_z mean
     * p(z | F(x))}. On failure: the latent's declaration (invariant vs equivariant, per node vs
     * global) or the supplied latent action.
     */
    REQUIRED_PRIOR_EQUIVARIANT("prior mean vs the latent action: is the latent invariant or equivariant, per node or global?"),

    /**
     * The prior's density is invariant: {@code log p(g_z z | F(g x)) == log p(z | F(x))}. On
     * failure: an anisotropic scale (one sigma per coordinate of a vector).
     */
    REQUIRED_PRIOR_DENSITY_INVARIANT("the prior's scales must be isotropic per equivariant block (one sigma per vector)"),

    /**
     * The posterior's mean transforms by the latent action: {@code mean q(z | F(g x), g y) == g_z mean
     * q(z | F(x), y)}. On failure: the posterior sees non-invariant features of the target.
     */
    REQUIRED_POSTERIOR_EQUIVARIANT("posterior mean vs the latent action: features of the target must be invariant"),

    /**
     * Coupled noise: with z drawn once and transformed by the latent action,
     * {@code mean p(x' | F(g x), g_z z) == g mean p(x' | F(x), z)}. On failure: the decoder treats an
     * equivariant latent as invariant (or the reverse), or the state action and the decoder disagree.
     */
    REQUIRED_DECODER_EQUIVARIANT("decoder mean with coupled noise: a latent used as invariant scalars, or a vector latent left unrotated"),

    /**
     * The decoder's density is invariant: {@code log p(g y | F(g x), g_z z) == log p(y | F(x), z)}.
     * On failure: anisotropic output scales.
     */
    REQUIRED_DECODER_DENSITY_INVARIANT("the decoder's scales must be isotropic per equivariant block"),

    /**
     * One whole step with coupled noise: {@code readout(g x, ...) == g readout(x, ...)}. On failure:
     * {@code readout} (static channels copied from the wrong place, derived channels recomputed in
     * a fixed frame).
     */
    REQUIRED_TRANSITION_STEP_EQUIVARIANT("readout(): static channels and derived channels must follow the action"),

    /**
     * Distributional: rollouts from {@code g x}, mapped back by g^-1, have the same distribution as
     * rollouts from x (two-sample Kolmogorov-Smirnov per coordinate, Bonferroni-corrected). On
     * failure: noise that is not isotropic, or any of the pointwise rules above.
     */
    STOCHASTIC_ROLLOUT_DISTRIBUTION_EQUIVARIANT("rollout distributions differ: anisotropic noise, or a pointwise rule fails too"),

    /** Every {@code META-INF/services} line names a loadable provider class. On failure: the class name or its constructor. */
    REQUIRED_SERVICE_ENTRIES_RESOLVE("a META-INF/services line names a missing class or one without a public no-argument constructor"),

    /** Plugin ids are unique per kind. On failure: two providers with the same {@code id()}. */
    REQUIRED_UNIQUE_PLUGIN_IDS("two providers share an id()"),

    /** A domain's {@code symmetryId()} names a discovered symmetry whose group acts on its states. */
    REQUIRED_DOMAIN_SYMMETRY_RESOLVES("symmetryId() names no discovered SymmetryProvider, or stateAction().group() has another id"),

    /**
     * A model built from its {@code ModelDescription} has the description's name, and its components
     * claim what the description claims: every component {@code NONE} when it claims no kind of
     * symmetry, none {@code NONE} when it claims some. On failure: the description's
     * {@code symmetries} or the components' {@code Transformation}s.
     */
    REQUIRED_MODEL_MATCHES_DESCRIPTION("the model's name or its components' Transformations disagree with its ModelDescription");

    private final String hint;

    Rule(String hint) {
        this.hint = hint;
    }

    /** The rule id used in test names and reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What to look at when the rule fails: the rule's general hint. A failure's report carries a more
     * specific one when the kit recognises the shape of the error ({@link CheckReport#hint()}).
     */
    public String hint() {
        return hint;
    }

    /**
     * The rules whose failure makes this one fail as well, in the order to fix them: the density and
     * step rules read the decoder's mean, the prior density reads the prior's mean, every model rule
     * reads the forward model's h, and the distribution of rollouts follows from all the pointwise
     * model rules. When this rule fails and one of these fails on the same elements, the report names
     * it as the likely cause ({@link CheckReport#likelyCauses()}). Empty for the other rules.
     */
    public List<Rule> followsFrom() {
        return switch (this) {
            case REQUIRED_PRIOR_EQUIVARIANT, REQUIRED_POSTERIOR_EQUIVARIANT, REQUIRED_DECODER_EQUIVARIANT ->
                    List.of(REQUIRED_FORWARD_EQUIVARIANT);
            case REQUIRED_PRIOR_DENSITY_INVARIANT -> List.of(REQUIRED_FORWARD_EQUIVARIANT, REQUIRED_PRIOR_EQUIVARIANT);
            case REQUIRED_DECODER_DENSITY_INVARIANT, REQUIRED_TRANSITION_STEP_EQUIVARIANT ->
                    List.of(REQUIRED_FORWARD_EQUIVARIANT, REQUIRED_DECODER_EQUIVARIANT);
            case STOCHASTIC_ROLLOUT_DISTRIBUTION_EQUIVARIANT -> List.of(REQUIRED_FORWARD_EQUIVARIANT,
                    REQUIRED_PRIOR_EQUIVARIANT, REQUIRED_PRIOR_DENSITY_INVARIANT, REQUIRED_DECODER_EQUIVARIANT,
                    REQUIRED_DECODER_DENSITY_INVARIANT, REQUIRED_TRANSITION_STEP_EQUIVARIANT);
            default -> List.of();
        };
    }
}
