package org.epnsj.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The components' {@code of} factories declare what they are given and pass every argument on. */
class ComponentFactoriesTest {

    @Test
    void priorDeclaresItsTransformationAndLayoutAndPassesItsArgumentsOn() {
        List<Object> seen = new ArrayList<>();
        NDList h = new NDList();
        ConditionalPrior prior = ConditionalPrior.of(Transformation.INVARIANT, LatentLayout.GLOBAL,
                (given, training) -> {
                    seen.add(given);
                    seen.add(training);
                    return null;
                });
        assertThat(prior.transformation()).isEqualTo(Transformation.INVARIANT);
        assertThat(prior.layout()).isEqualTo(LatentLayout.GLOBAL);
        prior.prior(h, true);
        assertThat(seen).containsExactly(h, true);
        assertThat(prior).hasToString("ConditionalPrior[INVARIANT, GLOBAL]");
    }

    @Test
    void forwardPosteriorAndDecoderPassTheirArgumentsOn() {
        List<Object> seen = new ArrayList<>();
        NDList h = new NDList();
        ForwardModel forward = ForwardModel.of(Transformation.EQUIVARIANT, (state, training) -> {
            seen.add(training);
            return h;
        });
        ApproximatePosterior posterior = ApproximatePosterior.of(Transformation.NONE, (given, target, training) -> {
            seen.add(given);
            seen.add(training);
            return null;
        });
        Decoder decoder = Decoder.of(Transformation.EQUIVARIANT, (given, z, training) -> {
            seen.add(given);
            seen.add(training);
            return null;
        });
        assertThat(forward.forward(null, false)).isSameAs(h);
        posterior.posterior(h, null, true);
        decoder.decode(h, null, false);
        assertThat(seen).containsExactly(false, h, true, h, false);
        assertThat(List.of(forward.transformation(), posterior.transformation(), decoder.transformation()))
                .containsExactly(Transformation.EQUIVARIANT, Transformation.NONE, Transformation.EQUIVARIANT);
        assertThat(List.of(forward.toString(), posterior.toString(), decoder.toString()))
                .containsExactly("ForwardModel[EQUIVARIANT]", "ApproximatePosterior[NONE]", "Decoder[EQUIVARIANT]");
    }

    @Test
    void missingArgumentsAreNamed() {
        assertThatThrownBy(() -> Decoder.of(null, (h, z, training) -> null))
                .isInstanceOf(NullPointerException.class).hasMessage("transformation");
        assertThatThrownBy(() -> ForwardModel.of(Transformation.NONE, null))
                .isInstanceOf(NullPointerException.class).hasMessage("computation");
        assertThatThrownBy(() -> ConditionalPrior.of(Transformation.NONE, null, (h, training) -> null))
                .isInstanceOf(NullPointerException.class).hasMessage("layout");
    }
}
