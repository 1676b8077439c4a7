package org.epnsj.domain.cellular;

import ai.djl.ndarray.NDArray;
import org.epnsj.api.model.Distribution;
import org.epnsj.api.model.NoiseSource;
import org.epnsj.api.model.Readout;

/** The next cell state from a prediction: ids per pixel, types re-derived from the id-to-type map. */
final class CellReadout {

    private CellReadout() {}

    /**
     * MEAN and MODE both give the per-pixel argmax, tied maxima read as the medium
     * ({@link CellStateDistribution#mode()}; a label map has no mean, and the reference feeds the argmax
     * back), SAMPLE a per-pixel draw.
     */
    static NDArray next(Distribution prediction, Readout readout, NoiseSource noise) {
        if (!(prediction instanceof CellStateDistribution cells)) {
            throw new IllegalArgumentException("expected a predicted cell state, got "
                    + prediction.getClass().getSimpleName());
        }
        return switch (readout) {
            case MEAN, MODE -> cells.mode();
            case SAMPLE -> cells.sample(noise);
        };
    }
}
