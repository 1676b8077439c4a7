package org.epnsj.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EnginesTest {

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void bothEnginesLoadOfflineAndCompute(String name) {
        try (NDManager m = Engines.newManager(name, DeviceKind.CPU)) {
            NDArray x = m.create(new float[] {1, 2, 3});
            assertThat(x.sum().getFloat()).isEqualTo(6f);
            assertThat(m.getEngine().getEngineName()).isEqualTo(Engines.canonicalName(name));
        }
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }

    @Test
    void unknownEngineListsKnownOnes() {
        assertThatThrownBy(() -> Engines.canonicalName("tensorflow"))
                .hasMessageContaining("unknown engine 'tensorflow'").hasMessageContaining("PyTorch");
    }

    @Test
    void pyTorchIsTheDefaultUnlessAnotherEngineIsConfigured() {
        String expected = Engines.configuredDefaultEngine().orElse(Engines.PYTORCH);
        assertThat(Engines.defaultEngineName()).isEqualTo(expected);
        assertThat(Engines.canonicalName(null)).isEqualTo(expected);
        assertThat(Engines.canonicalName("mxnet")).isEqualTo(Engines.MXNET);
    }

    @Test
    void aPyTorchManagerMadeOnANewThreadLetsParametersBeUpdatedInPlaceThere() throws Exception {
        // PyTorch records gradients by default on every thread but the one that loaded the engine.
        Engines.newManager("pytorch", DeviceKind.CPU).close();
        java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread worker = new Thread(() -> {
            try (NDManager m = Engines.newManager("pytorch", DeviceKind.CPU)) {
                NDArray weight = m.ones(new ai.djl.ndarray.types.Shape(3));
                weight.setRequiresGradient(true);
                weight.subi(0.5f);
                outcome.set(PyTorchGradMode.enabledOnThisThread() ? "recording" : weight.toFloatArray()[0]);
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        worker.start();
        worker.join();
        assertThat(outcome.get()).isEqualTo(0.5f);
    }

    @Test
    void gpuRequestFailsLoudlyWhenNoGpu() {
        // These machines have no GPU a JVM can use: DJL would fall back to the CPU silently.
        assertThatThrownBy(() -> Engines.newManager("pytorch", DeviceKind.GPU))
                .isInstanceOf(DeviceUnavailableException.class).hasMessageContaining("GPU was requested");
    }
}
