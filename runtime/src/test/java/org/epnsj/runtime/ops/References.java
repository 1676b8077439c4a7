package org.epnsj.runtime.ops;

/** Plain-Java reference loops for the ops, written from their definitions (not from the DJL code). */
final class References {

    private References() {}

    /** out[(b,) s, f] = Σ_{e: ids[e] = s} values[(b,) e, f]; values (E, F) or (B, E, F). */
    static HostTensor segmentSum(HostTensor values, long[] ids, int numSegments) {
        boolean batched = values.shape.length == 3;
        int b = batched ? values.shape[0] : 1;
        int e = values.shape[values.shape.length - 2];
        int f = values.shape[values.shape.length - 1];
        HostTensor out = batched ? new HostTensor(b, numSegments, f) : new HostTensor(numSegments, f);
        for (int bi = 0; bi < b; bi++) {
            for (int ei = 0; ei < e; ei++) {
                if (ids[ei] < 0 || ids[ei] >= numSegments) {
                    continue;
                }
                for (int fi = 0; fi < f; fi++) {
                    double v = batched ? values.get(bi, ei, fi) : values.get(ei, fi);
                    if (batched) {
                        out.add(v, bi, (int) ids[ei], fi);
                    } else {
                        out.add(v, (int) ids[ei], fi);
                    }
                }
            }
        }
        return out;
    }

    /** out[..., i, ...] = x[..., index[i], ...] on {@code axis}. */
    static HostTensor gather(HostTensor x, long[] index, int axis) {
        int[] shape = x.shape.clone();
        shape[axis] = index.length;
        HostTensor out = new HostTensor(shape);
        for (int k = 0; k < out.data.length; k++) {
            int[] idx = out.index(k);
            idx[axis] = (int) index[idx[axis]];
            out.data[k] = x.get(idx);
        }
        return out;
    }

    /** out[b, c, i, j] = x[b, c, (i - padH) mod H, (j - padW) mod W]. */
    static HostTensor circularPad(HostTensor x, int padH, int padW) {
        int h = x.shape[2];
        int w = x.shape[3];
        HostTensor out = new HostTensor(x.shape[0], x.shape[1], h + 2 * padH, w + 2 * padW);
        for (int k = 0; k < out.data.length; k++) {
            int[] idx = out.index(k);
            out.data[k] = x.get(idx[0], idx[1], Math.floorMod(idx[2] - padH, h), Math.floorMod(idx[3] - padW, w));
        }
        return out;
    }

    /**
     * One counter-clockwise quarter turn with numpy.rot90 semantics on axes (a, b): out has the sizes
     * of a and b swapped and out[.., i@a, j@b, ..] = x[.., j@a, (n_b - 1 - i)@b, ..].
     */
    static HostTensor rot90Once(HostTensor x, int a, int b) {
        int[] shape = x.shape.clone();
        shape[a] = x.shape[b];
        shape[b] = x.shape[a];
        HostTensor out = new HostTensor(shape);
        for (int k = 0; k < out.data.length; k++) {
            int[] idx = out.index(k);
            int[] src = idx.clone();
            src[a] = idx[b];
            src[b] = x.shape[b] - 1 - idx[a];
            out.data[k] = x.get(src);
        }
        return out;
    }

    /** numpy.rot90(x, k, axes=(a, b)) as floorMod(k, 4) single turns. */
    static HostTensor rot90(HostTensor x, int k, int a, int b) {
        HostTensor t = x;
        for (int i = 0; i < Math.floorMod(k, 4); i++) {
            t = rot90Once(t, a, b);
        }
        return t;
    }

    /** numpy.roll: out[.., i@axis, ..] = x[.., ((i - shift) mod n)@axis, ..]. */
    static HostTensor roll(HostTensor x, int shift, int axis) {
        HostTensor out = new HostTensor(x.shape);
        for (int k = 0; k < out.data.length; k++) {
            int[] idx = out.index(k);
            idx[axis] = Math.floorMod(idx[axis] - shift, x.shape[axis]);
            out.data[k] = x.get(idx);
        }
        return out;
    }

