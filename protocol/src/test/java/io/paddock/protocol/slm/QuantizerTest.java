package io.paddock.protocol.slm;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.io.ByteSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantizerTest {

    private static TensorData.F32 row(float... v) {
        return new TensorData.F32(1, v.length, v);
    }

    @Test
    void q8RoundsHalfToEvenWithScaleAmaxOver127() {
        TensorData.Q8 q = Quantizer.toQ8(row(127f, -63.5f, 0.5f, 1.5f, 2.5f, -127f));

        assertThat(q.rowScales()).containsExactly(1f);
        assertThat(q.quants()).containsExactly(127, -64, 0, 2, 2, -127);
    }

    @Test
    void q8ScaleIsFloatDivision() {
        TensorData.Q8 q = Quantizer.toQ8(new TensorData.F32(2, 3, new float[] {0.3f, -0.1f, 0.2f, 0f, 0f, 0f}));

        assertThat(q.rowScales()).containsExactly(0.3f / 127f, 1f);
        assertThat(q.quants()).containsExactly(127, (byte) Math.rint(-0.1f / (0.3f / 127f)),
                (byte) Math.rint(0.2f / (0.3f / 127f)), 0, 0, 0);
        assertThat(q.get(0, 0)).isEqualTo(127 * (0.3f / 127f));
    }

    @Test
    void q4PacksTwosComplementNibblesLowFirst() {
        TensorData.Q4 q = Quantizer.toQ4(row(7f, -7f, 3.5f, -3.5f, 0.5f, 1.5f), 6);

        assertThat(q.blockScales()).containsExactly(1f);
        assertThat(q.packed()).containsExactly((byte) 0x97, (byte) 0xC4, (byte) 0x20);
        assertThat(new float[] {q.get(0, 0), q.get(0, 1), q.get(0, 2), q.get(0, 3), q.get(0, 4), q.get(0, 5)})
                .containsExactly(7f, -7f, 4f, -4f, 0f, 2f);
    }

    @Test
    void q4UsesOneScalePerBlockOfEachRow() {
        float[] v = new float[2 * 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 4 == 0 ? 14f : 1f) * (i < 8 ? 1 : 2) * (i % 8 < 4 ? 1 : 0.5f);
        }
        TensorData.Q4 q = Quantizer.toQ4(new TensorData.F32(2, 8, v), 4);

        assertThat(q.blockScales()).containsExactly(2f, 1f, 4f, 2f);
        assertThat(q.get(1, 4)).isEqualTo(14f);
    }

    @Test
    void portableRoundingEqualsTheJvmsRintHalfToEven() {
        io.paddock.protocol.random.XorShift64 rng = new io.paddock.protocol.random.XorShift64(77);
        for (int i = 0; i < 200_000; i++) {
            float x = i % 2 == 0 ? (rng.nextFloat() - 0.5f) * 300f : (rng.nextInt(601) - 300) / 2f;
            int jvm = (int) Math.max(-127, Math.min(127, Math.rint(x)));
            assertThat(Quantizer.clampRint(x, -127, 127)).as("x = %s", x).isEqualTo(jvm);
        }
        assertThat(Quantizer.clampRint(-0.5f, -8, 7)).isZero();
        assertThat(Quantizer.clampRint(-1.5f, -8, 7)).isEqualTo(-2);
        assertThat(Quantizer.clampRint(7.5f, -8, 7)).isEqualTo(7);
        assertThat(Quantizer.clampRint(-8.5f, -8, 7)).isEqualTo(-8);
    }

    @Test
    void zeroAndUnderflowingBlocksGetScaleOne() {
        assertThat(Quantizer.toQ8(row(0f, -0f, 0f)).rowScales()).containsExactly(1f);
        TensorData.Q8 tiny = Quantizer.toQ8(row(Float.MIN_VALUE, 0f));
        assertThat(tiny.rowScales()).containsExactly(1f);
        assertThat(tiny.quants()).containsExactly(0, 0);
        assertThat(Quantizer.toQ4(row(0f, 0f), 2).blockScales()).containsExactly(1f);
    }

    @Test
    void nonFiniteInputIsRejected() {
        assertThatThrownBy(() -> Quantizer.toQ8(row(1f, Float.NaN)))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NON_FINITE_VALUE));
        assertThatThrownBy(() -> Quantizer.toQ4(row(Float.POSITIVE_INFINITY, 1f), 2))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void q4BlockSizeMustBeEvenAndDivideCols() {
        assertThatThrownBy(() -> Quantizer.toQ4(row(1, 2, 3, 4, 5, 6), 3)).hasMessageContaining("even");
        assertThatThrownBy(() -> Quantizer.toQ4(row(1, 2, 3, 4, 5, 6), 4)).hasMessageContaining("divide");
        assertThatThrownBy(() -> Quantizer.toQ4(row(1, 2, 3, 4, 5, 6), 0)).hasMessageContaining("got 0");
    }

    @Test
    void blockHelpersRequantizeInPlace() {
        TensorData.Q4 q = Quantizer.toQ4(row(1f, 2f, 3f, 4f, 5f, 6f, 7f, 0f), 4);
        byte[] packed = q.packed().clone();
        float[] block = new float[4];
        Quantizer.dequantizeQ4Block(q, 0, 1, block, 0);
        assertThat(block).containsExactly(q.get(0, 4), q.get(0, 5), q.get(0, 6), q.get(0, 7));

        float scale = Quantizer.quantizeQ4Block(new float[] {-14f, 7f, 0f, 14f}, 0, 4, packed, 4);

        assertThat(scale).isEqualTo(2f);
        assertThat(packed[0]).isEqualTo(q.packed()[0]);
        assertThat(packed[1]).isEqualTo(q.packed()[1]);
        assertThat(packed[2] & 0xFF).isEqualTo(0x49);   // -7 → 9 low, 4 (3.5 → even 4) high
        assertThat(packed[3] & 0xFF).isEqualTo(0x70);
    }

    @Test
    void oddStartingElementOnlyTouchesItsNibbles() {
        byte[] packed = {(byte) 0xAB, (byte) 0xCD};

        Quantizer.quantizeQ4Block(new float[] {7f, -7f}, 0, 2, packed, 1);

        assertThat(packed).containsExactly((byte) 0x7B, (byte) 0xC9);
    }

    @Test
    void rowHelpersMatchWholeTensorQuantization() {
        float[] v = {0.25f, -1f, 0.75f, 0.5f, 3f, -2f};
        TensorData.Q8 whole = Quantizer.toQ8(new TensorData.F32(2, 3, v));
        byte[] quants = new byte[6];

        float s1 = Quantizer.quantizeQ8Row(v, 3, 3, quants, 3);
        float[] back = new float[3];
        Quantizer.dequantizeQ8Row(whole, 1, back, 0);

        assertThat(s1).isEqualTo(whole.rowScales()[1]);
        assertThat(quants[3]).isEqualTo(whole.quants()[3]);
        assertThat(back).containsExactly(whole.get(1, 0), whole.get(1, 1), whole.get(1, 2));
    }

    @Test
    void convertKeepsMatchingDtypeAndRequantizesOtherwise() {
        TensorData.F32 f = row(1f, -2f, 3f, -4f);
        TensorData.Q4 q4 = Quantizer.toQ4(f, 2);

        assertThat(Quantizer.convert(q4, DType.Q4_0, 2)).isSameAs(q4);
        assertThat(Quantizer.convert(f, DType.F32, 32)).isSameAs(f);
        assertThat(((TensorData.Q4) Quantizer.convert(q4, DType.Q4_0, 4)).blockSize()).isEqualTo(4);
        TensorData.F32 back = Quantizer.toF32(Quantizer.convert(q4, DType.Q8_0, 32));
        assertThat(back.values()).hasSize(4);
    }

    @Test
    void modelConverterConvertsEveryTensorIncludingNorms() {
        SlmModel f32 = TestModels.model(DType.F32, TokenizerSpec.bpe(280), false, 9);

        SlmModel q4 = ModelConverter.convert(f32, DType.Q4_0, 32);
        SlmModel q8 = ModelConverter.convert(f32, DType.Q8_0, 32);

        assertThat(q4.tensors()).allMatch(t -> t.data().dtype() == DType.Q4_0);
        assertThat(q8.tensors()).allMatch(t -> t.data().dtype() == DType.Q8_0);
        // the converter and the generator quantize identically
        assertThat(SlmWriter.toBytes(q4)).containsExactly(TestModels.bytes(DType.Q4_0, TokenizerSpec.bpe(280), false, 9));
        assertThat(SlmReader.read(ByteSource.of(SlmWriter.toBytes(q8))).tensors()).hasSize(21);
        assertThatThrownBy(() -> ModelConverter.convert(f32, DType.Q4_0, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tok_embeddings.weight");
    }
}
