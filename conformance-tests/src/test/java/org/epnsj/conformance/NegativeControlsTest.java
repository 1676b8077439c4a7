package org.epnsj.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.epnsj.api.group.TrivialAction;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.api.group.GroupAction;
import org.epnsj.api.group.SymmetryKind;
import org.epnsj.api.model.TransitionModel;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.api.spi.ModelDescription;
import org.epnsj.conformance.fixtures.Fixtures;
import org.epnsj.conformance.fixtures.Fixtures.Element;
import org.epnsj.conformance.fixtures.Fixtures.FiniteGroup;
import org.epnsj.conformance.fixtures.Fixtures.MotionDefect;
import org.epnsj.conformance.fixtures.PlanarFixtureModel;
import org.epnsj.conformance.fixtures.PlanarFixtureModel.Variant;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Deliberately broken fixtures: each must be detected (FAIL) by the check that targets it, while its
 * correct twin passes, so a detection is caused by the defect and not by the fixture. Seed 7, float64
 * tolerance 1e-9.
 */
class NegativeControlsTest {

    private static final long SEED = 7;
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = Engines.newManager("mxnet", DeviceKind.CPU);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static void detected(Rule rule, CheckReport broken, CheckReport correct) {
        assertThat(broken.rule()).isEqualTo(rule.id());
        assertThat(broken.status()).as("broken fixture: %s", broken.describe()).isEqualTo(CheckStatus.FAIL);
        assertThat(broken.worstElement()).as("the failure names an element").isNotEmpty();
        assertThat(correct.rule()).isEqualTo(rule.id());
        assertThat(correct.status()).as("correct twin: %s", correct.describe()).isEqualTo(CheckStatus.PASS);
    }

    /**
     * The broken fixture fails exactly the {@code expected} rules of its family, each failure naming
     * an element, and its correct twin passes every rule of the family.
     */
    private static void rejectedBy(Set<Rule> expected, List<CheckReport> broken, List<CheckReport> correct) {
        Set<String> failing = new TreeSet<>();
        for (CheckReport r : broken) {
            if (r.status() == CheckStatus.FAIL) {
                failing.add(r.rule());
                assertThat(r.worstElement()).as("the failure names an element: %s", r.describe()).isNotEmpty();
            }
        }
        assertThat(failing).as("rules failed by the broken fixture").containsExactlyInAnyOrderElementsOf(
                expected.stream().map(Rule::id).toList());
        for (CheckReport r : correct) {
            assertThat(r.status()).as("correct twin: %s", r.describe()).isEqualTo(CheckStatus.PASS);
        }
    }

    /** Every group law on all elements of a finite group. */
    private static List<CheckReport> groupLaws(FiniteGroup group) {
        List<Element> all = group.elements();
        return List.of(GroupLawChecks.identity(group, all, SEED), GroupLawChecks.inverse(group, all, SEED),
                GroupLawChecks.associativity(group, all, 256, SEED), GroupLawChecks.distance(group, all, SEED),
                GroupLawChecks.closure(group, SEED));
    }

    /** Every action law on all elements of D4 and four seeded (3, 2) point clouds. */
    private static List<CheckReport> actionLaws(GroupAction<Element> action) {
        List<Element> all = action.group().elements();
        List<DoubleTensor> inputs = FixtureInputs.gaussian(3, 2).draw(4, SEED);
        return List.of(ActionLawChecks.identity(action, inputs, SEED),
                ActionLawChecks.compatibility(action, all, all, inputs, SEED),
                ActionLawChecks.arrayMatchesReference(action, all, inputs, manager, SEED),
                ActionLawChecks.pure(action, all, inputs, SEED));
    }

    /** The checks of a planar fixture model with an equivariant latent, h declared as planar points. */
    private static TransitionModelChecks<Element> planarChecks(Variant variant) {
        GroupAction<Element> planar = Fixtures.planar(Fixtures.d4(), false);
        return new TransitionModelChecks<>(new PlanarFixtureModel(variant, DataType.FLOAT64), planar, planar,
                FixtureInputs.gaussian(2).draw(4, SEED), FixtureInputs.gaussian(2).draw(4, SEED + 1), manager, SEED)
                .withHiddenActions(List.of(planar));
    }

