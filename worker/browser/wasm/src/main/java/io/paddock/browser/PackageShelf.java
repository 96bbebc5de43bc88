package io.paddock.browser;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterReader;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packages this tab holds, by digest: base models (kept in linear memory, read in place by
 * the kernels) and adapters. Bytes arrive into a block allocated here (JS writes the download
 * straight into linear memory), then are verified against their digest and read by the same
 * readers as on the JVM. The least recently used packages beyond the limits are released.
 */
final class PackageShelf {
    /** Largest package one tab accepts (2 GiB linear memory, minus room for everything else). */
    static final int MAX_PACKAGE_BYTES = 1536 << 20;

    private final LinearAllocator linear;
    private final LinearKernels kernels;
    private final int maxModels;
    private final int maxAdapters;
    private final Map<Integer, LinearBlock> incoming = new HashMap<>();
    private final LinkedHashMap<String, LoadedModel> models = new LinkedHashMap<>(8, 0.75f, true);
    private final LinkedHashMap<String, Adapter> adapters = new LinkedHashMap<>(64, 0.75f, true);
    private int nextHandle = 1;

    /** @param kernels told about loaded and released models; null for kernels that read the Java arrays */
    PackageShelf(LinearAllocator linear, LinearKernels kernels, int maxModels, int maxAdapters) {
        this.linear = linear;
        this.kernels = kernels;
        this.maxModels = maxModels;
        this.maxAdapters = maxAdapters;
    }

    /** A fresh block for a download of {@code size} bytes; returns its handle. */
    int allocate(long size) {
        if (size <= 0 || size > MAX_PACKAGE_BYTES) {
            throw new FormatException(ErrorCode.INVALID_LENGTH, "a package must have 1.." + MAX_PACKAGE_BYTES + " bytes", size);
        }
        int handle = nextHandle++;
        incoming.put(handle, linear.allocate((int) size));
        return handle;
    }

    /** The block of an allocated, not yet loaded download. */
    LinearBlock block(int handle) {
        LinearBlock b = incoming.get(handle);
        if (b == null) {
            throw new FormatException(ErrorCode.INVALID_MESSAGE, "no download is pending under this handle", handle);
        }
        return b;
    }

    /** Forgets a pending download (it failed). */
    void discard(int handle) {
        incoming.remove(handle);
    }

    /** Verifies and reads the model in {@code handle}'s block; a model already held is returned as is. */
    LoadedModel loadModel(int handle, String digest) {
        LinearBlock block = block(handle);
        incoming.remove(handle);
        LoadedModel held = models.get(digest);
        if (held != null) {
            return held;
        }
        // the linear-memory kernels read the tensors in place; the scalar ones need them decoded
        LoadedModel m = LoadedModel.read(digest, block, block.size(), kernels != null);
        models.put(digest, m);
        if (kernels != null) {
            kernels.loaded(m);
        }
        while (models.size() > maxModels) {
            release(models.keySet().iterator().next());
        }
        return m;
    }

    /** Verifies and reads the adapter in {@code handle}'s block (the block is freed afterwards). */
    Adapter loadAdapter(int handle, String digest) {
        LinearBlock block = block(handle);
        incoming.remove(handle);
        Adapter held = adapters.get(digest);
        if (held != null) {
            return held;
        }
        PackageDigest.verify(block.buffer(), block.size(), digest);
        byte[] bytes = new byte[block.size()];
        block.buffer().get(0, bytes);
        Adapter a = AdapterReader.read(bytes);
        adapters.put(digest, a);
        while (adapters.size() > maxAdapters) {
            adapters.remove(adapters.keySet().iterator().next());
        }
        return a;
    }

    /** The loaded model, or ModelNotLoaded. */
    LoadedModel model(String digest) {
        LoadedModel m = models.get(digest);
        if (m == null) {
            throw new FormatException(ErrorCode.MODEL_NOT_LOADED, "the model package must be loaded first", digest);
        }
        return m;
    }

    /** The loaded adapter, or ModelNotLoaded. */
    Adapter adapter(String digest) {
        Adapter a = adapters.get(digest);
        if (a == null) {
            throw new FormatException(ErrorCode.MODEL_NOT_LOADED, "the adapter package must be loaded first", digest);
        }
        return a;
    }

    boolean holds(String digest) {
        return models.containsKey(digest) || adapters.containsKey(digest);
    }

    /** Drops a package (a model's linear memory is freed once nothing references it). */
    void release(String digest) {
        LoadedModel m = models.remove(digest);
        if (m != null && kernels != null) {
            kernels.released(m);
        }
        adapters.remove(digest);
    }

    /** Digests held, models first. */
    List<String> held() {
        List<String> out = new ArrayList<>(models.keySet());
        out.addAll(adapters.keySet());
        return out;
    }
}
