package io.paddock.browser;

import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmInfo;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.SlmReader;
import io.paddock.protocol.slm.ChecksumPolicy;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;
import io.paddock.protocol.slm.TensorEntry;
import io.paddock.runtime.model.TensorFootprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A base model package held in linear memory exactly as downloaded, read by the same
 * {@link SlmReader} as on the JVM (strict checksum, every validation), plus where each tensor's
 * stored payload and scales lie in that block, so the SIMD kernels read the weights in place.
 *
 * <p>For the SIMD kernels ({@code inPlace}) the tensors are validated but not decoded: each is a
 * {@link TensorData.Stored} over the block, so the tab holds the weights once, in linear memory.
 * The scalar kernels (browsers without SIMD) multiply Java arrays, so for them the tensors are
 * decoded onto the heap as on the JVM (the weights are then held twice: accepted on that path).
 *
 * @param digest     the package digest ({@code sha256:…}), verified against the bytes
 * @param model      the model as the runtime uses it (tensors in place, or decoded)
 * @param bytes      the package bytes in linear memory
 * @param size       package length in bytes
 * @param placements each tensor's decoded data → its stored form inside {@code bytes}
 */
public record LoadedModel(Digest digest, SlmModel model, LinearBlock bytes, int size,
                          Map<TensorData, Placement> placements) {

    public LoadedModel {
        placements = Collections.unmodifiableMap(new IdentityHashMap<>(placements));
    }

    /**
     * Verifies and reads the package in the first {@code size} bytes of {@code block}.
     *
     * @param inPlace leave the tensors in the block ({@link TensorData.Stored}, for the SIMD kernels)
     *                instead of decoding them into Java arrays (for the scalar kernels)
     * @throws io.paddock.protocol.error.FormatException ModelNotLoaded (digest mismatch) or any
     *                                                   reader error (InvalidHeader, ShapeMismatch…)
     */
    public static LoadedModel read(String digest, LinearBlock block, int size, boolean inPlace) {
        Digest verified = PackageDigest.verify(block.buffer(), size, digest);
        BufferSource source = new BufferSource(block.buffer(), size);
        SlmInfo info = SlmReader.readLayout(source, ChecksumPolicy.STRICT);
        List<Tensor> tensors = new ArrayList<>(info.tensors().size());
        Map<TensorData, Placement> placements = new IdentityHashMap<>();
        for (TensorEntry e : info.tensors()) {
            Tensor t = inPlace ? SlmReader.readTensorInPlace(source, info, e) : SlmReader.readTensor(source, info, e);
            tensors.add(t);
            int payload = block.address() + (int) e.entry().byteOffset();
            int scales = e.dtype() == DType.F32 ? 0 : block.address() + (int) e.entry().scaleOffset();
            placements.put(t.data(), new Placement(block, payload, scales));
        }
        return new LoadedModel(verified, new SlmModel(info.model(), info.tokenizer(), tensors), block, size, placements);
    }

    /** Bytes of weights decoded into Java arrays (payload plus scales): 0 when every tensor is read in place. */
    public long heapWeightBytes() {
        long bytes = 0;
        for (Tensor t : model.tensors()) {
            if (!(t.data() instanceof TensorData.Stored)) {
                bytes += TensorFootprint.of(t).totalBytes();
            }
        }
        return bytes;
    }
}
