package io.paddock.runtime.model;

import io.paddock.protocol.hash.Fnv;
import io.paddock.protocol.io.ByteSource;
import io.paddock.protocol.io.ByteSources;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;
import io.paddock.protocol.slm.TensorNames;

/**
 * C8: FNV-1a 64 over, in C3 tensor order, each tensor's name hash (8 LE bytes), then its
 * payload bytes as stored (f32 as LE float bits, q8 bytes, q4 packed bytes), then its scale
 * bytes (LE float bits). Two workers that assembled the same candidate report the same value.
 */
public final class AssemblyChecksum {
    private AssemblyChecksum() {
    }

    public static long of(SlmModel slm) {
        long h = Fnv.BASIS;
        for (String name : TensorNames.canonicalOrder(slm.header().layerCount(), slm.header().tiedOutput())) {
            Tensor t = slm.tensor(name);
            h = Fnv.updateLong(h, t.nameHash());
            h = update(h, t.data());
        }
        return h;
    }

    private static long update(long h, TensorData d) {
        if (d instanceof TensorData.Stored s) {
            // the stored payload and scale bytes are exactly the bytes hashed below for decoded data
            h = bytes(h, s.bytes(), s.payloadOffset(), s.payloadBytes());
            return bytes(h, s.bytes(), s.scaleOffset(), s.scaleBytes());
        }
        if (d instanceof TensorData.F32 f) {
            return floats(h, f.values());
        } else if (d instanceof TensorData.Q8 q) {
            h = Fnv.update(h, q.quants(), 0, q.quants().length);
            return floats(h, q.rowScales());
        }
        TensorData.Q4 q = (TensorData.Q4) d;
        h = Fnv.update(h, q.packed(), 0, q.packed().length);
        return floats(h, q.blockScales());
    }

    private static long bytes(long h, ByteSource source, long offset, long length) {
        byte[] chunk = new byte[(int) Math.min(ByteSources.CHUNK, length)];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(chunk.length, length - done);
            source.read(offset + done, chunk, 0, n);
            h = Fnv.update(h, chunk, 0, n);
            done += n;
        }
        return h;
    }

    private static long floats(long h, float[] values) {
        for (float v : values) {
            h = Fnv.updateInt(h, Float.floatToRawIntBits(v));
        }
        return h;
    }
}
