package io.paddock.protocol.adapter;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Checks that an adapter binds to a model (C7): flags, tensor count, parameter count,
 * tensor-layout and tokenizer checksums (C6), the parent digest when the adapter carries
 * one, and that every record's tensor exists with exactly the record's shape (1-D tensors
 * are 1×n). The adapter's own content is checked first as the reader would (INVALID_ADAPTER).
 * A mismatch is a FormatException with ADAPTER_MISMATCH naming the field, the adapter's
 * and the model's values, and the field's offset in the adapter file. Never mutates anything.
 */
public final class AdapterValidator {
    private AdapterValidator() {
    }

    /** Full check, including the parent digest against {@code modelSha256} (32 bytes). */
    public static void validate(Adapter adapter, SlmModel model, byte[] modelSha256) {
        if (modelSha256 == null || modelSha256.length != AdapterBinding.PARENT_SHA256_LENGTH) {
            throw new IllegalArgumentException("model SHA-256 must be 32 bytes");
        }
        check(adapter, model, modelSha256, new ModelTensorIndex(model));
    }

    /**
     * Everything except the parent digest, for callers that hold the model but not its file
     * digest. Callers that have the digest use {@link #validate}.
     */
    public static void validateWithoutParent(Adapter adapter, SlmModel model) {
        check(adapter, model, null, new ModelTensorIndex(model));
    }

    static void check(Adapter adapter, SlmModel model, byte[] modelSha256OrNull, ModelTensorIndex index) {
        AdapterContent.check(adapter);
        AdapterBinding a = adapter.binding();
        AdapterBinding m = AdapterBinding.of(model, null);
        requireEqual("flags", AdapterFormat.OFFSET_FLAGS,
                Hex.u32(a.modelFlags()), Hex.u32(m.modelFlags()));
        requireEqual("tensor_count", AdapterFormat.OFFSET_TENSOR_COUNT,
                Integer.toUnsignedString(a.tensorCount()), Integer.toUnsignedString(m.tensorCount()));
        requireEqual("parameter_count", AdapterFormat.OFFSET_PARAMETER_COUNT,
                Long.toUnsignedString(a.parameterCount()), Long.toUnsignedString(m.parameterCount()));
        requireEqual("tensor_layout_checksum", AdapterFormat.OFFSET_LAYOUT_CHECKSUM,
                Hex.u64(a.tensorLayoutChecksum()), Hex.u64(m.tensorLayoutChecksum()));
        requireEqual("tokenizer_checksum", AdapterFormat.OFFSET_TOKENIZER_CHECKSUM,
                Hex.u64(a.tokenizerChecksum()), Hex.u64(m.tokenizerChecksum()));
        if (modelSha256OrNull != null && a.hasParent() && !Arrays.equals(a.parentSha256(), modelSha256OrNull)) {
            throw mismatch("parent_sha256", AdapterFormat.OFFSET_PARENT_SHA256,
                    "sha256:" + Hex.bytes(a.parentSha256()), "sha256:" + Hex.bytes(modelSha256OrNull));
        }
        checkRecords(adapter.records(), index);
    }

    private static void checkRecords(List<DeltaRecord> records, ModelTensorIndex index) {
        long offset = AdapterFormat.HEADER_LENGTH;
        for (DeltaRecord r : records) {
            int position = index.position(r.nameHash());
            if (position < 0) {
                throw new FormatException(ErrorCode.ADAPTER_MISMATCH,
                        "every record's tensor must exist in the model", offset,
                        "name_hash " + Hex.u64(r.nameHash()) + " is not a tensor of the model");
            }
            Tensor t = index.tensor(position);
            String recordShape = Integer.toUnsignedString(r.rows()) + "x" + Integer.toUnsignedString(r.cols());
            String tensorShape = ModelTensorIndex.rows(t) + "x" + ModelTensorIndex.cols(t);
            if (!recordShape.equals(tensorShape)) {
                throw new FormatException(ErrorCode.ADAPTER_MISMATCH,
                        "record shape must equal its tensor's (1-D tensors are 1xn)", offset + 8,
                        index.describe(r.nameHash()) + ": adapter " + recordShape + " != model " + tensorShape);
            }
            offset += AdapterFormat.recordBytes(r);
        }
    }

    private static void requireEqual(String field, long offset, String adapterValue, String modelValue) {
        if (!adapterValue.equals(modelValue)) {
            throw mismatch(field, offset, adapterValue, modelValue);
        }
    }

    private static FormatException mismatch(String field, long offset, String adapterValue, String modelValue) {
        return new FormatException(ErrorCode.ADAPTER_MISMATCH, field + " must match the model", offset,
                field + ": adapter " + adapterValue + " != model " + modelValue);
    }
}
