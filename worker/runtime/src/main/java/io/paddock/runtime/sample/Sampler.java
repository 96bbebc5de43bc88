package io.paddock.runtime.sample;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.suite.Sampling;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;
import io.paddock.runtime.math.PaddockMath;
import io.paddock.runtime.math.Striped;

/**
 * Picks the next token from logits, exactly as C10 says. Temperature 0 is the argmax over the
 * whole vocabulary (ties to the lowest id, no draw). Otherwise: the top_k highest logits
 * (sorted by logit descending, ties by lower id) in fixed 1024-entry buffers (no allocation per
 * token); {@code p_i = exp((l_i − l_max) / T)}; {@code total} = C9 striped sum; normalise;
 * sequential cumulative sums; keep the shortest prefix reaching top_p (the crossing candidate
 * is kept); draw {@code u · kept_mass} once from the PRNG passed in and take the first
 * candidate whose cumulative exceeds it (the last kept one if none). A non-finite or zero
 * total falls back to argmax without a draw.
 *
 * <p>Ranking is a total order: higher logit first, equal logits by lower id, NaN logits after
 * every number, so the greedy argmax may scan slices of the vocabulary on several threads (through
 * {@link Kernels#forEach}) and keep the best of their bests: the same id however it is split. One
 * sampler per thread (the buffers are reused).
 */
public final class Sampler {
    public static final int MAX_TOP_K = 1024;
    private static final int ARGMAX_SLICES = 4;

    private final Kernels kernels;
    private final int[] sliceBest = new int[ARGMAX_SLICES];

    private final float[] scores = new float[MAX_TOP_K];
    private final int[] ids = new int[MAX_TOP_K];
    private final float[] probs = new float[MAX_TOP_K];
    private final float[] cumulative = new float[MAX_TOP_K];

    /** A sampler that scans on the caller's thread alone. */
    public Sampler() {
        this(new ScalarKernels());
    }

    /** A sampler whose greedy argmax may run on {@code kernels}' threads. */
    public Sampler(Kernels kernels) {
        this.kernels = java.util.Objects.requireNonNull(kernels, "kernels");
    }

    /**
     * Rejects settings outside C10's ranges with InvalidSampling naming the setting and the
     * value (never clamps): temperature finite and ≥ 0, top_k in 1..1024, top_p finite in (0, 1].
     */
    public static void validate(Sampling s) {
        if (!(s.temperature() >= 0) || Float.isInfinite(s.temperature())) {
            throw new FormatException(ErrorCode.INVALID_SAMPLING, "temperature must be finite and >= 0",
                    s.temperature());
        }
        if (s.topK() < 1 || s.topK() > MAX_TOP_K) {
            throw new FormatException(ErrorCode.INVALID_SAMPLING, "top_k must be in 1..1024", s.topK());
        }
        if (!(s.topP() > 0 && s.topP() <= 1)) {
            throw new FormatException(ErrorCode.INVALID_SAMPLING, "top_p must be finite and in (0, 1]", s.topP());
        }
    }

    /** The next token for {@code logits[0 .. n)}; draws from {@code rng} at most once. */
    public int sample(float[] logits, int n, Sampling s, XorShift64 rng) {
        validate(s);
        if (s.temperature() == 0) {
            return slicedArgmax(logits, n);
        }

        // the top_k candidates, best first
        int k = topK(logits, n, Math.min(s.topK(), n));

        // p_i = exp((l_i - l_max) / T); total = C9 striped sum
        float max = scores[0];
        float temperature = s.temperature();
        for (int j = 0; j < k; j++) {
            probs[j] = PaddockMath.exp((scores[j] - max) / temperature);
        }
        float total = Striped.sum(probs, 0, k);
        if (!(total > 0) || Float.isInfinite(total)) {
            return argmax(logits, n);
        }

        // normalise, cumulate in order, keep the shortest prefix reaching top_p
        int kept = k;
        float cum = 0f;
        for (int j = 0; j < k; j++) {
            probs[j] = probs[j] / total;
            cum += probs[j];
            cumulative[j] = cum;
            if (cum >= s.topP()) {
                kept = j + 1;
                break;
            }
        }
        float keptMass = cumulative[kept - 1];

        // one draw over the kept mass
        float r = rng.nextFloat() * keptMass;
        for (int j = 0; j < kept; j++) {
            if (cumulative[j] > r) {
                return ids[j];
            }
        }
        return ids[kept - 1];
    }

    /** The id of the highest logit among {@code logits[0 .. n)}, ties to the lowest id. */
    public static int argmax(float[] logits, int n) {
        return argmax(logits, 0, Math.max(n, 1));
    }

    /** {@link #argmax(float[], int)} over slices of the vocabulary, which {@code kernels} may run at once. */
    private int slicedArgmax(float[] logits, int n) {
        int per = (n + ARGMAX_SLICES - 1) / ARGMAX_SLICES;
        if (per < 1) {
            return argmax(logits, n);
        }
        kernels.forEach(ARGMAX_SLICES, 2L * per, p -> {
            int from = p * per;
            int to = Math.min(n, from + per);
            sliceBest[p] = from < to ? argmax(logits, from, to) : -1;
        });
        int best = sliceBest[0];
        for (int p = 1; p < ARGMAX_SLICES; p++) {
            int b = sliceBest[p];
            if (b >= 0 && ranksBefore(logits[b], b, logits[best], best)) {
                best = b;
            }
        }
        return best;
    }

    private static int argmax(float[] logits, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (ranksBefore(logits[i], i, logits[best], best)) {
                best = i;
            }
        }
        return best;
    }

    /** Whether candidate (la, ia) ranks before (lb, ib): higher logit, then lower id; NaN last. */
    static boolean ranksBefore(float la, int ia, float lb, int ib) {
        boolean aNaN = la != la;
        boolean bNaN = lb != lb;
        if (aNaN || bNaN) {
            return aNaN == bNaN ? ia < ib : bNaN;
        }
        if (la != lb) {
            return la > lb;
        }
        return ia < ib;
    }

    /**
     * Fills {@code scores[0..k)} and {@code ids[0..k)} with the k best candidates, best first.
     * A bounded heap whose root is the worst kept candidate, then an in-place heap sort.
     */
    private int topK(float[] logits, int n, int k) {
        int size = 0;
        for (int i = 0; i < n; i++) {
            float l = logits[i];
            if (size < k) {
                scores[size] = l;
                ids[size] = i;
                siftUp(size);
                size++;
            } else if (ranksBefore(l, i, scores[0], ids[0])) {
                scores[0] = l;
                ids[0] = i;
                siftDown(0, size);
            }
        }
        // heap sort: move the worst to the end repeatedly, leaving the best first
        for (int end = size - 1; end > 0; end--) {
            swap(0, end);
            siftDown(0, end);
        }
        return size;
    }

    /** Heap order: a parent ranks after (is worse than) its children. */
    private boolean worse(int a, int b) {
        return ranksBefore(scores[b], ids[b], scores[a], ids[a]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >> 1;
            if (!worse(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i, int size) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && worse(right, left)) {
                worst = right;
            }
            if (!worse(worst, i)) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        int id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
    }
}
