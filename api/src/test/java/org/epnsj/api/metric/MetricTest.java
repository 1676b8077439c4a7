package org.epnsj.api.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricTest {

    @Test
    void factoriesAndRefinementsKeepEveryOtherField() {
        Metric m = Metric.curve("msdModel", "pixels²", "mean squared displacement of cell centres")
                .range(Range.NON_NEGATIVE).closerTo("msdData").figure("msd").asOptional();

        assertThat(m.shape()).isEqualTo(Shape.CURVE);
        assertThat(m.unit()).isEqualTo("pixels²");
        assertThat(m.range()).isEqualTo(Range.NON_NEGATIVE);
        assertThat(m.better()).isEqualTo(Better.CLOSER_TO_REFERENCE);
        assertThat(m.reference()).isEqualTo("msdData");
        assertThat(m.figure()).isEqualTo("msd");
        assertThat(m.optional()).isTrue();
    }

    @Test
    void inconsistentDeclarationsAreRejectedNamingTheMetric() {
        assertThatThrownBy(() -> Metric.scalar("a@1", "", "x")).hasMessageContaining("'a@1'");
        assertThatThrownBy(() -> Metric.scalar("speed", "m/s", "two\nlines")).hasMessageContaining("metric 'speed'")
                .hasMessageContaining("description must be one line");
        assertThatThrownBy(() -> Metric.text("note", "why").lowerIsBetter()).hasMessageContaining("metric 'note'")
                .hasMessageContaining("better must be NEITHER");
        assertThatThrownBy(() -> Metric.scalar("x", "", "x").band("lo", "hi")).hasMessageContaining("metric 'x'")
                .hasMessageContaining("only a CURVE has a band");
        assertThatThrownBy(() -> Metric.curve("x", "", "x").figure("Stability")).hasMessageContaining("metric 'x'")
                .hasMessageContaining("'Stability'");
        assertThatThrownBy(() -> new Metric("x", "x", "", Range.ANY, Better.CLOSER_TO_REFERENCE, null, Shape.SCALAR,
                null, null, null, false)).hasMessageContaining("no reference metric");
        assertThatThrownBy(() -> new Range(1, 0)).hasMessageContaining("[1.0, 0.0]");
    }

    @Test
    void aFamilyDeclaresOneScalarPerStepWithTheStepInTheKey() {
        Metric family = Metric.scalar("netDisplacementModel" + Metric.STEP, "pixels", "net displacement at a step");
        assertThat(family.isFamily()).isTrue();
        assertThat(family.matches("netDisplacementModel10")).isTrue();
        assertThat(family.matches("netDisplacementModel")).isFalse();
        assertThat(family.matches("netDisplacementModelX")).isFalse();
        assertThat(family.matches("netDisplacementData10")).isFalse();
        assertThat(Metric.scalar("msd", "", "x").matches("msd10")).isFalse();
        assertThatThrownBy(() -> Metric.curve("msd" + Metric.STEP, "", "x")).hasMessageContaining("must be SCALAR");
        assertThatThrownBy(() -> Metric.scalar("a{b}", "", "x")).hasMessageContaining("'a{b}'");
    }

    @Test
    void rangesClampAndContain() {
        assertThat(Range.UNIT_INTERVAL.clamp(1.2)).isEqualTo(1.0);
        assertThat(Range.NON_NEGATIVE.clamp(-0.5)).isEqualTo(0.0);
        assertThat(Range.ANY.clamp(-7)).isEqualTo(-7.0);
        assertThat(Range.UNIT_INTERVAL.contains(Double.NaN)).isFalse();
    }
}
