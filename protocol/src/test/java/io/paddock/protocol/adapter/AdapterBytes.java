package io.paddock.protocol.adapter;

import io.paddock.protocol.hash.FileChecksum;
import io.paddock.protocol.hash.Fnv;
import io.paddock.protocol.slm.SlmModel;

import java.util.Arrays;
import java.util.List;

/** Test helpers: little-endian field edits, checksum repair and small hand-made adapters. */
final class AdapterBytes {
    private AdapterBytes() {
    }

    static long u32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    static long u64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }

    static byte[] setU32(byte[] src, int off, long v) {
        byte[] b = src.clone();
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    static byte[] setU64(byte[] src, int off, long v) {
        return setU32(setU32(src, off, v), off + 4, v >>> 32);
    }

    static byte[] setF32(byte[] src, int off, float v) {
        return setU32(src, off, Float.floatToRawIntBits(v) & 0xFFFFFFFFL);
    }

    /** Recomputes the C1 checksum so that rules after it are reached. */
    static byte[] fixChecksum(byte[] src) {
        byte[] b = src.clone();
        long c = FileChecksum.of(b, AdapterFormat.OFFSET_CHECKSUM);
        return setU64(b, AdapterFormat.OFFSET_CHECKSUM, c);
    }

    /** {@link #fixChecksum} when the checksum field exists, else the bytes unchanged. */
    static byte[] fixChecksumIfLongEnough(byte[] src) {
        return src.length >= AdapterFormat.HEADER_LENGTH ? fixChecksum(src) : src;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static long hash(String name) {
        return Fnv.nameHash(name);
    }

    /** Records sorted by unsigned name hash, as C7 requires. */
    static List<DeltaRecord> sorted(List<DeltaRecord> records) {
        DeltaRecord[] a = records.toArray(new DeltaRecord[0]);
        Arrays.sort(a, (x, y) -> Long.compareUnsigned(x.nameHash(), y.nameHash()));
        return List.of(a);
    }

    /** A dense adapter on two small tensors of the test model (norm 1x32, layers.0.wk 16x32). */
    static Adapter dense(SlmModel model, float scale) {
        float[] norm = ramp(TestModels.HIDDEN, 0.01f);
        float[] wk = ramp(16 * TestModels.HIDDEN, -0.001f);
        return new Adapter(AdapterKind.DENSE, AdapterBinding.of(model, null), scale, sorted(List.of(
                new DeltaRecord.Dense(hash("norm.weight"), 1, TestModels.HIDDEN, norm),
                new DeltaRecord.Dense(hash("layers.0.wk.weight"), 16, TestModels.HIDDEN, wk))));
    }

    /** A sparse adapter: three values in row 2 and one in row 5 of layers.1.wq (32x32), one in norm. */
    static Adapter sparse(SlmModel model, float scale) {
        return new Adapter(AdapterKind.SPARSE, AdapterBinding.of(model, null), scale, sorted(List.of(
                new DeltaRecord.Sparse(hash("layers.1.wq.weight"), 32, 32,
                        new int[] {64, 65, 90, 5 * 32 + 31}, new float[] {0.25f, -0.125f, 0.5f, 0.0625f}),
                new DeltaRecord.Sparse(hash("norm.weight"), 1, 32, new int[] {7}, new float[] {0.3f}))));
    }

    /** A rank-2 adapter on layers.0.w2 (32x64). */
    static Adapter lowRank(SlmModel model, float scale) {
        return new Adapter(AdapterKind.LOW_RANK, AdapterBinding.of(model, null), scale, List.of(
                new DeltaRecord.LowRank(hash("layers.0.w2.weight"), 32, 64, 2,
                        ramp(32 * 2, 0.003f), ramp(2 * 64, -0.002f))));
    }

    static float[] ramp(int n, float step) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = ((i % 17) - 8) * step;
        }
        return v;
    }
}
