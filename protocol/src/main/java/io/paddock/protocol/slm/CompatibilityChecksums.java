package io.paddock.protocol.slm;

import io.paddock.protocol.hash.Fnv;

import java.util.Arrays;
import java.util.List;

/** C6: what an adapter binds to. Each choice is one named function. */
public final class CompatibilityChecksums {
    private CompatibilityChecksums() {
    }

    /** FNV-1a 64 over the tokenizer section's bytes. */
    public static long tokenizerChecksum(byte[] tokenizerSection) {
        return Fnv.hash(tokenizerSection);
    }

    /**
     * FNV-1a 64 over, for each tensor sorted by name hash ascending (unsigned), the 28 bytes
     * {@code name_hash u64, rank u32, dim0..dim3 u32} (dtype and block size excluded).
     */
    public static long tensorLayoutChecksum(List<Tensor> tensors) {
        Tensor[] sorted = tensors.toArray(new Tensor[0]);
        Arrays.sort(sorted, (a, b) -> Long.compareUnsigned(a.nameHash(), b.nameHash()));
        long h = Fnv.BASIS;
        for (Tensor t : sorted) {
            h = Fnv.updateLong(h, t.nameHash());
            h = Fnv.updateInt(h, t.rank());
            for (int d = 0; d < 4; d++) {
                h = Fnv.updateInt(h, d < t.rank() ? t.dims()[d] : 0);
            }
        }
        return h;
    }
}
