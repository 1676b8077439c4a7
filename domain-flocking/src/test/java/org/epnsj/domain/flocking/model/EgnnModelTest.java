package org.epnsj.domain.flocking.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.epnsj.api.spi.ModelContext;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.junit.jupiter.api.Test;

class EgnnModelTest {

    private static final FlockModelSize SIZE = new FlockModelSize(8, 1, 1, 1, 2);

    @Test
    void handedLatentsLeaveAtLeastOneInvariantDimensionAndAddTheirTurnWeights() {
        try (NDManager m = Engines.newManager(Engines.PYTORCH, DeviceKind.CPU)) {
            ModelContext context = new ModelContext(m, DataType.FLOAT32, 1);
            assertThatThrownBy(() -> new EgnnModel("e", context, SIZE, 0.5, 2))
                    .hasMessageContaining("must be in [0, 1] (one of the 2 stays invariant), got 2");
            assertThatThrownBy(() -> new EgnnModel("e", context, SIZE, 0.5, -1)).hasMessageContaining("got -1");
            EgnnModel plain = new EgnnModel("e", context, SIZE, 0.5);
            EgnnModel handed = new EgnnModel("e", context, SIZE, 0.5, 1);
            assertThat(handed.parameters().keySet()).containsAll(plain.parameters().keySet())
                    .contains("posterior.turn.weight", "decoder.turn.weight");
            assertThat(plain.parameters().keySet()).noneMatch(k -> k.contains(".turn."));
        }
    }
}
