package org.epnsj.symmetry.p4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.epnsj.api.group.DoubleTensor;
import org.epnsj.runtime.engine.DeviceKind;
import org.epnsj.runtime.engine.Engines;
import org.epnsj.runtime.ops.Ops;
import org.junit.jupiter.api.Test;

class P4GroupTest {

    private static DoubleTensor randomCells(int n, int labels, SplittableRandom rng) {
        double[] d = new double[n * n * 2];
        for (int p = 0; p < n * n; p++) {
            int id = rng.nextInt(labels + 1);
            d[2 * p] = id;
            d[2 * p + 1] = id == 0 ? 0 : 1 + id % 4;
        }
        return new DoubleTensor(new long[] {n, n, 2}, d);
    }

    @Test
    void smallP4mIsClosedAndAssociativeOverAllElements() {
        // 8 lattice maps x 4 translations x 2 relabellings = 64 elements, checked exhaustively.
        P4Group g = new P4Group(2, 2, true);
        List<GridSymmetry> all = g.elements();
        assertThat(all).hasSize(64);
        assertThat(new HashSet<>(all)).hasSize(64);
        Set<GridSymmetry> set = new HashSet<>(all);
        for (GridSymmetry a : all) {
            assertThat(g.compose(a, g.inverse(a))).isEqualTo(g.identity());
            assertThat(g.compose(g.identity(), a)).isEqualTo(a);
            for (GridSymmetry b : all) {
                GridSymmetry ab = g.compose(a, b);
                assertThat(set).contains(ab);
                for (GridSymmetry c : all) {
                    assertThat(g.compose(ab, c)).isEqualTo(g.compose(a, g.compose(b, c)));
                }
            }
        }
    }

    @Test
    void actionIsAnExactLeftActionThatFixesTheMedium() {
        P4Group g = new P4Group(5, 6, true);
        LabelGridAction act = new LabelGridAction(g, "cells", 2, 0);
        SplittableRandom rng = new SplittableRandom(3);
        List<GridSymmetry> elements = new ArrayList<>(g.testingElements());
        for (int i = 0; i < 50; i++) {
            elements.add(g.sample(rng));
        }
        DoubleTensor x = randomCells(5, 6, rng);
        for (GridSymmetry a : elements) {
            assertThat(act.act(g.identity(), x)).isEqualTo(x);
            DoubleTensor ax = act.act(a, x);
            // The medium stays medium and types move with their sites.
            for (int p = 0; p < 25; p++) {
                assertThat(ax.data()[2 * p] == 0).isEqualTo(ax.data()[2 * p + 1] == 0);
            }
            for (GridSymmetry b : elements.subList(0, 12)) {
                assertThat(act.act(a, act.act(b, x))).isEqualTo(act.act(g.compose(a, b), x));
            }
        }
    }

    @Test
    void quarterTurnsAndTranslationsMatchNumpySemantics() {
        P4Group g = new P4Group(4, 0, false);
        LabelGridAction act = new LabelGridAction(g, "field", 1);
        double[] d = new double[16];
        for (int i = 0; i < 16; i++) {
            d[i] = i;
        }
        DoubleTensor x = new DoubleTensor(new long[] {4, 4, 1}, d);
        GridSymmetry quarter = new GridSymmetry(1, false, 0, 0, new int[0]);
        DoubleTensor turned = x;
        for (int k = 0; k < 4; k++) {
            turned = act.act(quarter, turned);
            if (k < 3) {
                assertThat(turned).isNotEqualTo(x);
            }
        }
        assertThat(turned).isEqualTo(x);
        // A translation by one row is numpy.roll(x, 1, axis=0).
        DoubleTensor shifted = act.act(new GridSymmetry(0, false, 1, 0, new int[0]), x);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(shifted.data()[((r + 1) % 4) * 4 + c]).isEqualTo(d[r * 4 + c]);
            }
        }
    }

    @Test
    void arrayFormEqualsReferenceFormExactly() {
        P4Group g = new P4Group(6, 5, true);
        LabelGridAction act = new LabelGridAction(g, "cells", 2, 0);
        SplittableRandom rng = new SplittableRandom(8);
        try (NDManager m = Engines.newManager("mxnet", DeviceKind.CPU)) {
            DoubleTensor a = randomCells(6, 5, rng);
            DoubleTensor b = randomCells(6, 5, rng);
            double[] both = new double[a.size() * 2];
            System.arraycopy(a.data(), 0, both, 0, a.size());
            System.arraycopy(b.data(), 0, both, a.size(), b.size());
            NDArray batch = m.create(both, new Shape(2, 6, 6, 2));
            List<GridSymmetry> elements = new ArrayList<>(g.testingElements());
            for (int i = 0; i < 20; i++) {
                elements.add(g.sample(rng));
            }
            for (GridSymmetry e : elements) {
                double[] out = act.act(e, batch).toDoubleArray();
                double[] expected = new double[out.length];
                System.arraycopy(act.act(e, a).data(), 0, expected, 0, a.size());
                System.arraycopy(act.act(e, b).data(), 0, expected, a.size(), b.size());
                assertThat(out).as("%s", e).containsExactly(expected);
            }
            // A translation equals Ops.roll on the spatial axes.
            NDArray rolled = Ops.roll(Ops.roll(batch, 2, 1), 3, 2);
            assertThat(act.act(new GridSymmetry(0, false, 2, 3, new int[0]), batch).toDoubleArray())
                    .containsExactly(rolled.toDoubleArray());
        }
    }

    @Test
    void invalidElementsAndShapesAreRejected() {
        assertThatThrownBy(() -> new GridSymmetry(0, false, 0, 0, new int[] {1, 0})).hasMessageContaining("medium");
        assertThatThrownBy(() -> new GridSymmetry(0, false, 0, 0, new int[] {0, 1, 1})).hasMessageContaining("permutation");
        P4Group g = new P4Group(4, 2, false);
        LabelGridAction act = new LabelGridAction(g, "cells", 2, 0);
        assertThatThrownBy(() -> act.act(g.identity(), DoubleTensor.zeros(3, 3, 2))).hasMessageContaining("(4, 4, 2)");
        assertThatThrownBy(() -> new P4Group(32, 16, false).elements()).isInstanceOf(UnsupportedOperationException.class);
    }
}
