package io.paddock.protocol.slm;

import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.io.ByteSource;
import io.paddock.protocol.io.LittleEndian;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Tensors left in their package bytes ({@link TensorData.Stored}): every value, row and decoded
 * array is exactly what {@link SlmReader#readTensor} produces, the same corrupt bytes are rejected
 * with the same error, and the JVM tools (writer, spec, quantizer) treat them as their decoded form.
 */
class StoredTensorsTest {

    /** A source with only {@link ByteSource#read}: exercises the interface's default single-value reads. */
    private static ByteSource plain(byte[] bytes) {
        ByteSource inner = ByteSource.of(bytes);
        return new ByteSource() {
            public long size() {
                return inner.size();
            }

            public void read(long position, byte[] dst, int offset, int length) {
                inner.read(position, dst, offset, length);
            }
        };
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void everyTensorOfAPackageMatchesItsDecodedForm(DType dtype) {
        for (boolean tied : new boolean[] {false, true}) {
            byte[] bytes = TestModels.bytes(dtype, TokenizerSpec.bpe(300), tied, 7);
            for (ByteSource source : List.of(ByteSource.of(bytes), plain(bytes))) {
                SlmInfo info = SlmReader.readLayout(source, ChecksumPolicy.STRICT);
                for (TensorEntry e : info.tensors()) {
                    TensorData decoded = SlmReader.readTensor(source, info, e).data();
                    Tensor inPlace = SlmReader.readTensorInPlace(source, info, e);
                    assertThat(inPlace.nameHash()).isEqualTo(e.entry().nameHash());
                    assertThat(inPlace.dims()).containsExactly(e.dims());
                    TensorData.Stored s = (TensorData.Stored) inPlace.data();
                    assertThat(s.scaleBytes()).isEqualTo(e.scaleBytes());
                    assertSameValues(decoded, s);
                }
            }
        }
    }

    @Test
    void oddShapesAndExtremeValues() {
        float[] extremes = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
            1.17549421E-38f, -0f, 0f, 1f, -1f, 3.4e38f, 1e-45f, 6.02e23f, (float) Math.PI};
        float[] scales = {Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL, 1.1754942E-38f, 1f, 3.4028233E38f,
            1e-30f, 7.5f};
        int[][] shapes = {{1, 1}, {3, 5}, {7, 13}, {1, 9}, {17, 3}};
        for (int[] shape : shapes) {
            check(f32(shape[0], shape[1], extremes), shape);
            check(q8(shape[0], shape[1], scales), shape);
        }
        int[][] q4Shapes = {{1, 2, 2}, {5, 6, 2}, {3, 10, 10}, {2, 12, 6}, {9, 64, 32}, {4, 6, 6}};
        for (int[] s : q4Shapes) {
            check(q4(s[0], s[1], s[2], scales), new int[] {s[0], s[1]});
        }
        // a 1-D tensor is one row
        check(f32(1, 11, extremes), new int[] {11});
        check(q8(1, 11, scales), new int[] {11});
    }

    @Test
    void aNonFiniteValueBeyondTheFirstChunkIsFoundAtTheSameOffset() {
        int rows = 40;
        int cols = 1000;   // 160 000 bytes: three read chunks
        Package p = f32(rows, cols, new float[] {0.5f, -2f});
        LittleEndian.putInt(p.bytes, 64 + 4 * 30_001, Float.floatToIntBits(Float.POSITIVE_INFINITY));
        DirectoryEntry e = p.entry(new int[] {rows, cols});
        FormatException decoding = assertThrows(FormatException.class, () -> TensorDecoder.decode(p.source(), e, 64));
        FormatException inPlace = assertThrows(FormatException.class, () -> TensorDecoder.inPlace(p.source(), e, 64));
        assertThat(inPlace.getMessage()).isEqualTo(decoding.getMessage());
        assertThat(inPlace.offset()).isEqualTo(64 + 4 * 30_001);
    }

    @Test
    void aStoredTensorMustLieInsideItsBytes() {
        ByteSource b = ByteSource.of(new byte[128]);
        assertThatThrownBy(() -> new TensorData.Stored(4, 8, DType.F32, 0, b, 64, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TensorData.Stored(2, 8, DType.Q8_0, 8, b, 64, 124))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TensorData.Stored(2, 8, DType.Q4_0, 3, b, 0, 64))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TensorData.Stored(2, 8, DType.Q8_0, 4, b, 0, 64))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void anIndexOutsideTheTensorThrowsInsteadOfReadingTheNextBytes(DType dtype) {
        byte[] bytes = TestModels.bytes(dtype, TokenizerSpec.btok(), false, 3);
        for (Tensor t : readInPlace(ByteSource.of(bytes)).tensors()) {
            TensorData.Stored s = (TensorData.Stored) t.data();
            float[] row = new float[s.cols()];
            assertThatThrownBy(() -> s.get(s.rows(), 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> s.get(0, s.cols())).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> s.get(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> s.row(s.rows(), row)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> s.row(0, new float[s.cols() - 1])).isInstanceOf(IndexOutOfBoundsException.class);
            if (s.scaleBytes() > 0) {
                assertThatThrownBy(() -> s.scale((int) (s.scaleBytes() / 4))).isInstanceOf(IndexOutOfBoundsException.class);
            }
        }
        ByteSource source = ByteSource.of(new byte[8]);
        assertThatThrownBy(() -> source.getIntLE(1L << 31)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> source.getByte(8)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> source.getIntLE(5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void writingAModelOfStoredTensorsGivesTheSameBytes(DType dtype) {
        byte[] bytes = TestModels.bytes(dtype, TokenizerSpec.btok(), false, 3);
        SlmModel inPlace = readInPlace(ByteSource.of(bytes));
        SlmModel decoded = SlmReader.read(ByteSource.of(bytes));
        assertThat(SlmWriter.toBytes(inPlace)).isEqualTo(bytes);
        for (int i = 0; i < inPlace.tensors().size(); i++) {
            Tensor s = inPlace.tensors().get(i);
            Tensor d = decoded.tensors().get(i);
            assertThat(TensorSpec.of(s).blockSizeField()).isEqualTo(TensorSpec.of(d).blockSizeField());
            assertThat(TensorSpec.of(s).scaleLength()).isEqualTo(TensorSpec.of(d).scaleLength());
            for (DType target : DType.values()) {
                TestModels.assertSameData(Quantizer.convert(d.data(), target, 16), Quantizer.convert(s.data(), target, 16));
            }
            TestModels.assertSameData(Quantizer.toF32(d.data()), Quantizer.toF32(s.data()));
        }
    }

    static SlmModel readInPlace(ByteSource source) {
        SlmInfo info = SlmReader.readLayout(source, ChecksumPolicy.STRICT);
        List<Tensor> tensors = new ArrayList<>();
        for (TensorEntry e : info.tensors()) {
            tensors.add(SlmReader.readTensorInPlace(source, info, e));
        }
        return new SlmModel(info.model(), info.tokenizer(), tensors);
    }

    // ------------------------------------------------------------------ helpers

    /** Decodes and reads in place the same hand-built tensor (over both kinds of source) and compares. */
    private static void check(Package p, int[] dims) {
        DirectoryEntry e = p.entry(dims);
        for (ByteSource source : List.of(p.source(), plain(p.bytes))) {
            TensorData decoded = TensorDecoder.decode(source, e, 64);
            TensorData.Stored s = TensorDecoder.inPlace(source, e, 64);
            assertSameValues(decoded, s);
        }
    }

    /** Same dtype and shape, every value's bits, every row, the same arrays once decoded, the same payload size. */
    private static void assertSameValues(TensorData decoded, TensorData.Stored s) {
        assertThat(s.dtype()).isEqualTo(decoded.dtype());
        assertThat(s.rows()).isEqualTo(decoded.rows());
        assertThat(s.cols()).isEqualTo(decoded.cols());
        assertThat(s.payloadBytes()).isEqualTo(decoded.payloadBytes());
        float[] row = new float[s.cols()];
        for (int r = 0; r < s.rows(); r++) {
            s.row(r, row);
            for (int c = 0; c < s.cols(); c++) {
                int want = Float.floatToRawIntBits(decoded.get(r, c));
                assertThat(Float.floatToRawIntBits(s.get(r, c))).as("(%d, %d)", r, c).isEqualTo(want);
                assertThat(Float.floatToRawIntBits(row[c])).as("row %d col %d", r, c).isEqualTo(want);
            }
        }
        TestModels.assertSameData(decoded, s.decoded());
    }

    /** One tensor in a file: 64 zero bytes, the payload at 64, the scales at the next multiple of 64. */
    private record Package(byte[] bytes, DType dtype, long payloadLength, long scaleOffset, int blockSize) {
        ByteSource source() {
            return ByteSource.of(bytes);
        }

        DirectoryEntry entry(int[] dims) {
            return new DirectoryEntry(-1, 1, dtype, dims, 64, payloadLength, scaleOffset, blockSize);
        }
    }

    private static Package f32(int rows, int cols, float[] pool) {
        int n = rows * cols;
        byte[] b = new byte[64 + 4 * n];
        for (int i = 0; i < n; i++) {
            LittleEndian.putFloat(b, 64 + 4 * i, pool[(i * 7 + i / 3) % pool.length]);
        }
        return new Package(b, DType.F32, 4L * n, 0, 0);
    }

    private static Package q8(int rows, int cols, float[] scales) {
        int n = rows * cols;
        int scaleAt = align(64 + n);
        byte[] b = new byte[scaleAt + 4 * rows];
        for (int i = 0; i < n; i++) {
            b[64 + i] = (byte) (i * 37 + 128);   // every byte value, -128 included
        }
        for (int r = 0; r < rows; r++) {
            LittleEndian.putFloat(b, scaleAt + 4 * r, scales[r % scales.length]);
        }
        return new Package(b, DType.Q8_0, n, scaleAt, cols);
    }

    private static Package q4(int rows, int cols, int blockSize, float[] scales) {
        int n = rows * cols;
        int scaleAt = align(64 + n / 2);
        int count = rows * (cols / blockSize);
        byte[] b = new byte[scaleAt + 4 * count];
        for (int i = 0; i < n / 2; i++) {
            b[64 + i] = (byte) (i * 29 + 7);   // every nibble, -8 and 7 included
        }
        for (int k = 0; k < count; k++) {
            LittleEndian.putFloat(b, scaleAt + 4 * k, scales[k % scales.length]);
        }
        return new Package(b, DType.Q4_0, n / 2, scaleAt, blockSize);
    }

    private static int align(int n) {
        return (n + 63) & -64;
    }
}
