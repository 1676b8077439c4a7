package org.epnsj.domain.nbody.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.nn.ParameterSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link GraphNetwork} (node terms per node, each engine's pair layout and products from {@link
 * BodyPairs}, {@code Dense.forwardConcatenated}) against the message-passing layer written out on
 * explicit pair inputs [e_ij, h_j, h_i]: the value and the gradients of sum(y · r) with respect to
 * the node features and every parameter agree within {@value #TOLERANCE} relative to the largest
 * entry, in float32 on both engines.
 */
class GraphNetworkTest {

    /** Float32 rounding of sums of a few hundred products. */
    private static final double TOLERANCE = 2e-6;
    private static final int SAMPLES = 3;
    private static final int BODIES = 5;
    private static final int NODE_WIDTH = 4;
    private static final int EDGE_WIDTH = 2;
    private static final int WIDTH = 6;
    private static final int LAYERS = 2;

    @ParameterizedTest
    @ValueSource(strings = {"mxnet", "pytorch"})
    void matchesTheLayerOnExplicitPairInputs(String engine) {
        Map<String, double[]> network = run(engine, (net, p, in) -> net.forward(in.get(0), in.get(1)));
        Map<String, double[]> explicit = run(engine, GraphNetworkTest::explicitForward);
        assertThat(network.keySet()).containsExactlyElementsOf(explicit.keySet());
        for (String key : explicit.keySet()) {
            double[] a = network.get(key);
            double[] b = explicit.get(key);
            assertThat(a).as(key).hasSameSizeAs(b);
            double scale = 0;
            double worst = 0;
            for (int i = 0; i < b.length; i++) {
                scale = Math.max(scale, Math.abs(b[i]));
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            assertThat(scale).as("%s %s is not all zero", engine, key).isGreaterThan(0);
            assertThat(worst / scale).as("%s %s: worst difference relative to the largest entry", engine, key)
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    /** The layers as spec §3.4 states them, on (G, n, n, e + 2d) pair inputs, with the network's parameters. */
    private static NDArray explicitForward(GraphNetwork net, Map<String, NDArray> p, NDList in) {
        NDArray x = in.get(0);
        NDArray edges = in.get(1);
        for (int l = 0; l < LAYERS; l++) {
            String name = "net." + l;
            NDArray senders = x.expandDims(1).repeat(1, BODIES);
            NDArray receivers = x.expandDims(2).repeat(2, BODIES);
            NDArray pairs = NDArrays.concat(new NDList(edges, senders, receivers), -1);
            NDArray pre = Activation.relu(linear(pairs, p, name + ".message.0"));
            NDArray messages = Activation.relu(linear(pre, p, name + ".message.1"));
            NDArray aggregated = messages.sum(new int[] {2});
            NDArray hidden = Activation.relu(linear(NDArrays.concat(new NDList(x, aggregated), -1), p, name + ".node.0"));
            x = linear(hidden, p, name + ".node.1");
        }
        return x;
    }

    private static NDArray linear(NDArray x, Map<String, NDArray> p, String name) {
        return Linear.linear(x, p.get(name + ".weight"), p.get(name + ".bias")).singletonOrThrow();
    }

    /** A forward pass of the network under test, given its parameters by name. */
    private interface Forward {
        NDArray apply(GraphNetwork net, Map<String, NDArray> parameters, NDList inputs);
    }

    /** Value and gradients (h, then every parameter by name) of f on seeded inputs and a fresh seeded network. */
    private static Map<String, double[]> run(String engine, Forward f) {
        try (NDManager m = Engines.newManager(engine, DeviceKind.CPU)) {
            ParameterSet params = new ParameterSet(m, DataType.FLOAT32, 5);
            GraphNetwork net = new GraphNetwork(params, "net", LAYERS, NODE_WIDTH, EDGE_WIDTH, WIDTH);
            NDArray h = seeded(m, 1, new Shape(SAMPLES, BODIES, NODE_WIDTH));
            NDArray edges = seeded(m, 2, new Shape(SAMPLES, BODIES, BODIES, EDGE_WIDTH));
            h.setRequiresGradient(true);
            Map<String, double[]> out = new LinkedHashMap<>();
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                NDArray y = f.apply(net, params.asMap(), new NDList(h, edges));
                out.put("value", floats(y));
                collector.backward(y.mul(seeded(m, 3, y.getShape())).sum());
            }
            out.put("gradient of h", floats(h.getGradient()));
            for (Map.Entry<String, NDArray> e : params.asMap().entrySet()) {
                out.put("gradient of " + e.getKey(), floats(e.getValue().getGradient()));
            }
            return out;
        }
    }

    private static NDArray seeded(NDManager m, long seed, Shape shape) {
        Random random = new Random(seed);
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return m.create(v, shape);
    }

    private static double[] floats(NDArray x) {
        float[] f = x.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
