package org.epnsj.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class PyTorchLogLevelTest {

    /** Loading PyTorch through the runtime leaves c10 logging errors only (warnings such as NNPACK's dropped). */
    @Test
    void loadingPyTorchRaisesTheLogThresholdToErrors() {
        try (NDManager m = Engines.newManager("pytorch", DeviceKind.CPU)) {
            assertThat(m.getEngine().getEngineName()).isEqualTo(Engines.PYTORCH);
            if (System.getenv("TORCH_CPP_LOG_LEVEL") == null) {
                assertThat(PyTorchLogLevel.current()).isGreaterThanOrEqualTo(PyTorchLogLevel.ERRORS);
            }
        }
    }
}