    /** Every pointwise model rule of a planar fixture model with an equivariant latent, on all of D4. */
    private static List<CheckReport> modelRules(Variant variant) {
        FiniteGroup d4 = Fixtures.d4();
        GroupAction<Element> planar = Fixtures.planar(d4, false);
        TransitionModelChecks<Element> checks = planarChecks(variant);
        List<CheckReport> out = new ArrayList<>();
        out.add(checks.checkForward(List.of(planar), d4.elements()));
        for (Rule rule : List.of(Rule.REQUIRED_PRIOR_EQUIVARIANT, Rule.REQUIRED_PRIOR_DENSITY_INVARIANT,
                Rule.REQUIRED_POSTERIOR_EQUIVARIANT, Rule.REQUIRED_DECODER_EQUIVARIANT,
                Rule.REQUIRED_DECODER_DENSITY_INVARIANT, Rule.REQUIRED_TRANSITION_STEP_EQUIVARIANT)) {
            out.add(checks.check(rule, d4.elements()));
        }
        return out;
    }

    /**
     * Quarter turns and shifts of a 3 x 3 torus whose composition turns the right factor's shift by
     * the right factor's own turn: the group laws catch it as not associative and, as e g != g, as
     * having no left identity; inverses, distance and closure still hold.
     */
    @Test
    void compositionThatTurnsTheShiftByTheWrongFactorIsDetected() {
        rejectedBy(Set.of(Rule.REQUIRED_GROUP_ASSOCIATIVITY, Rule.REQUIRED_GROUP_IDENTITY),
                groupLaws(Fixtures.torusMotions(3, MotionDefect.SHIFT_TURNED_BY_RIGHT_FACTOR)),
                groupLaws(Fixtures.torusMotions(3, MotionDefect.NONE)));
    }

    /** The same group with an inverse that negates the shift without turning it back: only the inverse law fails. */
    @Test
    void inverseThatDoesNotTurnTheShiftBackIsDetected() {
        rejectedBy(Set.of(Rule.REQUIRED_GROUP_INVERSE),
                groupLaws(Fixtures.torusMotions(3, MotionDefect.INVERSE_SHIFT_NOT_TURNED)),
                groupLaws(Fixtures.torusMotions(3, MotionDefect.NONE)));
    }

    /**
     * An action that re-centres a point cloud before turning it: it composes correctly (a projection
     * followed by the true action), so only the identity law catches it.
     */
    @Test
    void identityThatMovesStatesIsDetected() {
        FiniteGroup d4 = Fixtures.d4();
        rejectedBy(Set.of(Rule.REQUIRED_ACTION_IDENTITY), actionLaws(Fixtures.recentredPlanar(d4)),
                actionLaws(Fixtures.planar(d4, false)));
    }

    /**
     * An array form that multiplies row vectors by R instead of R^T (so acts by g^-1 on arrays)
     * while the reference form is right: only the rule comparing the two catches it, on the quarter
     * turns (D4's reflections are symmetric matrices).
     */
    @Test
    void arrayFormThatDisagreesWithTheReferenceIsDetected() {
        FiniteGroup d4 = Fixtures.d4();
        List<CheckReport> broken = actionLaws(Fixtures.planarWithArrayForm(d4, true));
        rejectedBy(Set.of(Rule.REQUIRED_ACTION_ARRAY_MATCHES_REFERENCE), broken,
                actionLaws(Fixtures.planarWithArrayForm(d4, false)));
        assertThat(broken.get(2).worstElement()).isIn("r", "r3");
    }

    /** A prior with one scale per coordinate of its vector latent: its mean is equivariant, its density not invariant. */
    @Test
    void anisotropicPriorIsDetectedByThePriorDensityRule() {
        rejectedBy(Set.of(Rule.REQUIRED_PRIOR_DENSITY_INVARIANT), modelRules(Variant.ANISOTROPIC_PRIOR),
                modelRules(Variant.CORRECT));
    }

    /**
     * A prior whose log-density is taken around its mean shifted by a constant vector (its samples
     * are not shifted): the density disagrees with the samples and does not turn with them.
     */
    @Test
    void priorDensityInconsistentWithItsSamplesIsDetected() {
        rejectedBy(Set.of(Rule.REQUIRED_PRIOR_DENSITY_INVARIANT), modelRules(Variant.PRIOR_DENSITY_OFF_CENTRE),
                modelRules(Variant.CORRECT));
    }

