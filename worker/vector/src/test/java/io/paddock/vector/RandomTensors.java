package io.paddock.vector;

import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.slm.TensorData;

/** Seeded tensors and vectors for the kernel tests, optionally laced with extreme values. */
final class RandomTensors {
    private final XorShift64 rng;
    private final boolean extremes;

    RandomTensors(long seed, boolean extremes) {
        this.rng = new XorShift64(seed);
        this.extremes = extremes;
    }

    /** Mostly uniform in ±1 with varied exponents; with extremes, also ±0, huge, tiny and subnormal values. */
    float value() {
        float sign = (rng.next() & 1) == 0 ? 1f : -1f;
        if (extremes) {
            switch (rng.nextInt(24)) {
                case 0:
                    return 0f;
                case 1:
                    return -0f;
                case 2:
                    return sign * (1e30f + rng.nextFloat() * 3e38f);
                case 3:
                    return sign * Float.MIN_VALUE * (1 + rng.nextInt(1000));   // subnormal
                case 4:
                    return sign * 1e-30f * rng.nextFloat();
                case 5:
                    return sign * Float.MAX_VALUE;
                default:
                    break;
            }
        }
        float scale = switch (rng.nextInt(4)) {
            case 0 -> 1e-3f;
            case 1 -> 1f;
            case 2 -> 10f;
            default -> 0.05f;
        };
        return sign * rng.nextFloat() * scale;
    }

    float[] vector(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = value();
        }
        return v;
    }

    /** A positive or extreme scale (scales of real files are positive, but kernels must not care). */
    private float scale() {
        return extremes ? value() : 0.001f + rng.nextFloat() * 0.1f;
    }

    TensorData.F32 f32(int rows, int cols) {
        return new TensorData.F32(rows, cols, vector(rows * cols));
    }

    TensorData.Q8 q8(int rows, int cols) {
        byte[] q = new byte[rows * cols];
        for (int i = 0; i < q.length; i++) {
            q[i] = (byte) rng.next();                 // the whole byte range, -128 included
        }
        float[] scales = new float[rows];
        for (int r = 0; r < rows; r++) {
            scales[r] = scale();
        }
        return new TensorData.Q8(rows, cols, q, scales);
    }

    TensorData.Q4 q4(int rows, int cols, int blockSize) {
        byte[] packed = new byte[rows * cols / 2];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = (byte) rng.next();            // every nibble value, -8..7
        }
        float[] scales = new float[rows * (cols / blockSize)];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = scale();
        }
        return new TensorData.Q4(rows, cols, blockSize, packed, scales);
    }
}
