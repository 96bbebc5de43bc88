package io.paddock.runtime.model;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.runtime.kernel.ScalarKernels;
import io.paddock.runtime.sample.Sampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runtime's forward pass against the naive reference, bit for bit, for every kind of tiny model. */
class TransformerTest {

    static List<TinyModels.Spec> specs() {
        List<TinyModels.Spec> specs = new ArrayList<>();
        long seed = 1;
        for (DType dtype : DType.values()) {
            for (boolean bpe : new boolean[] {false, true}) {
                for (boolean tied : new boolean[] {false, true}) {
                    specs.add(TinyModels.Spec.of(dtype, bpe, tied, 4, 4, seed++));   // multi-head
                    specs.add(TinyModels.Spec.of(dtype, bpe, tied, 4, 2, seed++));   // GQA
                    specs.add(TinyModels.Spec.of(dtype, bpe, tied, 4, 1, seed++));   // multi-query
                }
            }
        }
        specs.add(new TinyModels.Spec(DType.Q4_0, false, false, 64, 96, 3, 8, 2, 40, 32, 99));  // block 32, 3 layers
        specs.add(new TinyModels.Spec(DType.F32, false, true, 36, 52, 1, 3, 3, 40, 4, 100));   // odd head dim 12
        return specs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void logitsEqualTheNaiveReferenceBitForBitAtEveryStep(TinyModels.Spec spec) {
        SlmModel slm = TinyModels.build(spec);
        Model model = Model.of(slm);
        State state = new State(model.config());
        NaiveForward naive = new NaiveForward(slm);
        int token = 256;   // BOS
        int steps = spec.maxContext();
        for (int pos = 0; pos < steps; pos++) {
            float[] expected = naive.step(token, pos);
            float[] actual = Transformer.forward(model, state, new ScalarKernels(), token, pos);
            assertThat(bits(actual)).as("%s logits at position %d", spec, pos).isEqualTo(bits(expected));
            assertThat(state.kvLength()).isEqualTo(pos + 1);
            // feed a deterministic mix of greedy and fixed tokens so every position is exercised
            token = pos % 3 == 0 ? Sampler.argmax(actual, actual.length) : 'a' + pos % 26;
        }
    }

    @Test
    void forwardRejectsOutOfRangeTokensAndPositionsWithoutCommitting() {
        Model model = Model.of(TinyModels.build(TinyModels.Spec.of(DType.F32, false, false, 4, 2, 7).withContext(4)));
        State state = new State(model.config());
        ScalarKernels k = new ScalarKernels();
        assertThatThrownBy(() -> Transformer.forward(model, state, k, 260, 0))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_LENGTH));
        assertThatThrownBy(() -> Transformer.forward(model, state, k, -1, 0)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Transformer.forward(model, state, k, 65, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(state.kvLength()).isZero();
        for (int pos = 0; pos < 4; pos++) {
            Transformer.forward(model, state, k, 65, pos);
        }
        assertThatThrownBy(() -> Transformer.forward(model, state, k, 65, 4))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONTEXT_EXCEEDED));
        assertThat(state.kvLength()).isEqualTo(4);
    }

    @Test
    void aStateServesModelsOfTheSameShapeOnly() {
        Model a = Model.of(TinyModels.build(TinyModels.Spec.of(DType.F32, false, false, 4, 2, 1)));
        Model b = Model.of(TinyModels.build(TinyModels.Spec.of(DType.Q8_0, false, true, 4, 2, 2)));
        Model c = Model.of(TinyModels.build(TinyModels.Spec.of(DType.F32, false, false, 4, 4, 3)));
        State state = new State(a.config());
        assertThat(state.fits(b.config())).isTrue();
        assertThat(state.fits(c.config())).isFalse();
        assertThatThrownBy(() -> Transformer.forward(c, state, new ScalarKernels(), 65, 0))
                .isInstanceOf(IllegalArgumentException.class);
        // reusing the state for another model of the same shape gives that model's logits
        state.reset();
        float[] viaShared = Transformer.forward(b, state, new ScalarKernels(), 65, 0).clone();
        float[] viaFresh = Transformer.forward(b, new State(b.config()), new ScalarKernels(), 65, 0);
        assertThat(bits(viaShared)).isEqualTo(bits(viaFresh));
    }

    @Test
    void peakScratchBytesCountsEveryBuffer() {
        Model model = Model.of(TinyModels.build(TinyModels.Spec.of(DType.F32, false, false, 4, 2, 1)));
        ModelConfig c = model.config();
        State state = new State(c);
        long floats = 4L * c.dim() + 2L * c.ffnDim() + 2L * c.kvDim() + (long) c.heads() * c.maxContext()
                + c.vocabSize() + 2L * c.layers() * c.maxContext() * c.kvDim() + (long) c.maxContext() * c.headDim();
        assertThat(state.peakScratchBytes()).isEqualTo(4 * floats).isEqualTo(c.stateBytes());
    }

    static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}