    /** A posterior that reads a coordinate of the target as a scalar feature is caught as not equivariant. */
    @Test
    void posteriorThatReadsACoordinateIsDetected() {
        rejectedBy(Set.of(Rule.REQUIRED_POSTERIOR_EQUIVARIANT), modelRules(Variant.POSTERIOR_READS_A_COORDINATE),
                modelRules(Variant.CORRECT));
    }

    /**
     * A decoder that adds a constant vector b to its mean: its mean rule fails with the offset b
     * recovered from the residuals (b - g·b on every input), and the density and step rules, which read
     * that mean, fail naming it as their likely cause; the prior and posterior rules pass.
     */
    @Test
    void aConstantOffsetInTheDecoderIsNamedAndTheRulesThatReadItNameTheDecoderRule() {
        List<CheckReport> broken = modelRules(Variant.DECODER_OFFSET);
        rejectedBy(Set.of(Rule.REQUIRED_DECODER_EQUIVARIANT, Rule.REQUIRED_DECODER_DENSITY_INVARIANT,
                Rule.REQUIRED_TRANSITION_STEP_EQUIVARIANT), broken, modelRules(Variant.CORRECT));
        CheckReport decoder = report(broken, Rule.REQUIRED_DECODER_EQUIVARIANT);
        assertThat(decoder.reason()).startsWith("constant offset of (0.250, -0.500) in the decoder mean: "
                + "f(g·x) - g·f(x) = b - g·b, the same on every input");
        assertThat(decoder.hint()).contains("bias added after the equivariant layers").isNotEqualTo(
                Rule.REQUIRED_DECODER_EQUIVARIANT.hint());
        assertThat(decoder.likelyCauses()).as("the forward model is equivariant").isEmpty();
        for (Rule follower : List.of(Rule.REQUIRED_DECODER_DENSITY_INVARIANT,
                Rule.REQUIRED_TRANSITION_STEP_EQUIVARIANT)) {
            assertThat(report(broken, follower).likelyCauses()).as(follower.id())
                    .containsExactly(Rule.REQUIRED_DECODER_EQUIVARIANT.id());
        }
        assertThat(report(broken, Rule.REQUIRED_TRANSITION_STEP_EQUIVARIANT).reason())
                .as("the step's output carries the same offset")
                .startsWith("constant offset of (0.250, -0.500) in the step's output");
        CheckReport anisotropic = report(modelRules(Variant.ANISOTROPIC_NOISE), Rule.REQUIRED_DECODER_DENSITY_INVARIANT);
        assertThat(anisotropic.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(anisotropic.likelyCauses()).as("a density that fails on its own names no cause").isEmpty();
    }

    /**
     * One element at a time, as the contracts run the rule: a quarter turn moves all of b, so shows all
     * of it; the reflection s (across the x-axis) leaves b's x part in place, so only the y part is seen,
     * and the message says so.
     */
    @Test
    void theOffsetSeenFromOneElementIsThePartThatElementMoves() {
        TransitionModelChecks<Element> checks = planarChecks(Variant.DECODER_OFFSET);
        Element r = element("r");
        Element s = element("s");
        assertThat(checks.check(Rule.REQUIRED_DECODER_EQUIVARIANT, List.of(r)).reason())
                .startsWith("constant offset of (0.250, -0.500) in the decoder mean").doesNotContain("only the part");
        assertThat(checks.check(Rule.REQUIRED_DECODER_EQUIVARIANT, List.of(s)).reason())
                .startsWith("constant offset of (0.00, -0.500) in the decoder mean")
                .endsWith("(only the part of b that the elements tried move is seen)");
    }

    /**
     * A decoder that adds b in a frame built from its input (first axis along x, second a quarter turn
     * from it): right under rotations, wrong under reflections by a residual of fixed length 2 |b_y| = 1
     * whose direction follows x. The kit names it a frame-dependent offset, not a constant one, and the
     * density and step rules name the decoder rule.
     */
    @Test
    void anOffsetInAFrameOfFixedHandednessIsNamedFrameDependent() {
        List<CheckReport> broken = modelRules(Variant.DECODER_FRAME_OFFSET);
        rejectedBy(Set.of(Rule.REQUIRED_DECODER_EQUIVARIANT, Rule.REQUIRED_DECODER_DENSITY_INVARIANT,
                Rule.REQUIRED_TRANSITION_STEP_EQUIVARIANT), broken, modelRules(Variant.CORRECT));
        CheckReport decoder = report(broken, Rule.REQUIRED_DECODER_EQUIVARIANT);
        assertThat(decoder.reason()).isEqualTo("frame-dependent offset in the decoder mean: f(g·x) - g·f(x) has the "
                + "same length, 1.00, on all 4 inputs but turns with the input");
        assertThat(decoder.hint()).contains("frame(g·x) must be g·frame(x)");
        assertThat(element(decoder.worstElement()).label()).contains("s");
        assertThat(report(broken, Rule.REQUIRED_TRANSITION_STEP_EQUIVARIANT).likelyCauses())
                .containsExactly(Rule.REQUIRED_DECODER_EQUIVARIANT.id());
        TransitionModelChecks<Element> checks = planarChecks(Variant.DECODER_FRAME_OFFSET);
        List<Element> rotations = Fixtures.d4().elements().stream().filter(e -> !e.label().contains("s")).toList();
        assertThat(checks.check(Rule.REQUIRED_DECODER_EQUIVARIANT, rotations).status()).isEqualTo(CheckStatus.PASS);
    }

    /**
     * Errors of other shapes get no offset finding: their failure keeps the rule's own hint (a latent
     * read as scalars, a chiral term, a posterior reading a coordinate).
     */
    @Test
    void errorsOfOtherShapesKeepTheRulesOwnHint() {
        for (Variant v : List.of(Variant.EQUIVARIANT_LATENT_USED_AS_INVARIANT, Variant.CHIRAL)) {
            CheckReport decoder = report(modelRules(v), Rule.REQUIRED_DECODER_EQUIVARIANT);
            assertThat(decoder.status()).as(v.name()).isEqualTo(CheckStatus.FAIL);
            assertThat(decoder.reason()).as(v.name()).isEmpty();
            assertThat(decoder.hint()).as(v.name()).isEqualTo(Rule.REQUIRED_DECODER_EQUIVARIANT.hint());
        }
        CheckReport posterior = report(modelRules(Variant.POSTERIOR_READS_A_COORDINATE),
                Rule.REQUIRED_POSTERIOR_EQUIVARIANT);
        assertThat(posterior.reason()).isEmpty();
        assertThat(posterior.hint()).isEqualTo(Rule.REQUIRED_POSTERIOR_EQUIVARIANT.hint());
    }

    /** A map whose output ignores g, and one whose output moves by g^-1, are named as such. */
    @Test
    void anOutputThatDoesNotMoveAndOneThatMovesByTheInverseAreNamed() {
        FiniteGroup d4 = Fixtures.d4();
        GroupAction<Element> planar = Fixtures.planar(d4, false);
        List<DoubleTensor> inputs = FixtureInputs.gaussian(3, 2).draw(4, SEED);
        BatchMap lengths = x -> {
            NDArray length = x.square().sum(new int[] {2}, true).sqrt();
            return length.concat(length.zerosLike(), 2);
        };
        assertThat(map(lengths, planar, d4.testingElements(), inputs).reason())
                .startsWith("the map's output does not move with g: f(g·x) = f(x) on every input");
        BatchMap conjugate = x -> x.mul(manager.create(new double[] {1, -1}).toType(x.getDataType(), false));
        assertThat(map(conjugate, planar, d4.testingElements(), inputs).reason())
                .startsWith("the map's output moves by g^-1 instead of g: f(g·x) = g^-1·f(x) on every input");
    }

    private static CheckReport report(List<CheckReport> reports, Rule rule) {
        return reports.stream().filter(r -> r.rule().equals(rule.id())).findFirst().orElseThrow();
    }

    private static Element element(String label) {
        return Fixtures.d4().elements().stream().filter(e -> e.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void rightActionDeclaredAsLeftIsDetected() {
        FiniteGroup s3 = Fixtures.s3();
        List<DoubleTensor> inputs = FixtureInputs.labelGrid(8).draw(4, SEED);
        detected(Rule.REQUIRED_ACTION_COMPATIBILITY, ActionLawChecks.compatibility(Fixtures.labels(s3, false, true), s3.elements(), s3.elements(), inputs, SEED),
                ActionLawChecks.compatibility(Fixtures.labels(s3, false, false), s3.elements(), s3.elements(), inputs, SEED));
    }

    @Test
    void rightActionOnPlanarPointsIsDetected() {
        FiniteGroup d4 = Fixtures.d4();
        List<DoubleTensor> inputs = FixtureInputs.gaussian(3, 2).draw(4, SEED);
        detected(Rule.REQUIRED_ACTION_COMPATIBILITY, ActionLawChecks.compatibility(Fixtures.planar(d4, true), d4.elements(), d4.elements(), inputs, SEED),
                ActionLawChecks.compatibility(Fixtures.planar(d4, false), d4.elements(), d4.elements(), inputs, SEED));
    }

    /** An Euler step p' = p + 0.1 v, v' = v is equivariant only if velocities rotate with positions. */
    @Test
    void positionsRotatedButNotVelocitiesIsDetected() {
        FiniteGroup d4 = Fixtures.d4();
        BatchMap euler = x -> {
            NDArray p = x.get(":, :, 0:2");
            NDArray v = x.get(":, :, 2:4");
            return ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(p.add(v.mul(0.1)), v), -1);
        };
        List<DoubleTensor> inputs = FixtureInputs.gaussian(3, 4).draw(4, SEED);
        detected(Rule.REQUIRED_MAP_EQUIVARIANT, map(euler, Fixtures.positionVelocity(d4, false), d4.elements(), inputs),
                map(euler, Fixtures.positionVelocity(d4, true), d4.elements(), inputs));
    }

    /** A 3-tap smoothing on a periodic grid: zero padding breaks translation equivariance at the ends. */
    @Test
    void zeroPaddingWherePeriodicIsDeclaredIsDetected() {
        FiniteGroup z8 = Fixtures.cyclic(8);
        List<DoubleTensor> inputs = FixtureInputs.gaussian(8, 1).draw(4, SEED);
        detected(Rule.REQUIRED_MAP_EQUIVARIANT, map(x -> smooth(x, false), Fixtures.roll(z8), z8.elements(), inputs),
                map(x -> smooth(x, true), Fixtures.roll(z8), z8.elements(), inputs));
    }

    private static NDArray smooth(NDArray x, boolean circular) {
        NDArray left;
        NDArray right;
        if (circular) {
            left = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(x.get(":, -1:"), x.get(":, :-1")), 1);
            right = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(x.get(":, 1:"), x.get(":, 0:1")), 1);
        } else {
            NDArray zero = x.get(":, 0:1").zerosLike();
            left = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(zero, x.get(":, :-1")), 1);
            right = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(x.get(":, 1:"), zero), 1);
        }
        return left.mul(0.25).add(x.mul(0.5)).add(right.mul(0.25));
    }

    /**
     * Erosion of cells at the background (a pixel next to background becomes background) commutes
     * with permutations of cell labels, but not with an action that moves the background label.
     */
    @Test
    void permutationThatMovesTheBackgroundIsDetected() {
        FiniteGroup s3 = Fixtures.s3();
        BatchMap erode = x -> {
            NDArray bg = x.eq(0);
            NDArray left = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(bg.get(":, 0:1").zerosLike(),
                    bg.get(":, :-1")), 1);
            NDArray right = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(bg.get(":, 1:"),
                    bg.get(":, 0:1").zerosLike()), 1);
            NDArray nearBackground = left.logicalOr(right);
            return x.mul(nearBackground.logicalNot().toType(x.getDataType(), false));
        };
        List<DoubleTensor> inputs = FixtureInputs.labelGrid(8).draw(6, SEED);
        detected(Rule.REQUIRED_MAP_EQUIVARIANT, map(erode, Fixtures.labels(s3, true, false), s3.elements(), inputs),
                map(erode, Fixtures.labels(s3, false, false), s3.elements(), inputs));
    }

    /**
     * A map whose output transforms by g^-1 (reflection across the x-axis: f(r x) = r^-1 f(x)).
     * It passes on the involutions e, r^2 and the axis reflections s, r^2 s, so only a check that tries a
     * non-involutive generator (r, 90 degrees) catches it: D4's testing elements include r.
     */
    @Test
    void mapEquivariantOnlyUnderInversesIsDetected() {
        FiniteGroup d4 = Fixtures.d4();
        GroupAction<Element> planar = Fixtures.planar(d4, false);
        BatchMap conjugate = x -> x.mul(manager.create(new double[] {1, -1}).toType(x.getDataType(), false));
        List<DoubleTensor> inputs = FixtureInputs.gaussian(3, 2).draw(4, SEED);
        List<Element> involutions = d4.elements().stream()
                .filter(g -> List.of("e", "r2", "s", "r2s").contains(g.label())).toList();
        CheckReport onInvolutions = map(conjugate, planar, involutions, inputs);
        assertThat(onInvolutions.status()).as("e, r^2 and axis reflections do not reveal it: %s", onInvolutions.describe())
                .isEqualTo(CheckStatus.PASS);
        CheckReport onTesting = map(conjugate, planar, d4.testingElements(), inputs);
        assertThat(onTesting.status()).as(onTesting.describe()).isEqualTo(CheckStatus.FAIL);
        assertThat(onTesting.worstElement()).isIn("r", "r3");
        assertThat(map(x -> x.mul(2), planar, d4.testingElements(), inputs).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void equivariantLatentTreatedAsInvariantIsDetected() {
        detected(Rule.REQUIRED_DECODER_EQUIVARIANT, model(Variant.EQUIVARIANT_LATENT_USED_AS_INVARIANT, true, Rule.REQUIRED_DECODER_EQUIVARIANT),
                model(Variant.CORRECT, true, Rule.REQUIRED_DECODER_EQUIVARIANT));
    }

    @Test
    void invariantLatentUsedAsVectorIsDetected() {
        detected(Rule.REQUIRED_DECODER_EQUIVARIANT, model(Variant.INVARIANT_LATENT_USED_AS_VECTOR, false, Rule.REQUIRED_DECODER_EQUIVARIANT),
                model(Variant.CORRECT, true, Rule.REQUIRED_DECODER_EQUIVARIANT));
        detected(Rule.REQUIRED_TRANSITION_STEP_EQUIVARIANT, model(Variant.INVARIANT_LATENT_USED_AS_VECTOR, false, Rule.REQUIRED_TRANSITION_STEP_EQUIVARIANT),
                model(Variant.CORRECT, true, Rule.REQUIRED_TRANSITION_STEP_EQUIVARIANT));
    }

    @Test
    void anisotropicNoiseIsDetectedByTheDensityRule() {
        assertThat(model(Variant.ANISOTROPIC_NOISE, true, Rule.REQUIRED_DECODER_EQUIVARIANT).status())
                .as("its mean is equivariant").isEqualTo(CheckStatus.PASS);
        detected(Rule.REQUIRED_DECODER_DENSITY_INVARIANT, model(Variant.ANISOTROPIC_NOISE, true, Rule.REQUIRED_DECODER_DENSITY_INVARIANT),
                model(Variant.CORRECT, true, Rule.REQUIRED_DECODER_DENSITY_INVARIANT));
    }

    /** KS over 1000 rollouts per side, 3 steps, seed 7, family-wise alpha 1e-3 (the kit's slow tier). */
    @Test
    @Tag("slow")
    @Tag(ConformanceContract.SLOW_TIER_TAG)
    void anisotropicNoiseIsDetectedByTheRolloutDistribution() {
        FiniteGroup d4 = Fixtures.d4();
        GroupAction<Element> planar = Fixtures.planar(d4, false);
        DoubleTensor x0 = new DoubleTensor(new long[] {2}, new double[] {0.7, -0.3});
        Element r = d4.testingElements().get(1);
        CheckReport broken = DistributionalChecks.rolloutDistribution(
                new PlanarFixtureModel(Variant.ANISOTROPIC_NOISE, DataType.FLOAT64), planar, r, x0, 1000, 3, 1e-3, manager, SEED);
        CheckReport correct = DistributionalChecks.rolloutDistribution(
                new PlanarFixtureModel(Variant.CORRECT, DataType.FLOAT64), planar, r, x0, 1000, 3, 1e-3, manager, SEED);
        detected(Rule.STOCHASTIC_ROLLOUT_DISTRIBUTION_EQUIVARIANT, broken, correct);
    }

    @Test
    void exclusionFileFormatIsParsedAndValidated() {
        List<Exclusion> parsed = Exclusions.parse(List.of("# comment", "", "required_map_equivariant d4 issue 12: zero padding"),
                "test");
        assertThat(parsed).containsExactly(new Exclusion("required_map_equivariant", "d4", "issue 12: zero padding"));
        assertThat(new Exclusions(parsed).find("required_map_equivariant", "d4")).isPresent();
        assertThat(new Exclusions(parsed).find("required_map_equivariant", "so2")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Exclusions.parse(List.of("only-a-rule"), "f.txt"))
                .hasMessageContaining("f.txt line 1");
    }

    private static CheckReport map(BatchMap f, GroupAction<Element> action, List<Element> elements,
            List<DoubleTensor> inputs) {
        return EquivarianceChecks.deterministic(f, DataType.FLOAT64, action, action, elements, inputs, Tolerance.FLOAT64,
                manager, SEED);
    }

    @Test
    void aRotationOnlyModelFailsOnReflectionsAndPassesOnRotations() {
        // The capability flags rest on this: with PARITY undeclared, reflections are skipped, not passed.
        FiniteGroup d4 = Fixtures.d4();
        GroupAction<Element> planar = Fixtures.planar(d4, false);
        TransitionModel chiral = new PlanarFixtureModel(Variant.CHIRAL, DataType.FLOAT64);
        List<DoubleTensor> states = FixtureInputs.gaussian(2).draw(4, SEED);
        List<DoubleTensor> targets = FixtureInputs.gaussian(2).draw(4, SEED + 1);
        List<Element> reflections = d4.elements().stream().filter(e -> e.label().contains("s")).toList();
        List<Element> rotations = d4.elements().stream().filter(e -> !e.label().contains("s")).toList();
        TransitionModelChecks<Element> checks = new TransitionModelChecks<>(chiral, planar, planar, states, targets,
                manager, SEED);
        assertThat(checks.check(Rule.REQUIRED_DECODER_EQUIVARIANT, reflections).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(checks.check(Rule.REQUIRED_DECODER_EQUIVARIANT, rotations).status()).isEqualTo(CheckStatus.PASS);
    }

    private static ModelDescription describe(String name, Variant variant, Set<SymmetryKind> claimed) {
        return ModelDescription.builder(name, (preset, context) -> new PlanarFixtureModel(variant, context.dataType()))
                .description("planar fixture").symmetries(claimed).trainingConfig(preset -> {
                    throw new UnsupportedOperationException("fixture: no training");
                }).build();
    }

    private static CheckReport matches(ModelDescription description) {
        return ModelDescriptionChecks.check(description,
                description.factory().create("tiny", new ModelContext(manager, DataType.FLOAT64, SEED)), SEED);
    }

    private static void caught(CheckReport broken, String reason, CheckReport correct) {
        assertThat(broken.status()).as("broken: %s", broken.describe()).isEqualTo(CheckStatus.FAIL);
        assertThat(broken.reason()).contains(reason);
        assertThat(correct.status()).as("correct twin: %s", correct.describe()).isEqualTo(CheckStatus.PASS);
    }

    /** Components that declare a symmetry for a model whose description claims none claim more than it. */
    @Test
    void componentsClaimingMoreThanTheDescriptionAreDetected() {
        String name = "planar-fixture-correct";
        caught(matches(describe(name, Variant.CORRECT, Set.of())),
                "the forward model declares EQUIVARIANT but the description claims no symmetry",
                matches(describe(name, Variant.CORRECT, EnumSet.allOf(SymmetryKind.class))));
    }

    /** Components that declare NONE while the description claims kinds would leave the claim unchecked. */
    @Test
    void componentsClaimingLessThanTheDescriptionAreDetected() {
        String name = "planar-fixture-no_claim";
        caught(matches(describe(name, Variant.NO_CLAIM, EnumSet.of(SymmetryKind.ROTATIONS))),
                "the decoder declares NONE but the description claims [ROTATIONS]",
                matches(describe(name, Variant.NO_CLAIM, Set.of())));
    }

    @Test
    void aModelBuiltUnderAnotherNameIsDetected() {
        caught(matches(describe("planar", Variant.CORRECT, EnumSet.allOf(SymmetryKind.class))),
                "the model built by description 'planar' is named 'planar-fixture-correct'",
                matches(describe("planar-fixture-correct", Variant.CORRECT, EnumSet.allOf(SymmetryKind.class))));
    }

    private static CheckReport model(Variant variant, boolean equivariantLatent, Rule rule) {
        FiniteGroup d4 = Fixtures.d4();
        GroupAction<Element> planar = Fixtures.planar(d4, false);
        GroupAction<Element> latent = equivariantLatent ? planar : new TrivialAction<>(d4, "latent");
        TransitionModel m = new PlanarFixtureModel(variant, DataType.FLOAT64);
        List<DoubleTensor> states = FixtureInputs.gaussian(2).draw(4, SEED);
        List<DoubleTensor> targets = FixtureInputs.gaussian(2).draw(4, SEED + 1);
        return new TransitionModelChecks<>(m, planar, latent, states, targets, manager, SEED).check(rule, d4.elements());
    }
}
