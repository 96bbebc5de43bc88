package io.paddock.trainer.model;

import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.slm.Quantizer;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;
import io.paddock.protocol.slm.TensorNames;
import io.paddock.protocol.tokenizer.ByteTokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * All tensors of a model of one {@link ModelShape}, in C3 order, as trainable f32 values.
 * Made from a seed ({@link #initialize}) or from a package ({@link #fromSlm}); written with
 * {@link #toSlm()}.
 */
public final class ParamSet {
    /** Standard deviation of the initial weights (GPT-2 style); residual outputs are scaled down. */
    public static final float INIT_STD = 0.02f;

    private final ModelShape shape;
    private final List<Param> params;
    private final Param embed;
    private final List<LayerParams> layers;
    private final Param norm;
    private final Param output;

    private ParamSet(ModelShape shape) {
        this.shape = shape;
        int d = shape.dim();
        int f = shape.ffn();
        List<Param> all = new ArrayList<>();
        embed = add(all, new Param(TensorNames.TOK_EMBEDDINGS, ModelShape.VOCAB, d, false, false));
        List<LayerParams> ls = new ArrayList<>();
        for (int l = 0; l < shape.layers(); l++) {
            ls.add(new LayerParams(
                    add(all, vector(TensorNames.layer(l, "attn_norm"), d)),
                    add(all, linear(TensorNames.layer(l, "wq"), d, d)),
                    add(all, linear(TensorNames.layer(l, "wk"), d, d)),
                    add(all, linear(TensorNames.layer(l, "wv"), d, d)),
                    add(all, linear(TensorNames.layer(l, "wo"), d, d)),
                    add(all, vector(TensorNames.layer(l, "ffn_norm"), d)),
                    add(all, linear(TensorNames.layer(l, "w1"), f, d)),
                    add(all, linear(TensorNames.layer(l, "w2"), d, f)),
                    add(all, linear(TensorNames.layer(l, "w3"), f, d))));
        }
        layers = List.copyOf(ls);
        norm = add(all, vector(TensorNames.NORM, d));
        output = add(all, linear(TensorNames.OUTPUT, ModelShape.VOCAB, d));
        params = List.copyOf(all);
    }

    /**
     * Fresh weights from {@code seed}, drawn in C3 order, row-major, from one XorShift64 stream:
     * matrices uniform with standard deviation {@link #INIT_STD} ({@code wo} and {@code w2}
     * divided by sqrt(2 × layers)), norm weights 1.
     */
    public static ParamSet initialize(ModelShape shape, long seed) {
        ParamSet p = new ParamSet(shape);
        XorShift64 rng = new XorShift64(seed);
        float residualStd = (float) (INIT_STD / Math.sqrt(2.0 * shape.layers()));
        for (Param t : p.params) {
            if (t.vector()) {
                Arrays.fill(t.value(), 1f);
            } else {
                boolean residual = t.name().endsWith(".wo.weight") || t.name().endsWith(".w2.weight");
                uniform(t.value(), rng, residual ? residualStd : INIT_STD);
            }
            t.refreshTransposed();
        }
        return p;
    }

    /** The weights of a package (dequantized to f32). */
    public static ParamSet fromSlm(SlmModel model) {
        ParamSet p = new ParamSet(ModelShape.of(model.header()));
        for (Param t : p.params) {
            TensorData.F32 f = Quantizer.toF32(model.tensor(t.name()).data());
            System.arraycopy(f.values(), 0, t.value(), 0, t.size());
            t.refreshTransposed();
        }
        return p;
    }

    /** An independent copy (values and transposed copies). */
    public ParamSet copy() {
        ParamSet p = new ParamSet(shape);
        copyValuesTo(p);
        return p;
    }

    /** Copies every value (and transposed copy) into {@code target}, which must have the same shape. */
    public void copyValuesTo(ParamSet target) {
        for (int i = 0; i < params.size(); i++) {
            Param from = params.get(i);
            Param to = target.params.get(i);
            System.arraycopy(from.value(), 0, to.value(), 0, from.size());
            if (from.transposed() != null) {
                System.arraycopy(from.transposed(), 0, to.transposed(), 0, from.size());
            }
        }
    }

    /** The model as an f32 SLM1 package (BTOK, untied), tensors in C3 order. */
    public SlmModel toSlm() {
        List<Tensor> tensors = new ArrayList<>(params.size());
        for (Param t : params) {
            tensors.add(Tensor.of(t.name(), new TensorData.F32(t.rows(), t.cols(), t.value().clone()), t.dims()));
        }
        return new SlmModel(shape.header(), new ByteTokenizer(), tensors);
    }

    public ModelShape shape() {
        return shape;
    }

    /** All tensors in C3 order. */
    public List<Param> all() {
        return params;
    }

    /** The tensor with this canonical name; IllegalArgumentException if absent. */
    public Param byName(String name) {
        for (Param p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no tensor named " + name);
    }

    /** The index of {@code param} in {@link #all()}. */
    public int indexOf(Param param) {
        int i = params.indexOf(param);
        if (i < 0) {
            throw new IllegalArgumentException("not a tensor of this set: " + param.name());
        }
        return i;
    }

    public Param embed() {
        return embed;
    }

    public LayerParams layer(int l) {
        return layers.get(l);
    }

    public Param norm() {
        return norm;
    }

    public Param output() {
        return output;
    }

    private static Param add(List<Param> all, Param p) {
        all.add(p);
        return p;
    }

    private static Param vector(String name, int n) {
        return new Param(name, 1, n, true, false);
    }

    private static Param linear(String name, int rows, int cols) {
        return new Param(name, rows, cols, false, true);
    }

    private static void uniform(float[] v, XorShift64 rng, float std) {
        float amplitude = (float) (std * Math.sqrt(3.0));
        for (int i = 0; i < v.length; i++) {
            v[i] = (rng.nextFloat() * 2f - 1f) * amplitude;
        }
    }
}
