package io.paddock.browser;

import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.model.LayerWeights;
import io.paddock.runtime.model.Model;
import io.paddock.runtime.model.Weights;

import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where every matrix the kernels may meet lies in linear memory, by tensor identity: tensors of
 * loaded packages in place (no copy), tensors that adapters rewrote (new arrays on the Java heap)
 * copied in once per assembled candidate. Copies not used by the model being prepared are dropped.
 */
final class WeightPlacements {
    private static final int ALIGN = 16;

    private final LinearAllocator linear;
    private final Map<TensorData, Placement> inPlace = new IdentityHashMap<>();
    private Map<TensorData, Placement> copies = new IdentityHashMap<>();
    private long copiedBytes;

    WeightPlacements(LinearAllocator linear) {
        this.linear = linear;
    }

    void loaded(LoadedModel model) {
        inPlace.putAll(model.placements());
    }

    void released(LoadedModel model) {
        for (TensorData t : model.placements().keySet()) {
            inPlace.remove(t);
        }
    }

    /** The placement of {@code w}, copying it in if it is neither in place nor copied yet. */
    Placement of(TensorData w) {
        Placement p = inPlace.get(w);
        if (p == null) {
            p = copies.get(w);
            if (p == null) {
                p = copyIn(w);
                copies.put(w, p);
            }
        }
        return p;
    }

    /** Places every matrix {@code model}'s forward pass multiplies by; keeps only its copies. */
    void prepare(Model model) {
        Map<TensorData, Placement> kept = new IdentityHashMap<>();
        Weights w = model.weights();
        for (LayerWeights l : w.layers()) {
            keep(kept, l.wq());
            keep(kept, l.wk());
            keep(kept, l.wv());
            keep(kept, l.wo());
            keep(kept, l.w1());
            keep(kept, l.w2());
            keep(kept, l.w3());
        }
        keep(kept, w.output());
        copies = kept;
    }

    /** Bytes copied into linear memory so far (diagnostics). */
    long copiedBytes() {
        return copiedBytes;
    }

    private void keep(Map<TensorData, Placement> kept, TensorData t) {
        if (!inPlace.containsKey(t)) {
            Placement p = copies.get(t);
            kept.put(t, p != null ? p : copyIn(t));
        }
    }

    /** The tensor's stored form (payload, then its scales 16-aligned) in a new block. */
    private Placement copyIn(TensorData t) {
        // a tensor left in the bytes of a package released since (no longer in place): decoded, copied in
        TensorData w = TensorData.decodedForm(t);
        if (w instanceof TensorData.F32 f) {
            LinearBlock b = allocate(4L * f.values().length);
            b.buffer().asFloatBuffer().put(0, f.values());
            return new Placement(b, b.address(), 0);
        }
        if (w instanceof TensorData.Q8 q) {
            int scalesAt = align(q.quants().length);
            LinearBlock b = allocate((long) scalesAt + 4L * q.rowScales().length);
            b.buffer().put(0, q.quants());
            floatsAt(b.buffer(), scalesAt, q.rowScales());
            return new Placement(b, b.address(), b.address() + scalesAt);
        }
        TensorData.Q4 q = (TensorData.Q4) w;
        int scalesAt = align(q.packed().length);
        LinearBlock b = allocate((long) scalesAt + 4L * q.blockScales().length);
        b.buffer().put(0, q.packed());
        floatsAt(b.buffer(), scalesAt, q.blockScales());
        return new Placement(b, b.address(), b.address() + scalesAt);
    }

    private LinearBlock allocate(long bytes) {
        if (bytes > Integer.MAX_VALUE - ALIGN) {
            throw new OutOfMemoryError("a tensor of " + bytes + " bytes does not fit in linear memory");
        }
        copiedBytes += bytes;
        return linear.allocate((int) Math.max(bytes, ALIGN));
    }

    private static void floatsAt(ByteBuffer buffer, int at, float[] values) {
        buffer.position(at);
        buffer.slice().order(buffer.order()).asFloatBuffer().put(0, values);
        buffer.position(0);
    }

    private static int align(int n) {
        return (n + ALIGN - 1) & -ALIGN;
    }
}