    /**
     * Cross-correlation: out[b, o, y, x] = bias[o] + Σ_{c,p,q} in[b, c, y·s + p - pad, x·s + q - pad] ·
     * w[o, c, p, q], with zero outside the input, or with wrap-around indices when {@code circular}
     * (then the padding is (k - 1) / 2 and the output has ceil(H / s) rows).
     */
    static HostTensor conv2d(HostTensor in, HostTensor w, double[] bias, int stride, int pad, boolean circular) {
        int bs = in.shape[0];
        int cin = in.shape[1];
        int h = in.shape[2];
        int wd = in.shape[3];
        int cout = w.shape[0];
        int kh = w.shape[2];
        int kw = w.shape[3];
        int padH = circular ? (kh - 1) / 2 : pad;
        int padW = circular ? (kw - 1) / 2 : pad;
        int oh = (h + 2 * padH - kh) / stride + 1;
        int ow = (wd + 2 * padW - kw) / stride + 1;
        HostTensor out = new HostTensor(bs, cout, oh, ow);
        for (int b = 0; b < bs; b++) {
            for (int o = 0; o < cout; o++) {
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int c = 0; c < cin; c++) {
                            for (int p = 0; p < kh; p++) {
                                for (int q = 0; q < kw; q++) {
                                    int iy = y * stride + p - padH;
                                    int ix = x * stride + q - padW;
                                    if (circular) {
                                        iy = Math.floorMod(iy, h);
                                        ix = Math.floorMod(ix, wd);
                                    } else if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                                        continue;
                                    }
                                    sum += in.get(b, c, iy, ix) * w.get(o, c, p, q);
                                }
                            }
                        }
                        out.set(sum, b, o, y, x);
                    }
                }
            }
        }
        return out;
    }

    /** PyTorch ConvTranspose2d, padding 0: out[b, o, i·s + p, j·s + q] += x[b, c, i, j] · w[c, o, p, q]. */
    static HostTensor convTranspose2d(HostTensor x, HostTensor w, double[] bias, int stride) {
        int bs = x.shape[0];
        int cin = x.shape[1];
        int h = x.shape[2];
        int wd = x.shape[3];
        int cout = w.shape[1];
        int kh = w.shape[2];
        int kw = w.shape[3];
        HostTensor out = new HostTensor(bs, cout, (h - 1) * stride + kh, (wd - 1) * stride + kw);
        for (int b = 0; b < bs; b++) {
            for (int c = 0; c < cin; c++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < wd; j++) {
                        for (int o = 0; o < cout; o++) {
                            for (int p = 0; p < kh; p++) {
                                for (int q = 0; q < kw; q++) {
                                    out.add(x.get(b, c, i, j) * w.get(c, o, p, q), b, o, i * stride + p, j * stride + q);
                                }
                            }
                        }
                    }
                }
            }
        }
        if (bias != null) {
            for (int k = 0; k < out.data.length; k++) {
                out.data[k] += bias[out.index(k)[1]];
            }
        }
        return out;
    }

    /** PyTorch PixelShuffle: out[b, c, h·r + i, w·r + j] = x[b, c·r² + i·r + j, h, w]. */
    static HostTensor pixelShuffle(HostTensor x, int r) {
        int c = x.shape[1] / (r * r);
        HostTensor out = new HostTensor(x.shape[0], c, x.shape[2] * r, x.shape[3] * r);
        for (int k = 0; k < out.data.length; k++) {
            int[] idx = out.index(k);
            int i = idx[2] % r;
            int j = idx[3] % r;
            out.data[k] = x.get(idx[0], idx[1] * r * r + i * r + j, idx[2] / r, idx[3] / r);
        }
        return out;
    }
}
