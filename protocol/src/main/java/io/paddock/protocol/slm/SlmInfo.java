package io.paddock.protocol.slm;

import io.paddock.protocol.tokenizer.BpeTokenizer;
import io.paddock.protocol.tokenizer.Tokenizer;

import java.util.List;

/**
 * What {@code paddock inspect} shows of a validated package: every header field, the tokenizer,
 * the resolved directory in C3 order, the parameter count and every checksum (C1 stored and
 * computed, C6 tokenizer and tensor layout). Also the handle for reading tensors one by one.
 *
 * @param warnings non-fatal findings, e.g. a checksum mismatch accepted by {@link ChecksumPolicy#LENIENT}
 */
public record SlmInfo(
        SlmHeader header,
        long fileSize,
        Tokenizer tokenizer,
        List<TensorEntry> tensors,
        long parameterCount,
        long computedChecksum,
        long tokenizerChecksum,
        long tensorLayoutChecksum,
        List<String> warnings) {

    public SlmInfo {
        tensors = List.copyOf(tensors);
        warnings = List.copyOf(warnings);
    }

    public ModelHeader model() {
        return header.model();
    }

    public long storedChecksum() {
        return header.checksum();
    }

    public boolean checksumMatches() {
        return header.checksum() == computedChecksum;
    }

    /** "BTOK" or "BPE1". */
    public String tokenizerKind() {
        return tokenizer instanceof BpeTokenizer ? "BPE1" : "BTOK";
    }

    /** Merge rules of a BPE1 tokenizer, 0 for BTOK. */
    public int mergeCount() {
        return tokenizer instanceof BpeTokenizer ? ((BpeTokenizer) tokenizer).merges().size() : 0;
    }

    /** The storage type label when all tensors share one ("f32", "q8_0", "q4_0"), else "mixed". */
    public String quantization() {
        DType first = tensors.get(0).dtype();
        for (TensorEntry t : tensors) {
            if (t.dtype() != first) {
                return "mixed";
            }
        }
        return first.label();
    }
}
